package org.bernoulli.local;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabelCoding;
import org.bernoulli.data.LibSvmParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The driver parses a file in ranges on every core and gets what one thread reading it line by line
 * gets: the same rows in the same order, and the same bad line named — in the first range, a middle one
 * or the last — with its exact number, whatever the line ends (LF, CR, CRLF, a cut between a CR and its LF).
 */
class ParallelParseTest {
    private static final int FEATURES = 5;

    /** LIBSVM lines, their ends drawn from LF, CRLF and CR, the last without one; non-ASCII in comments. */
    private static String data(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        String[] ends = {"\n", "\r\n", "\r"};
        for (int i = 0; i < rows; i++) {
            text.append(random.nextBoolean() ? "1" : "0");
            for (int j = 1; j <= FEATURES; j++) {
                if (random.nextInt(3) > 0) {
                    text.append(' ').append(j).append(':').append(random.nextGaussian());
                }
            }
            if (i % 17 == 0) {
                text.append(" # µ–é comment");
            }
            if (i < rows - 1) {
                text.append(ends[random.nextInt(ends.length)]);
            }
        }
        return text.toString();
    }

    private static List<FeatureBlock> parse(Path file, long rangeBytes) {
        return new LocalLines("test", List.of(file), rangeBytes)
                .parse(LibSvmParser.training(FEATURES, LabelCoding.BINARY), FEATURES, null, null).blocks();
    }

    /** Each row's label and margin under fixed coefficients (which the row's every value enters), in order. */
    private static double[][] rows(List<FeatureBlock> blocks) {
        double[] packed = {0.3, -1.7, 2.9, 0.011, -5.3, 0.5};
        List<double[]> rows = new ArrayList<>();
        for (FeatureBlock block : blocks) {
            double[] margins = new double[block.rows()];
            block.margins(packed, margins);
            for (int i = 0; i < block.rows(); i++) {
                rows.add(new double[] {block.label(i), margins[i]});
            }
        }
        return rows.toArray(new double[0][]);
    }

    @Test
    void rangesGiveTheRowsOfOneReadInOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.libsvm"), data(3000, 1), StandardCharsets.UTF_8);
        double[][] whole = rows(parse(file, Long.MAX_VALUE));
        assertEquals(3000, whole.length);
        for (long rangeBytes : new long[] {1, 7, 100, 4096, 50_000}) {
            double[][] ranged = rows(parse(file, rangeBytes));
            assertEquals(whole.length, ranged.length, "range " + rangeBytes);
            for (int i = 0; i < whole.length; i++) {
                assertArrayEquals(whole[i], ranged[i], 0.0, "row " + (i + 1) + ", ranges of " + rangeBytes);
            }
        }
    }

    @Test
    void aBadLineIsNamedExactlyInTheFirstAMiddleAndTheLastRange(@TempDir Path dir) throws Exception {
        String good = data(3000, 2);
        // One line per break: the text's lines as one reader splits them, ends kept as they are.
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < good.length(); i++) {
            char c = good.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == good.length() || good.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        assertEquals(3000, starts.size());
        for (int line : new int[] {1, 2, 1499, 2999, 3000}) {
            int at = starts.get(line - 1);
            String bad = good.substring(0, at) + "1 2:abc" + good.substring(at).replaceFirst("^[^\r\n]*", "");
            Path file = Files.writeString(dir.resolve("bad-" + line + ".libsvm"), bad, StandardCharsets.UTF_8);
            String expected = "file:" + file.toAbsolutePath() + " line " + line + ": feature 2: 'abc' is not a number";
            BadInputException one = assertThrows(BadInputException.class, () -> parse(file, Long.MAX_VALUE));
            assertEquals(expected, one.getMessage());
            for (long rangeBytes : new long[] {64, 1000, 20_000}) {
                BadInputException ranged = assertThrows(BadInputException.class, () -> parse(file, rangeBytes));
                assertEquals(expected, ranged.getMessage(), "ranges of " + rangeBytes);
            }
        }
    }

    @Test
    void theFirstBadLineInFileOrderIsTheOneNamed(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            text.append(i == 700 ? "1 1:x" : i == 1900 ? "1 9:1" : "1 1:0.5").append('\n');
        }
        Path file = Files.writeString(dir.resolve("two-bad.libsvm"), text);
        for (long rangeBytes : new long[] {10, 3000, Long.MAX_VALUE}) {
            BadInputException e = assertThrows(BadInputException.class, () -> parse(file, rangeBytes));
            assertEquals("file:" + file.toAbsolutePath() + " line 700: feature 1: 'x' is not a number", e.getMessage());
        }
    }
}
