package org.bernoulli.local;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.CsvSchema;
import org.bernoulli.data.FeatureBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numeric CSV read from the bytes of a plain file (each plain line parsed in place into its block)
 * gives what the text path gives — the same file gzipped, which is read line by line as text: the
 * same rows, values to the bit, weights and offsets, in the same order; and for a bad line the same
 * message with the same line number. The lines mix what the byte path takes with what it leaves to
 * the text path: quoted cells, blanks around numbers, non-ASCII text, signs, exponents, −0, −1 labels.
 * Under both, the lines of a file's ranges, read as bytes, are its lines as {@link BufferedReader} reads
 * them, whatever the line ends and wherever the cuts fall.
 */
class ByteParseTest {
    private static final List<String> HEADER = List.of("y", "x1", "x2", "w", "note", "off", "x3");

    private static CsvRowParser parser() {
        return new CsvRowParser(CsvSchema.resolve(HEADER, "y", List.of("x1", "x2", "x3"), "w", "off", "test"));
    }

    private static String line(Random random) {
        String[] numbers = {"0", "1", "-0.0", "+2.5E+10", "1e-3", ".5", "-3.", " 7 ", "\t8.25", "123456789012345678901234",
            "4.9e-324", "-1.7976931348623157e150", String.valueOf(random.nextGaussian())};
        String[] notes = {"plain", "", "\"quoted, with a comma\"", "µ–é", "a b"};
        String label = new String[] {"1", "0", "-1", "+1", "1.0", " 0 "}[random.nextInt(6)];
        return String.join(",", label, numbers[random.nextInt(numbers.length)], numbers[random.nextInt(numbers.length)],
                new String[] {"1", "0.5", "2e1", "0"}[random.nextInt(4)], notes[random.nextInt(notes.length)],
                numbers[random.nextInt(numbers.length)].replace("123456789012345678901234", "1"),
                numbers[random.nextInt(numbers.length)]);
    }

    private static String csv(List<String> lines, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(String.join(",", HEADER)).append('\n');
        String[] ends = {"\n", "\r\n", "\r"};
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i));
            if (i < lines.size() - 1 || random.nextBoolean()) {
                text.append(ends[random.nextInt(ends.length)]);
            }
        }
        return text.toString();
    }

    /** Each row as label, weight, offset and its three values. */
    private static List<double[]> rows(List<FeatureBlock> blocks) {
        List<double[]> rows = new ArrayList<>();
        for (FeatureBlock block : blocks) {
            for (int i = 0; i < block.rows(); i++) {
                double[] row = {block.label(i), block.weight(i), block.offset(i), 0, 0, 0};
                int at = i;
                block.matrix().forEachValue((r, j, v) -> {
                    if (r == at) {
                        row[3 + j] = v;
                    }
                });
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<FeatureBlock> read(Path file, long rangeBytes) {
        return new LocalLines("test", List.of(file), rangeBytes).parse(parser(), 3, null, null).blocks();
    }

    private static Path gzip(Path plain) throws Exception {
        Path gz = plain.resolveSibling(plain.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        return gz;
    }

    @Test
    void plainLinesFromBytesAreTheRowsOfTheTextPath(@TempDir Path dir) throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                lines.add(random.nextInt(50) == 0 ? "" : line(random));
            }
            Path plain = Files.writeString(dir.resolve("data-" + seed + ".csv"), csv(lines, seed));
            List<double[]> text = rows(read(gzip(plain), Long.MAX_VALUE));
            assertTrue(text.size() > 2800, "rows read: " + text.size());
            for (long rangeBytes : new long[] {Long.MAX_VALUE, 5000, 77}) {
                List<double[]> bytes = rows(read(plain, rangeBytes));
                assertEquals(text.size(), bytes.size(), "seed " + seed + ", ranges of " + rangeBytes);
                for (int i = 0; i < text.size(); i++) {
                    assertArrayEquals(text.get(i), bytes.get(i), 0.0, "seed " + seed + " row " + (i + 1));
                }
            }
        }
    }

    @Test
    void aBadLineGetsTheTextPathsMessageAndNumber(@TempDir Path dir) throws Exception {
        String[] bad = {"1,1d,0,1,n,0,0", "1,NaN,0,1,n,0,0", "1,,0,1,n,0,0", "2,0,0,1,n,0,0", "1,0,0,-1,n,0,0",
            "1,0,0,1,n,0", "1,0,0,1,n,0,0,0", "1,1e999,0,1,n,0,0", "1,2e200,0,1,n,0,0", "1,0,0,1,n,inf,0", "1,0x1p3,0,1,n,0,0",
            "1, ,0,1,n,0,0"};
        Random random = new Random(7);
        for (String b : bad) {
            for (int at : new int[] {0, 1500, 2999}) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 3000; i++) {
                    lines.add(i == at ? b : line(random));
                }
                Path plain = Files.writeString(dir.resolve("bad.csv"), csv(lines, at));
                String expected = assertThrows(BadInputException.class, () -> read(gzip(plain), Long.MAX_VALUE))
                        .getMessage().replace("bad.csv.gz", "bad.csv");
                assertTrue(expected.contains("line " + (at + 2) + ":"), expected);
                for (long rangeBytes : new long[] {Long.MAX_VALUE, 4000}) {
                    assertEquals(expected, assertThrows(BadInputException.class, () -> read(plain, rangeBytes))
                            .getMessage(), b + " at line " + (at + 2) + ", ranges of " + rangeBytes);
                }
            }
        }
    }

    @Test
    void theLinesOfBytesAreTheLinesOfText(@TempDir Path dir) throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                // Empty lines, and lines longer than the eight bytes the scan passes over at once.
                int length = random.nextInt(3) == 0 ? random.nextInt(2) : random.nextInt(12);
                text.append("xµ".repeat(length)).append(new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)]);
            }
            if (seed % 2 == 0) {
                text.append("last");
            }
            if (seed == 3) {
                text.append("z".repeat(3 << 20)).append("\r\n").append("after a line longer than the buffer");
            }
            Path file = Files.writeString(dir.resolve("lines-" + seed), text);
            List<String> expected = new BufferedReader(new StringReader(text.toString())).lines().toList();
            for (long target : new long[] {1, 4, 13, 40, 1 << 20, Long.MAX_VALUE}) {
                List<String> got = new ArrayList<>();
                for (FileRanges.Range range : FileRanges.of(file, target)) {
                    long[] within = {0};
                    FileRanges.forEachLine(file, range, (long number, byte[] bytes, int start, int end) -> {
                        got.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                        assertEquals(++within[0], number, "lines are numbered from 1 within a range");
                    });
                }
                assertEquals(expected, got, "seed " + seed + ", ranges of " + target);
            }
        }
    }
}
