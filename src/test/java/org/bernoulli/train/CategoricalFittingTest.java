package org.bernoulli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.Family;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.local.LocalTextReader;
import org.bernoulli.math.CategoricalDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fit stage of more than two classes on its own (blocks in memory, no Spark) against R's
 * {@code nnet::multinom} polished to the exact optimum ({@code src/test/resources/multinomial}):
 * coefficients to 1e-6 relative, standard errors to 1e-6 relative, the log-likelihood to 1e-9
 * relative — by class and by R's names. The fits stop at a gradient norm of 1e-10, where the
 * estimates are within about 1e-10 of the optimum (far inside 1e-6); the references' own gradients
 * are below 1e-10.
 */
class CategoricalFittingTest {
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);
    static final TrainerSettings MLE = new TrainerSettings(new Regularization(0, 0, false), TIGHT,
            OptimizerChoice.AUTO, 10);

    static JsonNode reference(String name) throws Exception {
        return new ObjectMapper().readTree(new File("src/test/resources/multinomial/" + name + ".json"));
    }

    static TrainingSet read(String file, String formula, String weights, String reference) {
        return LocalTextReader.read(new InputSpec("src/data/multinomial/" + file, InputFormat.CSV, 0, "label",
                List.of(), weights, 0, null, null, new FormulaOptions(formula, "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS, Family.AUTO, reference)));
    }

    static CategoricalFitting.Fitted fit(TrainingSet data, FitSpec spec) {
        List<String> classes = data.frame().design().classes();
        CategoricalDataLoss loss = new CategoricalDataLoss(data.passes(0, () -> "test"), classes.size(),
                data.numFeatures());
        return CategoricalFitting.fit(loss, data.statistics(), data.featureNames(), classes, data.frame().design(),
                spec, null, ModelFitting.Progress.NONE);
    }

    static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }

    /** Every coefficient and standard error of the summary against the reference, by class and name. */
    static void assertMatchesReference(JsonNode ref, ModelSummary summary) {
        JsonNode names = ref.get("coef_names");
        JsonNode classRows = ref.get("class_rows");
        assertEquals(classRows.size() * names.size(), summary.coefficients().size());
        for (int k = 0; k < classRows.size(); k++) {
            for (int j = 0; j < names.size(); j++) {
                String outcome = classRows.get(k).asText();
                String name = names.get(j).asText();
                CoefficientEstimate c = summary.coefficients().stream()
                        .filter(e -> e.outcome().equals(outcome) && e.name().equals(name)).findFirst().orElseThrow(
                                () -> new AssertionError("no coefficient " + name + " of class " + outcome));
                assertRelative(ref.get("estimate").get(k).get(j).asDouble(), c.estimate(), 1e-6, outcome + " " + name);
                assertRelative(ref.get("std_error").get(k).get(j).asDouble(), c.stdError(), 1e-6,
                        "standard error of " + outcome + " " + name);
            }
        }
        assertRelative(ref.get("loglik").asDouble(), summary.logLikelihood(), 1e-9, "log-likelihood");
        assertRelative(ref.get("deviance").asDouble(), summary.residualDeviance(), 1e-9, "deviance");
        assertRelative(ref.get("aic").asDouble(), summary.aic(), 1e-9, "AIC");
        assertEquals(ref.get("reference").asText(), summary.classes().reference());
        List<String> classes = new java.util.ArrayList<>();
        ref.get("classes").forEach(c -> classes.add(c.asText()));
        assertEquals(classes, summary.classes().levels());
        // The joint Wald test of each term over every class's coefficients.
        assertEquals(ref.get("wald_terms").size(), summary.termTests().size());
        for (int t = 0; t < ref.get("wald_terms").size(); t++) {
            JsonNode w = ref.get("wald_terms").get(t);
            var test = summary.termTests().get(t);
            assertEquals(w.get("term").asText(), test.term());
            assertEquals(w.get("df").asInt(), test.df());
            assertRelative(w.get("chi_squared").asDouble(), test.chiSquared(), 1e-6, "Wald statistic of " + test.term());
            assertRelative(w.get("p").asDouble(), test.p(), 1e-5, "p of " + test.term());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plans, plans.csv, plan ~ age + spend + channel, ''",
            "hair_eye, hair_eye.csv, hair ~ eye + sex, count",
            "mtcars_gear, mtcars_gear.csv, gear ~ mpg, ''"})
    void fitsEqualRsMultinom(String name, String file, String formula, String weights) throws Exception {
        try (TrainingSet data = read(file, formula, weights.isEmpty() ? null : weights, null)) {
            CategoricalFitting.Fitted fitted = fit(data, new FitSpec(MLE, false, StatsMode.ON, null,
                    new InferenceOptions(CovarianceType.FISHER, true, null)));
            assertTrue(fitted.fit().optimization().stopReason().converged());
            assertEquals("newton", fitted.fit().optimizer());
            JsonNode ref = reference(name);
            assertMatchesReference(ref, fitted.summary().summary());
            // drop1: each term out of every class, by likelihood ratio on (K - 1) x columns df.
            assertEquals(ref.get("drop1").size(), fitted.drop1().rows().size());
            for (int t = 0; t < ref.get("drop1").size(); t++) {
                JsonNode want = ref.get("drop1").get(t);
                Drop1.Row got = fitted.drop1().rows().get(t);
                assertEquals(want.get("term").asText(), got.term());
                assertEquals(want.get("df").asInt(), got.df());
                assertRelative(want.get("lrt").asDouble(), got.lrt(), 1e-6, "LRT of " + got.term());
                assertRelative(want.get("deviance").asDouble(), got.deviance(), 1e-9, "deviance without " + got.term());
                assertRelative(want.get("aic").asDouble(), got.aic(), 1e-9, "AIC without " + got.term());
                assertRelative(want.get("p").asDouble(), got.p(), 1e-5, "p of " + got.term());
            }
        }
    }

    @Test
    void lbfgsReachesTheSameOptimum() throws Exception {
        TrainerSettings lbfgs = new TrainerSettings(new Regularization(0, 0, false), new StopRule(1000, 0.0, 1e-12),
                OptimizerChoice.LBFGS, 10);
        try (TrainingSet data = read("plans.csv", "plan ~ age + spend + channel", null, null)) {
            CategoricalFitting.Fitted fitted = fit(data, new FitSpec(lbfgs, false, StatsMode.ON, null, null));
            assertEquals("lbfgs", fitted.fit().optimizer());
            assertMatchesReference(reference("plans"), fitted.summary().summary());
        }
    }

    @Test
    void anotherReferenceClassReparametrizesTheSameFit() throws Exception {
        JsonNode ref = reference("plans");
        try (TrainingSet data = read("plans.csv", "plan ~ age + spend + channel", null, "pro")) {
            ModelSummary s = fit(data, new FitSpec(MLE, false, StatsMode.ON, null, null)).summary().summary();
            assertEquals(List.of("pro", "basic", "plus"), s.classes().levels());
            // basic against pro is minus pro against basic; plus against pro is their difference.
            for (int j = 0; j < ref.get("coef_names").size(); j++) {
                String name = ref.get("coef_names").get(j).asText();
                double plus = ref.get("estimate").get(0).get(j).asDouble();
                double pro = ref.get("estimate").get(1).get(j).asDouble();
                assertRelative(-pro, find(s, "basic", name).estimate(), 1e-6, "basic " + name);
                assertRelative(plus - pro, find(s, "plus", name).estimate(), 1e-6, "plus " + name);
                assertRelative(ref.get("std_error").get(1).get(j).asDouble(), find(s, "basic", name).stdError(), 1e-6,
                        "standard error of basic " + name);
            }
            assertRelative(ref.get("loglik").asDouble(), s.logLikelihood(), 1e-9, "log-likelihood");
        }
    }

    @Test
    void robustErrorsAreTheSandwichOfTheScores() throws Exception {
        try (TrainingSet data = read("plans.csv", "plan ~ age + spend + channel", null, null)) {
            ModelSummary fisher = fit(data, new FitSpec(MLE, false, StatsMode.ON, null, null)).summary().summary();
            ModelSummary hc0 = fit(data, new FitSpec(MLE, false, StatsMode.ON, null,
                    new InferenceOptions(CovarianceType.HC0, false, null))).summary().summary();
            ModelSummary hc1 = fit(data, new FitSpec(MLE, false, StatsMode.ON, null,
                    new InferenceOptions(CovarianceType.HC1, false, null))).summary().summary();
            assertEquals("hc0", hc0.covariance());
            long n = hc0.rows();
            int k = hc0.coefficients().size();
            for (int i = 0; i < k; i++) {
                double f = fisher.coefficients().get(i).stdError();
                double r0 = hc0.coefficients().get(i).stdError();
                // A well-specified model (these rows were drawn from one): the sandwich is near the model's.
                assertEquals(f, r0, 0.1 * f, hc0.coefficients().get(i).name());
                assertRelative(r0 * Math.sqrt(n / (double) (n - k)), hc1.coefficients().get(i).stdError(), 1e-12,
                        "HC1 is HC0 times sqrt(n / (n - k))");
            }
        }
    }

    private static CoefficientEstimate find(ModelSummary s, String outcome, String name) {
        return s.coefficients().stream().filter(c -> c.outcome().equals(outcome) && c.name().equals(name))
                .findFirst().orElseThrow();
    }

    /**
     * A class the features separate from the others (here 'c' exactly where x > 7): the fit runs its
     * probabilities to 1 there, and the warning names that class with the rows it is certain of.
     */
    @Test
    void aSeparatedClassIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("y,x\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            double x = random.nextDouble() * 10;
            csv.append(x > 7 ? "c" : random.nextBoolean() ? "a" : "b").append(',').append(x).append('\n');
        }
        java.nio.file.Path file = dir.resolve("separated.csv");
        java.nio.file.Files.writeString(file, csv);
        try (TrainingSet data = LocalTextReader.read(new InputSpec(file.toString(), InputFormat.CSV, 0, "label",
                List.of(), null, 0, null, null, new FormulaOptions("y ~ x", "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS)))) {
            CategoricalFitting.Fitted fitted = fit(data, new FitSpec(new TrainerSettings(new Regularization(0, 0,
                    false), new StopRule(200, 1e-15, 1e-10), OptimizerChoice.AUTO, 10), false, StatsMode.OFF, null,
                    null));
            String warnings = String.join("; ", fitted.fit().warnings());
            assertTrue(warnings.contains("fitted probabilities numerically 0 or 1 occurred: the fit is certain of class "
                    + "'c' ("), warnings);
            assertTrue(warnings.contains("that class may be separated from the others by the features"), warnings);
        }
    }
}
