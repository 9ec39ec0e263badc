package org.bernoulli.formula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bases of poly(), bs() and ns() fitted from a column's distinct values and counts, then applied
 * to new values inside and beyond the training range, equal R's {@code predict()} of the same basis
 * (bases.json, made by bases.R from infert's ages). Tolerance 1e-10 absolute on values of order 1:
 * the knots are the same quantiles, the B-splines the same recurrences and the natural-spline
 * projection the same LINPACK reflections, so only rounding differs (the orthogonal polynomial's
 * moments are summed over distinct values rather than rows; beyond the range a cubic at 60 amplifies
 * rounding most, to about 1e-13).
 */
class BasisTest {
    private static final JsonNode REFERENCE = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(new File("src/test/resources/formula/bases.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static NavigableMap<Double, Long> ages() throws Exception {
        NavigableMap<Double, Long> counts = new TreeMap<>();
        List<String> lines = Files.readAllLines(Path.of("src/data/formula/infert.csv"));
        for (String line : lines.subList(1, lines.size())) {
            counts.merge(Double.parseDouble(line.split(",")[2]), 1L, Long::sum);
        }
        return counts;
    }

    private static BasisCall call(String text) {
        Expr rhs = Formula.parse("y ~ " + text).rhs();
        return BasisCall.of((Expr.Call) rhs, Map.of("age", ColumnKind.NUMBER));
    }

    @Test
    void everyBasisEqualsRsPredictInsideAndBeyondTheTrainingRange() throws Exception {
        NavigableMap<Double, Long> ages = ages();
        JsonNode newValues = REFERENCE.get("new_values");
        int checked = 0;
        for (JsonNode b : REFERENCE.get("bases")) {
            String text = b.get("call").asText();
            Basis basis = call(text).fit(ages);
            assertEquals(text, basis.variable(), "the variable is the call as R deparses it");
            assertList(b.get("knots"), basis.knots(), text + " knots");
            assertList(b.get("boundary"), basis.boundaryKnots(), text + " boundary knots");
            assertList(b.get("alpha"), basis.alpha(), text + " alpha");
            assertList(b.get("norm2"), basis.norm2(), text + " norm2");
            Basis.Evaluator evaluator = basis.evaluator();
            Basis.Evaluator.Scratch scratch = evaluator.newScratch();
            double[] out = new double[evaluator.size()];
            for (int i = 0; i < newValues.size(); i++) {
                double x = newValues.get(i).asDouble();
                evaluator.evaluate(x, out, scratch);
                JsonNode expected = array(b.get("values").get(i));
                assertEquals(expected.size(), out.length, text + " columns");
                for (int j = 0; j < out.length; j++) {
                    double e = expected.get(j).asDouble();
                    assertTrue(Math.abs(out[j] - e) <= 1e-10 * Math.max(1, Math.abs(e)), text + " at " + x + ", column "
                            + (j + 1) + ": R " + e + ", here " + out[j]);
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, "every basis at every value: " + checked);
    }

    /** R's toJSON writes a vector of one as a number. */
    private static JsonNode array(JsonNode node) {
        return node.isArray() ? node : new ObjectMapper().createArrayNode().add(node);
    }

    private static void assertList(JsonNode given, List<Double> actual, String what) {
        JsonNode expected = array(given);
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < actual.size(); i++) {
            double e = expected.get(i).asDouble();
            assertTrue(Math.abs(actual.get(i) - e) <= 1e-12 * Math.max(1, Math.abs(e)), what + " " + i + ": R " + e
                    + ", here " + actual.get(i));
        }
    }

    @Test
    void rsQuantileOfType7CountsRepeatedValues() {
        NavigableMap<Double, Long> counts = new TreeMap<>(Map.of(1.0, 3L, 2.0, 1L, 10.0, 1L));
        // The values 1 1 1 2 10: R's quantile(x, c(0.5, 0.8, 0.9)) is 1, 3.6, 6.8.
        assertEquals(1.0, BasisCall.quantile(counts, 0.5), 0.0);
        assertEquals(3.6, BasisCall.quantile(counts, 0.8), 1e-14);
        assertEquals(6.8, BasisCall.quantile(counts, 0.9), 1e-14);
    }

    @Test
    void aPolynomialNeedsMoreDistinctValuesThanItsDegree() {
        NavigableMap<Double, Long> two = new TreeMap<>(Map.of(1.0, 5L, 2.0, 7L));
        BadInputException e = assertThrows(BadInputException.class, () -> call("poly(age, 2)").fit(two));
        assertEquals("poly(age, 2): column 'age' has 2 distinct values; a polynomial of degree 2 needs more than 2",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"poly(age, 2, coefs = 3)", "bs(age, df = 4, knots = 30)", "ns(log(age), df = 2)",
        "bs(age, df = 2.5)", "ns(age, spar = 2)"})
    void aCallOutsideWhatIsHonouredIsRefusedNamingIt(String text) {
        FormulaException e = assertThrows(FormulaException.class, () -> call(text));
        assertTrue(e.getMessage().startsWith("{FORMULA}: " + Formula.parse("y ~ " + text).rhs().deparse() + " "),
                e.getMessage());
    }
}
