package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.inference.TermTest;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The summary's joint Wald test of each term with several columns equals R's b'V⁻¹b with V =
 * vcov(glm) (wald_terms.json, computed by wald_terms.R) to 1e-6 relative — a factor of three levels
 * on infert, of three and four levels on survey with rows omitted — on both engines, and
 * summary.json holds them. Tolerance as for the standard errors (FormulaReferenceTest).
 */
class WaldTermTest {

    private static ModelSummary fit(TrainingEngine engine, String data, String formula, String naAction, Path out) {
        InputSpec input = new InputSpec(Path.of("src/data/formula").resolve(data).toString(), InputFormat.CSV, 0,
                "label", List.of(), null, 0, null, null, new FormulaOptions(formula, naAction, List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS));
        return TrainingJob.execute(engine, org.bernoulli.jobs.TrainingRequest.of(input, out.toString(), true, new TrainerSettings(0, new StopRule(100, 1e-15, 1e-10)), 0)).summary();
    }

    @Test
    void jointWaldTestsAreRs(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/wald_terms.json"));
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            ModelSummary infert = fit(engine, "infert.csv", "case ~ spontaneous + induced + education", "fail",
                    dir.resolve("infert-" + engine.name()));
            assertSame(ref.get("infert"), infert.termTests());
            Path survey = dir.resolve("survey-" + engine.name());
            ModelSummary s = fit(engine, "survey.csv", "sex ~ height + wr_hnd + exer + smoke", "omit", survey);
            assertSame(ref.get("survey_na"), s.termTests());
            assertSame(ref.get("survey_na"), SummaryJson.readSummary(Files.readString(survey.resolve("summary.json")),
                    "summary").termTests());
        }
    }

    private static void assertSame(JsonNode expected, List<TermTest> tests) {
        assertEquals(expected.size(), tests.size(), tests.toString());
        for (int k = 0; k < tests.size(); k++) {
            JsonNode e = expected.get(k);
            TermTest t = tests.get(k);
            assertEquals(e.get("term").asText(), t.term());
            assertEquals(e.get("df").asInt(), t.df());
            assertEquals(e.get("chiSquared").asDouble(), t.chiSquared(), 1e-6 * e.get("chiSquared").asDouble(), t.term());
            assertEquals(e.get("p").asDouble(), t.p(), 1e-6 * e.get("p").asDouble(), t.term());
        }
    }
}
