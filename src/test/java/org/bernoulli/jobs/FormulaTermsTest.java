package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.TableSource;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.HeldOutRows;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bernoulli.jobs.FormulaReferenceTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R's formula terms beyond the basics — poly() orthogonal and raw, bs(), ns() by df and by knots,
 * C(f, contr.sum / contr.helmert), relevel(), %in%, / and ^ — held to R's {@code glm}: coefficients
 * by R's names and standard errors to 1e-6 relative (the acceptance; both fits are within about
 * 1e-10 of the optimum), deviance and AIC to 1e-9; and scoring rows the model has not seen
 * reproduces R's {@code predict()} — the training basis applied to new rows — to 1e-6 (absolute
 * on linear predictors of order 1).
 *
 * <p>terms_*.json (more_terms.R) fit three quarters of the rows and predict the quarter held out;
 * infert_*.json (received with the data) fit every row and predict rows 51–100.
 */
class FormulaTermsTest {
    private static final Path DATA = Path.of("src/data/formula");
    private static final TrainerSettings TIGHT = new TrainerSettings(0, new StopRule(100, 1e-15, 1e-10));
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static JsonNode reference(String name) throws Exception {
        return new ObjectMapper().readTree(new File("src/test/resources/formula/" + name));
    }

    private static InputSpec csv(Path file, String formula, String naAction) {
        return new InputSpec(file.toString(), InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions(formula, naAction, List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"terms_poly_ns.json", "terms_bs_sum.json", "terms_nested.json", "terms_relevel_pow.json",
        "terms_raw_helmert_knots.json", "terms_slash_bs2.json", "terms_survey_omit.json"})
    void heldOutRowsScoreAsRsPredict(String name, @TempDir Path dir) throws Exception {
        JsonNode ref = reference(name);
        Path data = DATA.resolve(ref.get("file").asText());
        Path training = HeldOutRows.training(data, dir);
        Path model = fitAndCompare(ref, csv(training, ref.get("formula").asText(), ref.get("na_action").asText()),
                dir.resolve("model"));
        Map<Long, Double> margins = score(model, HeldOutRows.heldOut(data, dir), dir.resolve("scores"));
        JsonNode rows = ref.get("predict_rows");
        JsonNode lp = ref.get("linear_predictor");
        for (int i = 0; i < rows.size(); i++) {
            // Data row r (1-based) held out is line r/4 + 1 of the held-out file (its header is line 1).
            long line = rows.get(i).asLong() / 4 + 1;
            assertPredicted(lp.get(i).asDouble(), margins.get(line), name + " data row " + rows.get(i).asLong());
        }
        assertEquals(rows.size(), margins.size(), "every held-out row with its cells is scored, no other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"infert_poly_ns.json", "infert_bs_sum.json", "infert_nested.json",
        "infert_relevel_pow.json"})
    void everyRowFittedAndRows51To100Predicted(String name, @TempDir Path dir) throws Exception {
        JsonNode ref = reference(name);
        Path model = fitAndCompare(ref, csv(DATA.resolve("infert.csv"), ref.get("formula").asText(), "fail"),
                dir.resolve("model"));
        Map<Long, Double> margins = score(model, DATA.resolve("infert.csv"), dir.resolve("scores"));
        JsonNode lp = ref.get("linear_predictor");
        int first = ref.get("predict_rows_first").asInt();
        for (int i = 0; i < lp.size(); i++) {
            long line = first + i + 1;
            assertPredicted(lp.get(i).asDouble(), margins.get(line), name + " data row " + (first + i));
        }
    }

    /** Fits, compares with R, and returns the model directory. */
    private static Path fitAndCompare(JsonNode ref, InputSpec input, Path out) {
        ModelSummary s = TrainingJob.execute(spark, TrainingRequest.of(input, out.toString(), true, TIGHT, 0)).summary();
        FormulaReferenceTest.assertMatchesR(ref, s);
        return out;
    }

    /** The margins of {@code data} scored with the saved model, by line of the file. */
    private static Map<Long, Double> score(Path model, Path data, Path out) {
        ScoringJob.run(spark, new ScoringRequest(model.toString(), new ScoreSource(data.toString(), InputFormat.CSV,
                null, null, List.of(), null, null), out.toString(), ScoringRequest.OutputFormat.PARQUET, 0.5,
                BadRecordPolicy.parse("skip"), false));
        Map<Long, Double> margins = new HashMap<>();
        for (Row r : spark.read().parquet(out.toString()).collectAsList()) {
            margins.put(r.<Long>getAs("source_line"), r.<Double>getAs("margin"));
        }
        return margins;
    }

    private static void assertPredicted(double expected, Double actual, String what) {
        assertTrue(actual != null, what + ": not scored");
        assertTrue(Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), what + ": R " + expected
                + ", here " + actual);
    }

    @Test
    void aBasisFromParquetEqualsTheBasisFromCsv(@TempDir Path dir) {
        // survey's heights have empty cells: the knots come from every height present, as R computes them
        // before leaving out the rows with a missing cell — through the CSV reader and through Spark's.
        String formula = "sex ~ ns(height, df = 3) + poly(pulse, 2) + C(exer, contr.helmert)";
        LogisticModel fromCsv = TrainingJob.execute(spark, TrainingRequest.of(csv(DATA.resolve("survey.csv"), formula,
                "omit"), dir.resolve("csv").toString(), false, TIGHT, 0)).model();
        Path parquet = dir.resolve("survey.parquet");
        spark.read().option("header", true).option("inferSchema", true).csv(DATA.resolve("survey.csv").toString())
                .repartition(3).write().parquet(parquet.toString());
        InputSpec in = new InputSpec(parquet.toString(), InputFormat.PARQUET, 0, "label", List.of(), null, 0, null,
                new TableSource("parquet", null, Map.of()), new FormulaOptions(formula, "omit", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS));
        LogisticModel fromParquet = TrainingJob.execute(spark, TrainingRequest.of(in, dir.resolve("parquet").toString(),
                false, TIGHT, 0)).model();
        assertEquals(fromCsv.encoding().bases(), fromParquet.encoding().bases(), "the same bases");
        for (int j = 0; j < fromCsv.numFeatures(); j++) {
            assertRelative(fromCsv.coefficients()[j], fromParquet.coefficients()[j], 1e-12, "coefficient " + j);
        }
        assertRelative(fromCsv.intercept(), fromParquet.intercept(), 1e-12, "intercept");
    }
}
