package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.Clustering;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code CLUSTER_COLUMN}: the cluster-robust standard errors equal R's {@code sandwich::vcovCL} on
 * infert clustered by stratum — HC0 without adjustment ({@code cadjust = FALSE}) and Stata's HC1,
 * G/(G − 1)·(n − 1)/(n − p) — to 1e-6 relative, on both engines; summary.json names the column and
 * G. The tolerance is the Fisher errors' (FormulaReferenceTest): the fit is within about 1e-10 of
 * the optimum, where the sandwich is smooth.
 */
class ClusterRobustCovarianceTest {
    private static final Path DATA = Path.of("src/data/formula");
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);

    static org.bernoulli.jobs.TrainingRequest request(String formula, String cluster, Path out, CovarianceType covariance) {
        InputSpec input = new InputSpec(DATA.resolve("infert.csv").toString(), InputFormat.CSV, 0, "label", List.of(),
                null, 0, null, null, new FormulaOptions(formula, "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS), cluster);
        return new org.bernoulli.jobs.TrainingRequest(input, out.toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(covariance, false)), 0, null, null, false, null, null);
    }

    @Test
    void clusterErrorsAreRsVcovCL(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/infert.json"));
        String formula = ref.get("formula").asText();
        String cluster = ref.get("cluster_column").asText();
        assertEquals("stratum", cluster);
        for (CovarianceType type : List.of(CovarianceType.HC0, CovarianceType.HC1)) {
            JsonNode se = ref.get("se_cluster_" + type.id());
            for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                    new TrainingEngine.OnSpark(SparkTestSession.get()))) {
                Path out = dir.resolve(type.id() + "-" + engine.name());
                ModelSummary s = TrainingJob.execute(engine, request(formula, cluster, out, type)).summary();
                assertEquals(type.id(), s.covariance());
                assertEquals(new Clustering("stratum", 83), s.clustering(), "infert has 83 strata");
                assertEquals(se.size(), s.coefficients().size());
                for (int k = 0; k < se.size(); k++) {
                    CoefficientEstimate c = s.coefficients().get(k);
                    assertEquals(ref.get("names").get(k).asText(), c.name());
                    assertEquals(se.get(k).asDouble(), c.stdError(), 1e-6 * se.get(k).asDouble(),
                            "cluster " + type.id() + " " + engine.name() + ": " + c.name());
                    // The robust errors differ from the rows' own: the clusters are not ignored.
                    assertTrue(Math.abs(c.stdError() - ref.get("se_" + type.id()).get(k).asDouble()) > 1e-3 * c.stdError(),
                            c.name());
                }
                ModelSummary written = SummaryJson.readSummary(Files.readString(out.resolve("summary.json")), "summary");
                assertEquals(s.clustering(), written.clustering());
                assertTrue(written.notes().stream().anyMatch(n -> n.contains("83 clusters of 'stratum'")),
                        written.notes().toString());
            }
        }
    }

    @Test
    void clustersNeedARobustCovarianceAndTwoClusters(@TempDir Path dir) throws Exception {
        IllegalArgumentException fisher = assertThrows(IllegalArgumentException.class,
                () -> request("case ~ induced", "stratum", dir.resolve("f"), CovarianceType.FISHER));
        assertEquals("{CLUSTER_COLUMN} 'stratum' gives cluster-robust standard errors: with {COVARIANCE=hc0} or hc1 "
                + "(the default with clusters), not fisher", fisher.getMessage());
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "case,induced,site\n1,0,a\n0,1,a\n1,2,a\n0,0,a\n1,1,a\n0,2,a\n");
        InputSpec input = new InputSpec(one.toString(), InputFormat.CSV, 0, "case", List.of(), null, 0, null, null,
                null, "site");
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            org.bernoulli.jobs.TrainingRequest r = new org.bernoulli.jobs.TrainingRequest(input, dir.resolve("o").toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false), TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.HC1, false)), 0, null, null, false, null, null);
            var e = assertThrows(org.bernoulli.data.BadInputException.class, () -> TrainingJob.execute(engine, r));
            assertEquals("input " + one + ": {CLUSTER_COLUMN} 'site': the rows used are all in one cluster; "
                    + "cluster-robust standard errors need at least 2 clusters", e.getMessage());
            assertTrue(!Files.exists(dir.resolve("o").resolve("model.json")), "no model written");
        }
    }
}
