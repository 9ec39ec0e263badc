package org.bernoulli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.local.LocalTextReader;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.bernoulli.testing.HeldOutRows;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Newton with the default stop rule (gradient 1e-7 on the standardized scale, objective 1e-9 over 5
 * iterations) ends at the optimum to about 1e-10 wherever the information is well conditioned: once
 * the stop rule holds, the Newton step at the last iterate — whose Hessian the last pass summed —
 * is taken (one more pass), and quadratic convergence puts the estimate within about the square of
 * the remaining error. So the fit equals R's {@code glm(epsilon = 1e-14)} to 1e-8 relative on every
 * formula reference (both are within about 1e-10 of the optimum).
 */
class NewtonDefaultsTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({"infert.csv,infert.json,fail", "infert.csv,infert_interaction.json,fail",
        "survey.csv,survey_na.json,omit", "ucb_admissions.csv,ucb_admissions.json,fail",
        "birthwt.csv,birthwt_interaction.json,fail", "infert.csv,infert_pow.json,fail",
        "infert.csv,infert_poly_ns.json,fail", "infert.csv,infert_bs_sum.json,fail", "infert.csv,infert_nested.json,fail",
        "infert.csv,infert_relevel_pow.json,fail"})
    void defaultFitsAreRsOptimum(String data, String reference, String naAction) throws Exception {
        assertOptimum(Path.of("src/data/formula/" + data), reference, naAction);
    }

    /** The references of more_terms.R, fitted on the rows not held out. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"terms_poly_ns.json", "terms_bs_sum.json", "terms_nested.json", "terms_relevel_pow.json",
        "terms_raw_helmert_knots.json", "terms_slash_bs2.json", "terms_survey_omit.json"})
    void defaultFitsOfEveryTermAreRsOptimum(String reference, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        Path training = HeldOutRows.training(Path.of("src/data/formula/" + ref.get("file").asText()), dir);
        assertOptimum(training, reference, ref.get("na_action").asText());
    }

    private static void assertOptimum(Path data, String reference, String naAction) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        TrainerSettings defaults = new TrainerSettings(new Regularization(0, 0, false),
                new StopRule(TrainerSettings.DEFAULT_MAX_ITERATIONS, TrainerSettings.DEFAULT_TOLERANCE,
                        TrainerSettings.DEFAULT_GRADIENT_TOLERANCE), OptimizerChoice.AUTO, 10);
        try (TrainingSet set = LocalTextReader.read(new InputSpec(data.toString(), InputFormat.CSV, 0,
                "label", List.of(), null, 0, null, null, new FormulaOptions(ref.get("formula").asText(), naAction,
                List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS)))) {
            BlockDataLoss loss = set.dataLoss(0, () -> "test");
            ModelFitting.Fitted fitted = ModelFitting.fit(set, loss, loss, new FitSpec(defaults, false,
                    StatsMode.OFF, null, null), null, ModelFitting.Progress.NONE);
            assertEquals("newton", fitted.fit().optimizer());
            double[] packed = fitted.packed();
            int d = packed.length - 1;
            double intercept = ref.get("estimate").get(0).asDouble();
            assertEquals(intercept, packed[d], 1e-8 * Math.abs(intercept), "(Intercept)");
            for (int j = 0; j < d; j++) {
                double want = ref.get("estimate").get(j + 1).asDouble();
                assertEquals(want, packed[j], 1e-8 * Math.abs(want), ref.get("names").get(j + 1).asText());
            }
        }
    }
}
