package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsersTest {

    private static void assertProblem(Runnable parse, String... expectedFragments) {
        RecordFormatException e = assertThrows(RecordFormatException.class, parse::run);
        for (String fragment : expectedFragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void libsvmLineParsesToZeroBasedSparseRow() {
        LabeledRow row = new LibSvmParser(0).parse("+1 1:0.5 3:-2 7:1e-3");
        assertEquals(1.0, row.label());
        assertEquals(1.0, row.weight());
        assertArrayEquals(new int[] {0, 2, 6}, row.indices());
        assertArrayEquals(new double[] {0.5, -2, 1e-3}, row.values());
        assertEquals(0.0, new LibSvmParser(0).parse("-1 2:1").label());
        assertEquals(0.0, new LibSvmParser(0).parse("0").label());
        assertEquals(0, new LibSvmParser(0).parse("1 4:0").indices().length, "explicit zeros are dropped");
    }

    @Test
    void libsvmSkipsBlankAndCommentLines() {
        LibSvmParser p = new LibSvmParser(0);
        assertTrue(p.isSkippable("   "));
        assertTrue(p.isSkippable("# a comment"));
        assertEquals(2, p.parse("1 1:2 2:3 # trailing comment").indices().length);
    }

    @Test
    void libsvmErrorsSayWhatIsWrong() {
        LibSvmParser p = new LibSvmParser(5);
        assertProblem(() -> p.parse("1 0:1.5"), "feature index 0", "indices start at 1");
        assertProblem(() -> p.parse("1 -3:1.5"), "feature index -3");
        assertProblem(() -> p.parse("1 2:1 2:3"), "strictly ascending");
        assertProblem(() -> p.parse("1 3:1 2:3"), "strictly ascending");
        assertProblem(() -> p.parse("1 2=1"), "'2=1'", "index:value");
        assertProblem(() -> p.parse("1 a:1"), "'a'", "not an integer");
        assertProblem(() -> p.parse("1 2:x"), "'x' is not a number");
        assertProblem(() -> p.parse("1 2:NaN"), "NaN", "not finite");
        assertProblem(() -> p.parse("1 2:Infinity"), "not finite");
        assertProblem(() -> p.parse("2 1:1"), "label 2", "expected 0 or 1");
        assertProblem(() -> p.parse("yes 1:1"), "label 'yes'");
        assertProblem(() -> p.parse("1 6:1"), "exceeds {NUM_FEATURES} 5");
    }

    private static CsvRowParser csv(String header, String weight) {
        return new CsvRowParser(CsvSchema.resolve(CsvLineSplitter.header(header), "y", List.of(), weight, "f.csv"));
    }

    @Test
    void csvRowUsesHeaderRoles() {
        CsvRowParser p = csv("a,y,w,b", "w");
        LabeledRow row = p.parse("0.5,1,2.5,0");
        assertEquals(1.0, row.label());
        assertEquals(2.5, row.weight());
        assertArrayEquals(new int[] {0}, row.indices(), "feature a at 0, b at 1 (zero, not stored)");
        assertArrayEquals(new double[] {0.5}, row.values());
        assertEquals(0.0, p.parse("\"3\",-1,1,2").label(), "quoted cells and -1 labels are accepted");
    }

    @Test
    void csvErrorsNameTheColumnAndValue() {
        CsvRowParser p = csv("a,y,b", null);
        assertProblem(() -> p.parse("1,1,abc"), "'b'", "'abc' is not a number");
        assertProblem(() -> p.parse("1,1"), "expected 3 cells", "found 2");
        assertProblem(() -> p.parse("1,,2"), "column 'y' is empty");
        assertProblem(() -> p.parse("1,0.5,2"), "label 0.5");
        assertProblem(() -> p.parse("inf,1,2"), "'a'", "not a number");
        assertProblem(() -> p.parse("Infinity,1,2"), "not finite");
        assertProblem(() -> p.checkHeader("a,y,c"), "header", "differs");
        assertProblem(() -> csv("a,y,w", "w").parse("1,1,-2"), "weight", "-2");
    }

    @Test
    void csvSchemaErrorsNameTheColumns() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> CsvSchema.resolve(List.of("a", "b"), "label", List.of(), null, "data.csv"));
        assertTrue(e.getMessage().contains("data.csv line 1") && e.getMessage().contains("'label'")
                && e.getMessage().contains("[a, b]"), e.getMessage());
        assertThrows(BadInputException.class,
                () -> CsvSchema.resolve(List.of("a", "a", "label"), "label", List.of(), null, "data.csv"));
        assertThrows(BadInputException.class,
                () -> CsvSchema.resolve(List.of("a", "label"), "label", List.of("zz"), null, "data.csv"));
        CsvSchema chosen = CsvSchema.resolve(List.of("a", "label", "b", "c"), "label", List.of("c", "a"), null, "x");
        assertEquals(List.of("c", "a"), chosen.featureNames());
    }

    @Test
    void blockBuilderChoosesDenseOrSparseByFill() {
        BlockBuilder b = new BlockBuilder(10);
        b.add(new LabeledRow(1, 1, new int[] {0, 1}, new double[] {1, 2}));
        b.add(new LabeledRow(0, 1, new int[] {0, 1}, new double[] {3, 4}));
        assertTrue(b.build().matrix() instanceof DenseMatrix);
        b.add(new LabeledRow(1, 1, new int[] {0}, new double[] {1}));
        b.add(new LabeledRow(0, 1, new int[] {99}, new double[] {3}));
        FeatureBlock sparse = b.build();
        assertTrue(sparse.matrix() instanceof SparseRowMatrix);
        assertEquals(100, sparse.width());
    }
}
