package org.bernoulli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.it.ReadmeCommandIT.Result;
import org.bernoulli.ml.BernoulliLogisticRegression;
import org.bernoulli.ml.BernoulliLogisticRegressionModel;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compact suite every Spark line runs against its own Spark: the line's packaged jar through
 * {@code scripts/bernoulli} on the line's Spark jars from Maven (train from CSV and from Parquet by
 * formula with inference, on both engines; score; evaluate; bad rows named; the README's command), and the spark.ml
 * estimator in a Pipeline saved and loaded, in this JVM on the same Spark. Each line's profile runs it
 * ({@code mvn verify -P spark-3.5_2.12 …}); the default line runs it with the rest.
 *
 * <p>Tolerances: R's {@code glm(epsilon = 1e-14)} to 1e-6 (its estimates and standard errors are
 * printed to 15 digits, and Bernoulli's stop at a gradient of 1e-7); the two engines and the two file
 * formats to 1e-10 relative (the same rows, summed in other orders). Every fit is also written to
 * {@code bernoulli.line.models/NAME}, where {@link SparkLinesAgreeIT} compares the lines' fits to 1e-12.
 */
class SparkLineIT {
    static final String FORMULA = "case ~ spontaneous * induced + education + I(age^2) + log(parity)";
    static final String INFERT = "src/data/formula/infert.csv";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String line;
    private static Path models;
    private static JsonNode reference;
    /** What the CSV fit on Spark printed (its model is in {@code models/csv-formula-spark}). */
    private static Result csvFit;

    @BeforeAll
    static void theLineAndWhereItsModelsGo(@TempDir Path work) throws IOException, InterruptedException {
        line = required("bernoulli.spark.line");
        models = Path.of(required("bernoulli.line.models"));
        if (Files.exists(models)) {
            try (Stream<Path> old = Files.walk(models)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(models);
        reference = JSON.readTree(Path.of("src/test/resources/formula/infert_interaction.json").toFile());
        // The fit the other tests start from: trained once, on Spark, from the CSV.
        csvFit = bernoulli(work, "train", "--engine", "spark", "--input", INFERT,
                "--formula", FORMULA, "--output", models.resolve("csv-formula-spark").toString());
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the system property " + property + " is not set (the pom's failsafe "
                    + "configuration sets it)");
        }
        return value;
    }

    private static Result bernoulli(Path dir, String... args) throws IOException, InterruptedException {
        Result r = ReadmeCommandIT.bernoulli(dir, Map.of("BERNOULLI_SPARK_LINE", line), args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.err());
        return r;
    }

    /** sparkLINE_SCALA as the jar's name spells it, of the Spark and Scala this JVM runs. */
    static String lineOfThisJvm() {
        String[] version = org.apache.spark.package$.MODULE$.SPARK_VERSION().split("\\.");
        String scalaVersion = scala.util.Properties.versionNumberString();
        return "spark" + version[0] + "." + version[1] + "_" + scalaVersion.substring(0, scalaVersion.lastIndexOf('.'));
    }

    @Test
    void theJarRunsOnItsLinesSpark(@TempDir Path dir) throws Exception {
        assertEquals(line, lineOfThisJvm(), "the test JVM runs the line's Spark and Scala");
        Result r = bernoulli(dir, "--version");
        assertTrue(r.out().contains("Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ","), r.out());
    }

    @Test
    void aFormulaFitFromCsvHasRsEstimatesAndErrorsOnBothEngines(@TempDir Path dir) throws Exception {
        Path spark = models.resolve("csv-formula-spark");
        Path local = models.resolve("csv-formula-local");
        assertTrue(csvFit.out().contains("Residual deviance: 254.658  on 240  degrees of freedom"), csvFit.out());
        bernoulli(dir, "train", "--engine", "local", "--input", INFERT, "--formula", FORMULA, "--output",
                local.toString());
        assertIsRsFit(spark);
        assertSameFit(spark, local, 1e-10);
    }

    @Test
    void aFormulaFitFromParquetIsTheCsvFit(@TempDir Path dir) throws Exception {
        SparkSession session = SparkTestSession.get();
        Path parquet = dir.resolve("infert.parquet");
        session.read().option("header", true).option("inferSchema", true).csv(INFERT).repartition(2)
                .write().parquet(parquet.toString());
        Path fromParquet = models.resolve("parquet-formula");
        bernoulli(dir, "train", "--input", parquet.toString(), "--formula", FORMULA, "--output",
                fromParquet.toString());
        assertIsRsFit(fromParquet);
        assertSameFit(models.resolve("csv-formula-spark"), fromParquet, 1e-10);
    }

    @Test
    void scoringAndEvaluationGiveRsMarginsAndLikelihood(@TempDir Path dir) throws Exception {
        Path model = models.resolve("csv-formula-spark");
        Path scores = dir.resolve("scores");
        bernoulli(dir, "score", "--engine", "spark", "--model", model.toString(), "--input", INFERT, "--output",
                scores.toString());
        List<Row> rows = SparkTestSession.get().read().parquet(scores.toString()).orderBy("source_line")
                .select("margin", "probability").collectAsList();
        JsonNode margins = reference.get("linear_predictor_head");
        assertEquals(248, rows.size());
        for (int i = 0; i < margins.size(); i++) {
            double margin = rows.get(i).getDouble(0);
            assertEquals(margins.get(i).asDouble(), margin, 1e-6, "row " + (i + 1) + "'s margin");
            assertEquals(1 / (1 + Math.exp(-margin)), rows.get(i).getDouble(1), 1e-15);
        }
        Path metrics = dir.resolve("metrics.json");
        bernoulli(dir, "evaluate", "--engine", "spark", "--model", model.toString(), "--input", INFERT,
                "--metrics-out", metrics.toString());
        JsonNode m = JSON.readTree(metrics.toFile());
        assertEquals(248, m.get("rows").asInt());
        assertEquals(-reference.get("loglik").asDouble() / 248, m.get("logLoss").asDouble(), 1e-9,
                "R's log-likelihood over the rows");
        Files.writeString(models.resolve("evaluation.json"), m.toString());
    }

    /**
     * Bad rows on this line's Spark are named as on every other: a level the model has not seen, met
     * while the scores are written (Spark 3.5 wraps it in its write failure), is the row's error, exit 1;
     * an evaluation whose every row is rejected says so (on 3.5 it once waited for a count that never came).
     */
    @Test
    void badRowsAreNamedByLineAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path model = models.resolve("csv-formula-spark");
        List<String> lines = Files.readAllLines(Path.of(INFERT));
        int column = List.of(lines.get(0).split(",")).indexOf("\"education\"");
        StringBuilder oneBad = new StringBuilder(lines.get(0)).append('\n');
        StringBuilder allBad = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[column] = "college";
            (i == 7 ? oneBad.append(String.join(",", cells)) : oneBad.append(lines.get(i))).append('\n');
            allBad.append(String.join(",", cells)).append('\n');
        }
        Path one = Files.writeString(dir.resolve("one-bad.csv"), oneBad);
        Path all = Files.writeString(dir.resolve("all-bad.csv"), allBad);
        Path scores = dir.resolve("scores");
        Result r = ReadmeCommandIT.bernoulli(dir, Map.of("BERNOULLI_SPARK_LINE", line), "score", "--engine", "spark",
                "--model", model.toString(), "--input", one.toString(), "--output", scores.toString());
        assertEquals(1, r.exitCode(), r.err());
        // Line 8 of the file: the header is line 1.
        assertTrue(r.err().contains("one-bad.csv line 8: education: level 'college' was not seen in training"),
                r.err());
        assertTrue(!r.err().contains("cannot write"), r.err());
        assertTrue(!Files.exists(scores), "nothing written");
        r = ReadmeCommandIT.bernoulli(dir, Map.of("BERNOULLI_SPARK_LINE", line), "evaluate", "--engine", "spark",
                "--model", model.toString(), "--input", all.toString(), "--bad-records", "skip");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("error: nothing to evaluate: all 248 rows of the input were rejected as bad rows"),
                r.err());
    }

    @Test
    void theReadmeCommandFitsHeartScale(@TempDir Path dir) throws Exception {
        Path heart = models.resolve("heart");
        Result r = bernoulli(dir, "train", "--input", "src/data/heart_scale.csv", "--output", heart.toString());
        assertTrue(r.out().contains("Residual deviance: 179.598"), r.out());
    }

    @Test
    void theEstimatorInAPipelineSavesAndLoadsWithItsFit(@TempDir Path dir) throws Exception {
        SparkSession session = SparkTestSession.get();
        Dataset<Row> infert = session.read().option("header", true).option("inferSchema", true).csv(INFERT);
        BernoulliLogisticRegression estimator = new BernoulliLogisticRegression().setFormula(FORMULA)
                .setTol(1e-15).setGradTol(1e-10).setMaxIter(100);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {estimator}).fit(infert);
        List<Row> before = fitted.transform(infert).select("probability").collectAsList();
        fitted.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());
        assertEquals(before, loaded.transform(infert).select("probability").collectAsList());

        // The summary is the fresh fit's (as with MLlib's, a loaded model has none); the numbers are the loaded one's.
        BernoulliLogisticRegressionModel fresh = (BernoulliLogisticRegressionModel) fitted.stages()[0];
        BernoulliLogisticRegressionModel model = (BernoulliLogisticRegressionModel) loaded.stages()[0];
        assertEquals(fresh.intercept(), model.intercept());
        assertEquals(fresh.coefficients(), model.coefficients());
        ObjectNode fit = JSON.createObjectNode();
        fit.put("intercept", model.intercept());
        ArrayNode coefficients = fit.putArray("coefficients");
        for (double c : model.coefficients().toArray()) {
            coefficients.add(c);
        }
        ArrayNode errors = fit.putArray("stdErrors");
        fresh.summary().coefficients().forEach(c -> errors.add(c.stdError()));
        for (int j = 0; j < errors.size(); j++) {
            assertEquals(reference.get("std_error").get(j).asDouble(), errors.get(j).asDouble(), 1e-6,
                    reference.get("names").get(j).asText());
        }
        assertEquals(reference.get("estimate").get(0).asDouble(), model.intercept(), 1e-6);
        for (int j = 0; j < coefficients.size(); j++) {
            assertEquals(reference.get("estimate").get(j + 1).asDouble(), coefficients.get(j).asDouble(), 1e-6,
                    reference.get("names").get(j + 1).asText());
        }
        double first = before.get(0).<Vector>getAs(0).apply(1);
        assertEquals(1 / (1 + Math.exp(-reference.get("linear_predictor_head").get(0).asDouble())), first, 1e-6);
        Files.createDirectories(models.resolve("pipeline"));
        JSON.writeValue(models.resolve("pipeline").resolve("fit.json").toFile(), fit);
    }

    /** The summary's names, estimates and standard errors are R's (1e-6). */
    static void assertIsRsFit(Path model) throws IOException {
        JsonNode rows = JSON.readTree(model.resolve("summary.json").toFile()).get("coefficients");
        assertEquals(reference.get("names").size(), rows.size());
        for (int j = 0; j < rows.size(); j++) {
            String name = reference.get("names").get(j).asText();
            assertEquals(name, rows.get(j).get("name").asText());
            assertEquals(reference.get("estimate").get(j).asDouble(), rows.get(j).get("estimate").asDouble(), 1e-6,
                    name);
            assertEquals(reference.get("std_error").get(j).asDouble(), rows.get(j).get("stdError").asDouble(), 1e-6,
                    name);
        }
    }

    /** Two fits' estimates and standard errors agree to {@code relative} (of the larger magnitude, at least 1). */
    static void assertSameFit(Path a, Path b, double relative) throws IOException {
        JsonNode x = JSON.readTree(a.resolve("summary.json").toFile()).get("coefficients");
        JsonNode y = JSON.readTree(b.resolve("summary.json").toFile()).get("coefficients");
        assertEquals(x.size(), y.size());
        for (int j = 0; j < x.size(); j++) {
            for (String field : List.of("estimate", "stdError")) {
                double u = x.get(j).get(field).asDouble();
                double v = y.get(j).get(field).asDouble();
                assertEquals(u, v, relative * Math.max(1, Math.max(Math.abs(u), Math.abs(v))),
                        x.get(j).get("name").asText() + " " + field + ": " + a + " and " + b);
            }
        }
    }
}
