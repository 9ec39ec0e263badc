package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.AverageMarginalEffect;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.FitSpec;
import org.bernoulli.train.InferenceOptions;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bernoulli.jobs.FormulaReferenceTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Average marginal effects held to the R references (margins/*.json: first-principles central
 * differences and a numerical Jacobian on R's glm) — effects to 1e-6 relative and standard errors to
 * 1e-5 (the acceptance: the references' differences are accurate to about 1e-9, the fits agree to
 * 1e-10, so the margin is wide), under the model covariance and HC1 — on both engines, which agree
 * with each other to 1e-12 (the same rows, the same sums, in another order).
 */
class MarginalEffectsTest {
    private static final TrainerSettings TIGHT = new TrainerSettings(0, new StopRule(100, 1e-15, 1e-10));

    static TrainingRequest request(Path data, String formula, String naAction, String weight, CovarianceType covariance,
                                   Path out) {
        InputSpec input = new InputSpec(data.toString(), InputFormat.CSV, 0, "label", List.of(), weight, 0, null, null,
                new FormulaOptions(formula, naAction, List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
        return new TrainingRequest(input, out.toString(), false, new FitSpec(TIGHT, false, StatsMode.AUTO, null,
                new InferenceOptions(covariance, false, null, true)), 0, null, null, false, null, null);
    }

    @ParameterizedTest
    @CsvSource({"infert_margins.json,fisher", "infert_margins.json,hc1", "infert_interaction_margins.json,fisher",
        "infert_interaction_margins.json,hc1"})
    void effectsAndErrorsAreRsOnBothEngines(String name, String covariance, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/margins/" + name));
        CovarianceType type = covariance.equals("hc1") ? CovarianceType.HC1 : CovarianceType.FISHER;
        Path data = Path.of("src/data/formula/infert.csv");
        String formula = ref.get("formula").asText();
        List<AverageMarginalEffect> spark = TrainingJob.execute(SparkTestSession.get(), request(data, formula, "fail",
                null, type, dir.resolve("spark"))).margins();
        List<AverageMarginalEffect> driver = TrainingJob.execute(new TrainingEngine.OnDriver(), request(data, formula,
                "fail", null, type, dir.resolve("driver"))).margins();
        JsonNode expected = ref.get("margins");
        assertEquals(expected.size(), spark.size(), "one effect per number, one per level after the reference");
        for (int i = 0; i < spark.size(); i++) {
            JsonNode e = expected.get(i);
            AverageMarginalEffect a = spark.get(i);
            String what = a.variable() + " " + a.contrast() + " (" + covariance + ")";
            assertEquals(e.get("variable").asText(), a.variable());
            assertEquals(e.get("contrast").asText(), a.contrast());
            assertRelative(e.get("ame").asDouble(), a.estimate(), 1e-6, what + " estimate");
            assertRelative(e.get(type == CovarianceType.HC1 ? "se_hc1" : "se").asDouble(), a.stdError(), 1e-5,
                    what + " std. error");
            AverageMarginalEffect b = driver.get(i);
            assertRelative(a.estimate(), b.estimate(), 1e-12, what + " estimate, driver against Spark");
            assertRelative(a.stdError(), b.stdError(), 1e-12, what + " std. error, driver against Spark");
        }
        String json = Files.readString(dir.resolve("spark/margins.json"));
        assertEquals(spark, List.of(new ObjectMapper().readValue(json, AverageMarginalEffect[].class)),
                "margins.json holds the effects");
    }
}
