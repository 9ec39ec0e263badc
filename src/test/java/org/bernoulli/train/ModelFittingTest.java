package org.bernoulli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.local.LocalTextReader;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fit stage on its own, on blocks held in memory and no Spark: every inference feature it runs
 * for the training job and the estimator alike equals R's — robust (HC0, HC1) and cluster-robust
 * standard errors (vcovHC, vcovCL), the terms' joint Wald tests, drop1, exact profile bounds — and
 * its progress reports the phases it ran. Tolerances as in the end-to-end tests: fits within about
 * 1e-10 of their optima, references to 1e-6 relative (df exact).
 */
class ModelFittingTest {
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);
    private static final TrainerSettings MLE = new TrainerSettings(new Regularization(0, 0, false), TIGHT,
            OptimizerChoice.AUTO, 10);

    private static JsonNode reference(String name) throws Exception {
        return new ObjectMapper().readTree(new File("src/test/resources/formula/" + name));
    }

    private static TrainingSet infert(String formula, String clusterColumn) {
        return LocalTextReader.read(new InputSpec("src/data/formula/infert.csv", InputFormat.CSV, 0, "label", List.of(),
                null, 0, null, null, new FormulaOptions(formula, "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS), clusterColumn));
    }

    /** A fit with its phases recorded. */
    private record Run(ModelFitting.Fitted fitted, List<String> phases) {
    }

    private static Run fit(TrainingSet data, FitSpec spec, String clusterColumn) {
        List<String> phases = new ArrayList<>();
        ModelFitting.Progress progress = new ModelFitting.Progress() {
            @Override
            public org.bernoulli.optim.IterationMonitor monitor() {
                return org.bernoulli.optim.IterationMonitor.NONE;
            }

            @Override
            public void stage(String what) {
            }

            @Override
            public void phase(String name) {
                phases.add(name);
            }

            @Override
            public void info(String line) {
            }
        };
        BlockDataLoss loss = data.dataLoss(0, () -> "test");
        return new Run(ModelFitting.fit(data, loss, loss, spec, clusterColumn, progress), phases);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.max(Math.abs(expected), 1e-300), what);
    }

    @Test
    void robustAndClusterRobustErrorsAreRs() throws Exception {
        JsonNode ref = reference("infert.json");
        String formula = ref.get("formula").asText();
        try (TrainingSet data = infert(formula, null)) {
            for (CovarianceType type : List.of(CovarianceType.HC0, CovarianceType.HC1)) {
                Run run = fit(data, new FitSpec(MLE, false, StatsMode.AUTO, null, new InferenceOptions(type, false)),
                        null);
                List<CoefficientEstimate> rows = run.fitted().summary().summary().coefficients();
                for (int k = 0; k < rows.size(); k++) {
                    assertRelative(ref.get("se_" + type.id()).get(k).asDouble(), rows.get(k).stdError(), 1e-6,
                            type + " " + rows.get(k).name());
                }
                assertEquals(List.of("inference"), run.phases());
            }
        }
        try (TrainingSet data = infert(formula, "stratum")) {
            for (CovarianceType type : List.of(CovarianceType.HC0, CovarianceType.HC1)) {
                ModelSummary s = fit(data, new FitSpec(MLE, false, StatsMode.AUTO, null,
                        new InferenceOptions(type, false)), "stratum").fitted().summary().summary();
                assertEquals(83, s.clustering().clusters());
                for (int k = 0; k < s.coefficients().size(); k++) {
                    assertRelative(ref.get("se_cluster_" + type.id()).get(k).asDouble(), s.coefficients().get(k)
                            .stdError(), 1e-6, "cluster " + type + " " + s.coefficients().get(k).name());
                }
            }
        }
    }

    @Test
    void termTestsDrop1AndProfileBoundsAreRs() throws Exception {
        JsonNode ref = reference("infert.json");
        JsonNode terms = reference("wald_terms.json");
        try (TrainingSet data = infert(ref.get("formula").asText(), null)) {
            Run run = fit(data, new FitSpec(MLE, false, StatsMode.AUTO, null,
                    new InferenceOptions(CovarianceType.FISHER, true, List.of())), null);
            assertEquals(List.of("inference", "profile intervals", "drop1"), run.phases());
            ModelSummary s = run.fitted().summary().summary();
            JsonNode education = terms.get("infert").get(0);
            assertEquals(education.get("term").asText(), s.termTests().get(0).term());
            assertEquals(education.get("df").asInt(), s.termTests().get(0).df());
            assertRelative(education.get("chiSquared").asDouble(), s.termTests().get(0).chiSquared(), 1e-6, "Wald test");
            List<Drop1.Row> drop1 = run.fitted().drop1().rows();
            assertEquals(ref.get("drop1_lrt").size(), drop1.size());
            for (int k = 0; k < drop1.size(); k++) {
                JsonNode r = ref.get("drop1_lrt").get(k);
                assertEquals(r.get("term").asText(), drop1.get(k).term());
                assertEquals(r.get("df").asInt(), drop1.get(k).df());
                assertRelative(r.get("lrt").asDouble(), drop1.get(k).lrt(), 1e-6, "drop1 " + r.get("term"));
                assertRelative(r.get("p").asDouble(), drop1.get(k).p(), 1e-6, "drop1 p " + r.get("term"));
            }
            for (int k = 0; k < s.coefficients().size(); k++) {
                CoefficientEstimate c = s.coefficients().get(k);
                double low = ref.get("profile_ci_low_exact").get(k).asDouble();
                double high = ref.get("profile_ci_high_exact").get(k).asDouble();
                assertEquals(low, c.profileCiLow(), 1e-6 * Math.max(1, Math.abs(low)), c.name());
                assertEquals(high, c.profileCiHigh(), 1e-6 * Math.max(1, Math.abs(high)), c.name());
            }
        }
    }

    /** A path ends at the settings' penalty, its last fit the model's; an L1 fit has no Wald summary and runs no inference phase. */
    @Test
    void aPathEndsAtTheSettingsPenaltyAndIsNotInferredAsMaximumLikelihood() {
        try (TrainingSet data = infert("case ~ spontaneous + induced + education", null)) {
            TrainerSettings l1 = new TrainerSettings(new Regularization(0.01, 1.0, false), TIGHT, OptimizerChoice.AUTO,
                    10);
            Run run = fit(data, new FitSpec(l1, false, StatsMode.AUTO, new PathSpec(5, 0.01), InferenceOptions.WALD),
                    null);
            assertEquals(5, run.fitted().path().size());
            assertEquals(0.01, run.fitted().settings().regParam(), 1e-15);
            assertNull(run.fitted().summary(), "no Wald inference after an L1 penalty");
            assertTrue(run.phases().isEmpty(), run.phases().toString());
        }
    }
}
