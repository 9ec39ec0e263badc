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
import org.junit.jupiter.api.Test;
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

    /**
     * infert (text factor, numbers through an interaction and I(age^2)) and survey with a boolean column,
     * a natural spline, text factors and rows omitted for missing cells (survey_bool_margins.json, made
     * by margins.R).
     */
    @ParameterizedTest
    @CsvSource({"infert_margins.json,fisher", "infert_margins.json,hc1", "infert_interaction_margins.json,fisher",
        "infert_interaction_margins.json,hc1", "survey_bool_margins.json,fisher", "survey_bool_margins.json,hc1"})
    void effectsAndErrorsAreRsOnBothEngines(String name, String covariance, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/margins/" + name));
        CovarianceType type = covariance.equals("hc1") ? CovarianceType.HC1 : CovarianceType.FISHER;
        boolean survey = ref.has("file");
        Path data = survey ? Path.of("src/test/resources/margins/" + ref.get("file").asText())
                : Path.of("src/data/formula/infert.csv");
        String na = survey ? "omit" : "fail";
        String formula = ref.get("formula").asText();
        List<AverageMarginalEffect> spark = TrainingJob.execute(SparkTestSession.get(), request(data, formula, na,
                null, type, dir.resolve("spark"))).margins();
        List<AverageMarginalEffect> driver = TrainingJob.execute(new TrainingEngine.OnDriver(), request(data, formula,
                na, null, type, dir.resolve("driver"))).margins();
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

    /**
     * Case weights are repeated rows: infert with weights 1, 2 and 3 gives the effects and Fisher errors of
     * the file with each row written that many times (1e-8 relative: the same likelihood, fitted to about
     * 1e-10 twice).
     */
    @Test
    void aWeightedFitsEffectsAreThoseOfRepeatedRows(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/data/formula/infert.csv"));
        List<String> weighted = new java.util.ArrayList<>(List.of(lines.get(0) + ",\"w\""));
        List<String> repeated = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            int w = i % 3 + 1;
            weighted.add(lines.get(i) + "," + w);
            for (int k = 0; k < w; k++) {
                repeated.add(lines.get(i));
            }
        }
        Path w = Files.write(dir.resolve("weighted.csv"), weighted);
        Path r = Files.write(dir.resolve("repeated.csv"), repeated);
        String formula = "case ~ age * parity + spontaneous + induced + education + I(age^2)";
        List<AverageMarginalEffect> byWeight = TrainingJob.execute(new TrainingEngine.OnDriver(), request(w, formula,
                "fail", "w", CovarianceType.FISHER, dir.resolve("w"))).margins();
        List<AverageMarginalEffect> byRows = TrainingJob.execute(new TrainingEngine.OnDriver(), request(r, formula,
                "fail", null, CovarianceType.FISHER, dir.resolve("r"))).margins();
        assertEquals(6, byWeight.size());
        for (int i = 0; i < byWeight.size(); i++) {
            String what = byWeight.get(i).variable() + " " + byWeight.get(i).contrast();
            assertRelative(byRows.get(i).estimate(), byWeight.get(i).estimate(), 1e-8, what + " estimate");
            assertRelative(byRows.get(i).stdError(), byWeight.get(i).stdError(), 1e-8, what + " std. error");
        }
    }

    /**
     * A multinomial fit has one effect per class and variable (plans_margins.json, made by
     * margins_multinomial.R from nnet::multinom polished to the optimum): effects to 1e-6, errors to 1e-5,
     * class after class; the effects of the classes sum to 0 (the probabilities sum to 1); both engines
     * agree to 1e-12.
     */
    @Test
    void aMultinomialFitHasOneEffectPerClassAsRComputesThem(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/margins/plans_margins.json"));
        Path data = Path.of("src/data/multinomial/plans.csv");
        String formula = ref.get("formula").asText();
        List<AverageMarginalEffect> spark = TrainingJob.execute(SparkTestSession.get(), request(data, formula, "fail",
                null, CovarianceType.FISHER, dir.resolve("spark"))).margins();
        List<AverageMarginalEffect> driver = TrainingJob.execute(new TrainingEngine.OnDriver(), request(data, formula,
                "fail", null, CovarianceType.FISHER, dir.resolve("driver"))).margins();
        JsonNode expected = ref.get("margins");
        assertEquals(expected.size(), spark.size());
        for (int i = 0; i < spark.size(); i++) {
            JsonNode e = expected.get(i);
            AverageMarginalEffect a = spark.get(i);
            String what = a.outcome() + " " + a.variable() + " " + a.contrast();
            assertEquals(e.get("class").asText() + " " + e.get("variable").asText() + " " + e.get("contrast").asText(),
                    what);
            assertRelative(e.get("ame").asDouble(), a.estimate(), 1e-6, what + " estimate");
            assertRelative(e.get("se").asDouble(), a.stdError(), 1e-5, what + " std. error");
            assertRelative(a.estimate(), driver.get(i).estimate(), 1e-12, what + " estimate, driver against Spark");
            assertRelative(a.stdError(), driver.get(i).stdError(), 1e-12, what + " std. error, driver against Spark");
        }
        int perClass = spark.size() / 3;
        for (int e = 0; e < perClass; e++) {
            double sum = spark.get(e).estimate() + spark.get(e + perClass).estimate() + spark.get(e + 2 * perClass)
                    .estimate();
            assertEquals(0.0, sum, 1e-15, spark.get(e).variable() + " " + spark.get(e).contrast() + ": over the classes");
        }
    }

    /**
     * The effects at the means (Stata's atmeans; atmeans_margins.json, made by margins_atmeans.R): numbers
     * at their means, factors at their levels' shares, I(x^2), interactions and a spline computed from
     * those; effects to 1e-6 and errors to 1e-5 under Fisher and HC1, after the averages, which they do
     * not change.
     */
    @ParameterizedTest
    @CsvSource({"0,fisher", "0,hc1", "1,fisher", "1,hc1"})
    void effectsAtTheMeansAreStatasAtmeans(int index, String covariance, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/margins/atmeans_margins.json"))
                .get("cases").get(index);
        CovarianceType type = covariance.equals("hc1") ? CovarianceType.HC1 : CovarianceType.FISHER;
        boolean survey = ref.get("name").asText().equals("survey_bool");
        Path data = survey ? Path.of("src/test/resources/margins/survey_bool.csv") : Path.of("src/data/formula/infert.csv");
        InputSpec input = new InputSpec(data.toString(), InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions(ref.get("formula").asText(), survey ? "omit" : "fail", List.of(), null,
                        FormulaOptions.DEFAULT_MAX_LEVELS));
        TrainingRequest request = new TrainingRequest(input, dir.resolve("m").toString(), false, new FitSpec(TIGHT, false,
                StatsMode.AUTO, null, new InferenceOptions(type, false, null, false, true)), 0, null, null, false, null,
                null);
        List<AverageMarginalEffect> all = TrainingJob.execute(new TrainingEngine.OnDriver(), request).margins();
        List<AverageMarginalEffect> atMeans = all.stream().filter(e -> e.at() != null).toList();
        assertEquals(all.size(), 2 * atMeans.size(), "the averages, then as many at the means");
        JsonNode expected = ref.get("margins");
        assertEquals(expected.size(), atMeans.size());
        for (JsonNode e : expected) {
            String key = e.get("variable").asText() + " " + e.get("contrast").asText();
            AverageMarginalEffect a = atMeans.stream().filter(m -> (m.variable() + " " + m.contrast()).equals(key))
                    .findFirst().orElseThrow(() -> new AssertionError("no effect " + key));
            assertEquals("means", a.at());
            assertRelative(e.get("estimate").asDouble(), a.estimate(), 1e-6, key + " at means, estimate");
            assertRelative(e.get(type == CovarianceType.HC1 ? "se_hc1" : "se").asDouble(), a.stdError(), 1e-5,
                    key + " at means, std. error (" + covariance + ")");
        }
    }
}
