package org.bernoulli.read;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LineParser;
import org.bernoulli.data.RecordFormatException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reading routines run over any engine's lines: here lines held in memory, each file one piece
 * of a pass, as neither engine holds them — what the routine reads must not depend on how lines
 * are spread.
 */
class TextReadingTest {

    /** Files of lines in memory; a bad line is named "file line n", as the engines name it. */
    private record MemoryLines(Map<String, List<String>> byFile) implements LineSource<List<FeatureBlock>> {
        @Override
        public String where() {
            return "memory";
        }

        @Override
        public int files() {
            return byFile.size();
        }

        @Override
        public String firstFile() {
            return byFile.keySet().iterator().next();
        }

        @Override
        public String firstLine() {
            List<String> lines = byFile.values().iterator().next();
            return lines.isEmpty() ? null : lines.get(0);
        }

        private void each(LinePass.Part<?> part, String file, List<String> lines) {
            for (int i = 0; i < lines.size(); i++) {
                try {
                    part.line(i == 0, lines.get(i));
                } catch (RecordFormatException e) {
                    throw new BadInputException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }

        @Override
        public <A> A fold(LinePass<A> pass) {
            A result = null;
            for (Map.Entry<String, List<String>> f : byFile.entrySet()) {
                LinePass.Part<A> part = pass.start();
                each(part, f.getKey(), f.getValue());
                result = result == null ? part.result() : pass.merge(result, part.result());
            }
            return result;
        }

        @Override
        public long countDistinct(LineKey key) {
            Set<String> seen = new HashSet<>();
            for (List<String> lines : byFile.values()) {
                for (int i = 0; i < lines.size(); i++) {
                    String v = key.of(i == 0, lines.get(i));
                    if (v != null) {
                        seen.add(v);
                    }
                }
            }
            return seen.size();
        }

        @Override
        public Held<List<FeatureBlock>> parse(LineParser parser, int width, int[][] categorical, String whyEmpty) {
            // Blocks of 2 rows: the statistics must not depend on where blocks end.
            BlockBuilder builder = new BlockBuilder(2, 2, categorical);
            List<FeatureBlock> blocks = new ArrayList<>();
            Consumer<LabeledRow> rows = r -> {
                builder.add(r);
                if (builder.isFull()) {
                    blocks.add(builder.build());
                }
            };
            for (Map.Entry<String, List<String>> f : byFile.entrySet()) {
                each(new LinePass.Part<Void>() {
                    @Override
                    public void line(boolean firstOfFile, String line) {
                        parser.read(firstOfFile, line, rows);
                    }

                    @Override
                    public Void result() {
                        return null;
                    }
                }, f.getKey(), f.getValue());
            }
            if (!builder.isEmpty()) {
                blocks.add(builder.build());
            }
            if (blocks.isEmpty()) {
                throw BadInputException.noExamples(where(), byFile.size(), whyEmpty);
            }
            FeatureSummarizer summary = new FeatureSummarizer();
            blocks.forEach(summary::add);
            return new Held<>(blocks, summary);
        }
    }

    private static Map<String, List<String>> files(Object... nameThenLines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenLines.length; i += 2) {
            out.put((String) nameThenLines[i], List.of((String[]) nameThenLines[i + 1]));
        }
        return out;
    }

    private static InputSpec formula(String formula) {
        return new InputSpec("memory", InputFormat.CSV, 0, "label", null, null, 0, null, null,
                new FormulaOptions(formula, "omit", List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
    }

    @Test
    void aFormulaOverTwoFilesCodesLevelsSeenInEither() {
        MemoryLines lines = new MemoryLines(files(
                "a.csv", new String[] {"y,g,x", "1,red,0.5", "", "0,blue,1.5"},
                "b.csv", new String[] {"y,g,x", "1,green,2", "0,NA,3", "1,red,-1"}));
        TextReading.Read<List<FeatureBlock>> read = TextReading.read(lines, formula("y ~ g + x"));
        // R's treatment coding over the sorted levels blue < green < red: blue is the reference.
        assertEquals(List.of("ggreen", "gred", "x"), read.featureNames());
        assertEquals(4, read.statistics().rows());
        assertEquals(5, read.frame().rowsRead());
        assertEquals(1, read.frame().rowsOmitted());
        assertNull(read.frame().counts());
    }

    @Test
    void binomialCountsAreTotalledByTheirOwnPass() {
        MemoryLines lines = new MemoryLines(files(
                "a.csv", new String[] {"k,n,x", "3,10,0.5", "0,4,1"},
                "b.csv", new String[] {"k,n,x", "7,7,2"}));
        TextReading.Read<List<FeatureBlock>> read = TextReading.read(lines, formula("cbind(k, n - k) ~ x"));
        assertEquals(List.of("x"), read.featureNames());
        assertEquals(3, read.frame().counts().observations());
        assertEquals(0, read.frame().counts().nonIntegerRows());
    }

    @Test
    void aBadLineIsNamedByTheSourceWithItsFileAndLine() {
        MemoryLines lines = new MemoryLines(files(
                "a.csv", new String[] {"y,x", "1,0.5"},
                "b.csv", new String[] {"y,x", "0,1", "1,\"unclosed"}));
        BadInputException e = assertThrows(BadInputException.class,
                () -> TextReading.read(lines, formula("y ~ x")));
        assertEquals("b.csv line 3: ", e.getMessage().substring(0, "b.csv line 3: ".length()));
        MemoryLines header = new MemoryLines(files("a.csv", new String[] {"y,x", "1,0.5"},
                "b.csv", new String[] {"y,z", "0,1"}));
        InputSpec numeric = new InputSpec("memory", InputFormat.CSV, 0, "y", null, null, 0, null, null, null);
        BadInputException h = assertThrows(BadInputException.class, () -> TextReading.read(header, numeric));
        assertEquals("b.csv line 1: ", h.getMessage().substring(0, "b.csv line 1: ".length()));
    }

    @Test
    void libsvmWidthIsTheLargestIndexAndAnEmptyInputIsRefused() {
        MemoryLines lines = new MemoryLines(files("a.txt", new String[] {"1 1:0.5 4:2", "# a comment", "0 2:1"}));
        InputSpec spec = new InputSpec("memory", InputFormat.LIBSVM, 0, "label", null, null, 0, null, null, null);
        TextReading.Read<List<FeatureBlock>> read = TextReading.read(lines, spec);
        assertEquals(4, read.featureNames().size());
        assertEquals(2, read.statistics().rows());
        MemoryLines empty = new MemoryLines(files("a.txt", new String[] {"", "   "}));
        assertThrows(BadInputException.class, () -> TextReading.read(empty, spec));
    }
}
