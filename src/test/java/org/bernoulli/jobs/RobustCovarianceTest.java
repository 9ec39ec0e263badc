package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.UsageException;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * {@code COVARIANCE hc0|hc1}: the robust sandwich standard errors equal R's ({@code vcovHC} HC0
 * and HC1) to 1e-6 relative on infert, infert with an interaction, I() and log(), and survey with
 * rows omitted for missing values, on both engines; z, p and intervals follow from them; summary.json
 * and covariance.json say and hold the robust covariance. Tolerance as for the Fisher errors
 * (FormulaReferenceTest): both fits are within about 1e-10 of the optimum, where the sandwich is
 * smooth, so 1e-6 relative holds with room to spare.
 */
class RobustCovarianceTest {
    private static final Path DATA = Path.of("src/data/formula");
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);

    private static org.bernoulli.jobs.TrainingRequest request(String data, String formula, String naAction, Path out,
                                               CovarianceType covariance) {
        InputSpec input = new InputSpec(DATA.resolve(data).toString(), InputFormat.CSV, 0, "label", List.of(), null, 0,
                null, null, new FormulaOptions(formula, naAction, List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
        return new org.bernoulli.jobs.TrainingRequest(input, out.toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(covariance, false)), 0, null, null, false, null, null);
    }

    @ParameterizedTest
    @CsvSource({"infert.csv,infert.json,fail", "infert.csv,infert_interaction.json,fail",
        "survey.csv,survey_na.json,omit"})
    void robustErrorsAreRsVcovHC(String data, String reference, String naAction, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        String formula = ref.get("formula").asText();
        for (CovarianceType type : List.of(CovarianceType.HC0, CovarianceType.HC1)) {
            JsonNode se = ref.get("se_" + type.id());
            for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                    new TrainingEngine.OnSpark(SparkTestSession.get()))) {
                Path out = dir.resolve(type.id() + "-" + engine.name());
                ModelSummary s = TrainingJob.execute(engine, request(data, formula, naAction, out, type)).summary();
                assertEquals(type.id(), s.covariance());
                assertEquals(se.size(), s.coefficients().size(), reference);
                for (int k = 0; k < se.size(); k++) {
                    CoefficientEstimate c = s.coefficients().get(k);
                    assertEquals(ref.get("names").get(k).asText(), c.name());
                    assertEquals(se.get(k).asDouble(), c.stdError(), 1e-6 * se.get(k).asDouble(),
                            reference + " " + type.id() + " " + engine.name() + ": " + c.name());
                    assertEquals(c.estimate() / c.stdError(), c.zValue(), 1e-12 * Math.abs(c.zValue()));
                    assertEquals(ref.get("estimate").get(k).asDouble(), c.estimate(),
                            1e-6 * Math.abs(ref.get("estimate").get(k).asDouble()));
                }
                ModelSummary written = SummaryJson.readSummary(Files.readString(out.resolve("summary.json")), "summary");
                assertEquals(type.id(), written.covariance());
                var covariance = SummaryJson.readCovariance(Files.readString(out.resolve("covariance.json")), "cov");
                assertEquals(Math.pow(s.coefficients().get(0).stdError(), 2), covariance.matrix()[0][0],
                        1e-12 * covariance.matrix()[0][0], "covariance.json holds the robust covariance");
                assertTrue(written.notes().stream().anyMatch(n -> n.contains("sandwich")), written.notes().toString());
            }
        }
    }

    @Test
    void robustErrorsAreRefusedWhereTheyAreNotComputed(@TempDir Path dir) {
        IllegalArgumentException penalized = assertThrows(IllegalArgumentException.class, () -> new org.bernoulli.jobs.TrainingRequest(new InputSpec("x.csv", InputFormat.CSV, 0, "label", List.of(), null, 0), "out", true, new org.bernoulli.train.FitSpec(new TrainerSettings(0.1, TIGHT), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.HC0, false)), 0, null, null, false, null, null));
        assertTrue(penalized.getMessage().startsWith("{COVARIANCE} hc0: robust standard errors are computed for "
                + "maximum-likelihood fits"), penalized.getMessage());
        UsageException counts = assertThrows(UsageException.class, () -> TrainingJob.execute(
                new TrainingEngine.OnDriver(), request("ucb_admissions.csv", "cbind(admitted, rejected) ~ gender + dept",
                        "fail", dir.resolve("counts"), CovarianceType.HC1)));
        assertTrue(counts.getMessage().contains("not computed for binomial counts yet"), counts.getMessage());
    }
}
