package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.TableSource;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelJson;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Formula fits held to R's {@code glm} on the bundled data as users keep it (text factors, empty
 * cells, binomial counts), and the same fit from every kind of input.
 *
 * <p>Tolerances: R stops at a relative deviance change of 1e-14 and Bernoulli's Newton steps at a
 * gradient below 1e-10 here; at a quadratically converged optimum both are within about 1e-10 of
 * it, so coefficients and standard errors agree to 1e-6 relative (the acceptance) with room to
 * spare, and deviances and AIC — which are flat at the optimum — to 1e-9 relative. The same data
 * through different readers reaches the same blocks, so the models agree to 1e-12.
 */
class FormulaReferenceTest {
    private static final Path DATA = Path.of("src/data/formula");
    private static final TrainerSettings TIGHT = new TrainerSettings(0, new StopRule(100, 1e-15, 1e-10));
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static ModelSummary fit(InputSpec input, Path out) {
        return TrainingJob.execute(spark, org.bernoulli.jobs.TrainingRequest.of(input, out.toString(), true, TIGHT, 0)).summary();
    }

    private static InputSpec csv(String file, String formula, String naAction) {
        return new InputSpec(DATA.resolve(file).toString(), InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions(formula, naAction, List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
    }

    @ParameterizedTest
    @CsvSource({"infert.csv,infert.json,fail", "infert.csv,infert_interaction.json,fail",
        "survey.csv,survey_na.json,omit", "ucb_admissions.csv,ucb_admissions.json,fail",
        "infert.csv,infert_pow.json,fail"})
    void everyFormulaReproducesRsGlm(String data, String reference, String naAction, @TempDir Path dir)
            throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        ModelSummary s = fit(csv(data, ref.get("formula").asText(), naAction), dir.resolve("m"));
        assertMatchesR(ref, s);
        assertRelative(ref.get("null_deviance").asDouble(), s.nullDeviance(), 1e-9, "null deviance");
        assertRelative(ref.get("loglik").asDouble(), s.logLikelihood(), 1e-9, "log-likelihood");
        assertEquals(ref.get("df_null").asLong(), s.dfNull());
        assertEquals(ref.get("df_residual").asLong(), s.dfResidual());
        assertEquals(ref.get("rows_used").asLong(), s.rows(), "rows used");
        LogisticModel model = ModelJson.read(Files.readString(dir.resolve("m/model.json")), "model.json");
        assertEquals(ref.get("rows_omitted_missing").asLong(), model.encoding().rowsOmitted(), "rows omitted");
        assertEquals(ref.get("formula").asText(), model.encoding().formula());
    }

    @Test
    void csvParquetOrcJsonAndACatalogTableGiveTheSameModel(@TempDir Path dir) {
        String formula = "case ~ spontaneous * induced + education + I(age^2) + log(parity)";
        double[] fromCsv = packed(fitModel(csv("infert.csv", formula, "fail"), dir.resolve("csv")));
        Dataset<Row> df = spark.read().option("header", true).option("inferSchema", true)
                .csv(DATA.resolve("infert.csv").toString());
        df.repartition(3).write().parquet(dir.resolve("infert.parquet").toString());
        df.write().orc(dir.resolve("infert.orc").toString());
        df.write().json(dir.resolve("infert.json").toString());
        df.write().mode(SaveMode.Overwrite).saveAsTable("infert_formula_test");
        for (InputFormat format : List.of(InputFormat.PARQUET, InputFormat.ORC, InputFormat.JSON, InputFormat.TABLE)) {
            String name = format.name().toLowerCase();
            TableSource source = format == InputFormat.TABLE ? new TableSource("table", "infert_formula_test", Map.of())
                    : new TableSource(name, null, Map.of());
            InputSpec in = new InputSpec(format == InputFormat.TABLE ? null : dir.resolve("infert." + name).toString(),
                    format, 0, "label", List.of(), null, 0, null, source,
                    new FormulaOptions(formula, "fail", List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
            double[] other = packed(fitModel(in, dir.resolve("m-" + name)));
            for (int j = 0; j < fromCsv.length; j++) {
                assertRelative(fromCsv[j], other[j], 1e-12, name + " coefficient " + j);
            }
        }
        // Repartitioned (a shuffle of Spark's rows) and coalesced, the same model.
        for (int partitions : new int[] {1, 7}) {
            InputSpec in = new InputSpec(dir.resolve("infert.parquet").toString(), InputFormat.PARQUET, 0, "label",
                    List.of(), null, partitions, null, new TableSource("parquet", null, Map.of()),
                    new FormulaOptions(formula, "fail", List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
            double[] other = packed(fitModel(in, dir.resolve("m-parquet-" + partitions)));
            for (int j = 0; j < fromCsv.length; j++) {
                assertRelative(fromCsv[j], other[j], 1e-12, partitions + " partitions, coefficient " + j);
            }
        }
        spark.sql("DROP TABLE infert_formula_test");
    }

    private static LogisticModel fitModel(InputSpec input, Path out) {
        return TrainingJob.execute(spark, org.bernoulli.jobs.TrainingRequest.of(input, out.toString(), true, TIGHT, 0)).model();
    }

    private static double[] packed(LogisticModel m) {
        double[] out = java.util.Arrays.copyOf(m.coefficients(), m.numFeatures() + 1);
        out[m.numFeatures()] = m.intercept();
        assertTrue(m.encoding() != null);
        return out;
    }

    /**
     * R's coefficient names in R's order, estimates and standard errors to 1e-6 relative, residual deviance
     * and AIC to 1e-9 (see the class's note on tolerances).
     */
    static void assertMatchesR(JsonNode ref, ModelSummary s) {
        List<String> names = new ArrayList<>();
        for (CoefficientEstimate c : s.coefficients()) {
            names.add(c.name());
        }
        List<String> expected = new ArrayList<>();
        ref.get("names").forEach(n -> expected.add(n.asText()));
        assertEquals(expected, names, "names exactly as R prints them, in R's order");
        for (int j = 0; j < names.size(); j++) {
            CoefficientEstimate c = s.coefficients().get(j);
            assertRelative(ref.get("estimate").get(j).asDouble(), c.estimate(), 1e-6, names.get(j) + " estimate");
            assertRelative(ref.get("std_error").get(j).asDouble(), c.stdError(), 1e-6, names.get(j) + " std. error");
        }
        assertRelative(ref.get("residual_deviance").asDouble(), s.residualDeviance(), 1e-9, "residual deviance");
        assertRelative(ref.get("aic").asDouble(), s.aic(), 1e-9, "AIC");
    }

    static void assertRelative(double expected, double actual, double tol, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(actual - expected) <= tol * scale, what + ": expected " + expected + " but was " + actual
                + " (relative " + Math.abs(actual - expected) / scale + ")");
    }
}
