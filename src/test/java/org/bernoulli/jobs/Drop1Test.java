package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.Drop1;
import org.bernoulli.train.OptimizerChoice;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --drop1} reproduces R's {@code drop1(fit, test = "LRT")}: the terms R may drop (a factor is
 * one term; main effects inside an interaction stay), their degrees of freedom exactly, and the
 * deviance, AIC, likelihood-ratio statistic and p to 1e-6 relative — on infert, infert with an
 * interaction, survey with rows omitted and UCB admissions as binomial counts, on both engines.
 * Tolerance: each fit stops within about 1e-10 of its optimum, where the log-likelihood is flat, so
 * deviances agree to far better than 1e-6, and p follows smoothly (relative error about LRT/2 times
 * that of LRT, also in the far tail).
 */
class Drop1Test {
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);

    private static org.bernoulli.jobs.TrainingRequest request(InputSpec input, Path out) {
        return new org.bernoulli.jobs.TrainingRequest(input, out.toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.FISHER, true)), 0, null, null, false, null, null);
    }

    @ParameterizedTest
    @CsvSource({"infert.csv,infert.json,fail", "infert.csv,infert_interaction.json,fail",
        "survey.csv,survey_na.json,omit", "ucb_admissions.csv,ucb_admissions.json,fail"})
    void drop1IsRsDrop1(String data, String reference, String naAction, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        JsonNode expected = ref.get("drop1_lrt");
        InputSpec input = new InputSpec(Path.of("src/data/formula").resolve(data).toString(), InputFormat.CSV, 0,
                "label", List.of(), null, 0, null, null, new FormulaOptions(ref.get("formula").asText(), naAction,
                List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            Path out = dir.resolve(engine.name());
            Drop1.Table table = TrainingJob.execute(engine, request(input, out)).drop1();
            assertEquals(expected.size(), table.rows().size(), reference + ": " + table.rows());
            for (int k = 0; k < expected.size(); k++) {
                JsonNode e = expected.get(k);
                Drop1.Row r = table.rows().get(k);
                String what = reference + " " + engine.name() + " " + r.term();
                assertEquals(e.get("term").asText(), r.term(), what);
                assertEquals(e.get("df").asInt(), r.df(), what);
                for (String field : List.of("deviance", "aic", "lrt", "p")) {
                    double want = e.get(field).asDouble();
                    double got = switch (field) {
                        case "deviance" -> r.deviance();
                        case "aic" -> r.aic();
                        case "lrt" -> r.lrt();
                        default -> r.p();
                    };
                    assertEquals(want, got, 1e-6 * Math.abs(want), what + " " + field);
                }
            }
            assertEquals(ref.get("residual_deviance").asDouble(), table.deviance(), 1e-9 * table.deviance());
            assertEquals(ref.get("aic").asDouble(), table.aic(), 1e-9 * table.aic());
            JsonNode written = new ObjectMapper().readTree(out.resolve("drop1.json").toFile());
            assertEquals(expected.size(), written.get("rows").size());
        }
    }

    @Test
    void withoutAFormulaEachColumnIsATerm(@TempDir Path dir) throws Exception {
        InputSpec input = new InputSpec(Datasets.path("heart_scale.csv").toString(), InputFormat.CSV, 0, "label",
                List.of(), null, 0);
        Drop1.Table table = TrainingJob.execute(new TrainingEngine.OnDriver(), request(input, dir.resolve("m"))).drop1();
        assertEquals(13, table.rows().size());
        assertEquals("x1", table.rows().get(0).term());
        for (Drop1.Row r : table.rows()) {
            assertEquals(1, r.df());
            assertTrue(r.lrt() >= 0 && r.deviance() >= table.deviance() && r.p() > 0 && r.p() <= 1, r.toString());
        }
        assertTrue(Files.exists(dir.resolve("m").resolve("drop1.json")));
    }
}
