package org.bernoulli.ml;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimator's refusals name its params, never a command-line flag: an invalid value (tol = -1), a
 * combination (covariance hc1 with a penalty), a refusal the core words by reference (a null under a
 * formula, quasi-separation), and a model's warnings.
 */
class ParamMessagesTest {
    private static Dataset<Row> infert;

    @BeforeAll
    static void data() {
        infert = SparkTestSession.get().read().option("header", true).option("inferSchema", true)
                .csv(Datasets.path("formula/infert.csv").toString());
    }

    private static String refusal(Supplier<?> fit) {
        RuntimeException e = assertThrows(RuntimeException.class, fit::get);
        String message = e.getMessage();
        assertFalse(message.matches("(?s).*--[a-z].*"), "no flag: " + message);
        assertFalse(message.matches("(?s).*\\{[A-Z_]+[=}].*"), "no reference left: " + message);
        return message;
    }

    @Test
    void refusalsNameTheParams() {
        String formula = "case ~ spontaneous + induced + education";
        BernoulliLogisticRegression lr = new BernoulliLogisticRegression();
        assertEquals(lr.uid() + " parameter tol given invalid value -1.0.", refusal(() -> lr.setTol(-1)));
        assertEquals("covariance hc1: robust standard errors are computed for maximum-likelihood fits (regParam 0)",
                refusal(() -> new BernoulliLogisticRegression().setFormula(formula).setCovariance("hc1")
                        .setRegParam(0.1).fit(infert)));
        Dataset<Row> holes = infert.withColumn("induced", org.apache.spark.sql.functions.expr(
                "case when age > 40 then null else induced end"));
        String missing = refusal(() -> new BernoulliLogisticRegression().setFormula(formula).fit(holes));
        assertTrue(missing.endsWith("column 'induced' is missing (a null); the fit uses it: give naAction=\"omit\" to "
                + "leave such rows out, as R's na.omit"), missing);
        Dataset<Row> separated = infert.withColumn("case", org.apache.spark.sql.functions.expr(
                "case when education = '0-5yrs' then 1 else `case` end"));
        String separation = refusal(() -> new BernoulliLogisticRegression().setFormula(formula).fit(separated));
        assertTrue(separation.contains("Fit with Firth's bias reduction (bernoulli train only), which gives finite "
                + "estimates with standard errors, or with an L2 penalty, e.g. regParam=0.01"), separation);
        BernoulliLogisticRegressionModel limited = new BernoulliLogisticRegression().setFormula(formula).setMaxIter(1)
                .fit(infert);
        String warnings = String.join("; ", limited.model().training().warnings());
        assertTrue(warnings.contains("raise maxIter or loosen tol"), warnings);
    }
}
