package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --offset-column} against R: heart_scale with offsetᵢ = 0.5·sin(i) (i the 0-based row),
 * fitted by {@code glm(label ~ . - offset + offset(offset), family = binomial)} in R 4.2.2
 * (src/test/resources/offset: the data, the fit, and the R script that made both). Coefficients and
 * standard errors within 1e-6 relative, log-likelihood, deviances (the null deviance is that of the
 * intercept fitted with the offsets, as R's) and AIC within 1e-9 relative.
 */
class OffsetTest {

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    @Test
    void offsetFitMatchesRGlm(@TempDir Path dir) throws IOException, URISyntaxException {
        Path data = Path.of(OffsetTest.class.getResource("/offset/heart_scale_offset.csv").toURI());
        JsonNode r = Datasets.reference("offset/heart_scale_offset.json");
        Path model = dir.resolve("model");
        TrainCommandTest.Run run = run("train", "--input", data.toString(), "--output", model.toString(),
                "--offset-column", "offset", "--grad-tol", "1e-11");
        assertEquals(0, run.exitCode(), run.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(model.resolve("model.json").toFile());
        assertEquals(13, m.get("numFeatures").asInt(), "the offset is not a feature");
        assertRelative(r.get("intercept").asDouble(), m.get("intercept").asDouble(), 1e-6, "intercept");
        for (int j = 0; j < 13; j++) {
            assertRelative(r.get("coefficients").get(j).asDouble(), m.get("coefficients").get(j).asDouble(), 1e-6,
                    "x" + (j + 1));
        }
        JsonNode s = json.readTree(model.resolve("summary.json").toFile());
        for (int k = 0; k < 14; k++) {
            assertRelative(r.get("std_errors").get(k).asDouble(),
                    s.get("coefficients").get(k).get("stdError").asDouble(), 1e-6, "se " + k);
        }
        assertRelative(r.get("loglik").asDouble(), s.get("logLikelihood").asDouble(), 1e-9, "log-likelihood");
        assertRelative(r.get("deviance").asDouble(), s.get("residualDeviance").asDouble(), 1e-9, "deviance");
        assertRelative(r.get("null_deviance").asDouble(), s.get("nullDeviance").asDouble(), 1e-9, "null deviance");
        assertRelative(r.get("aic").asDouble(), s.get("aic").asDouble(), 1e-9, "AIC");

        // Without the offset the fit is another one: the test would notice a dropped offset.
        Path plain = dir.resolve("plain");
        assertEquals(0, run("train", "--input", data.toString(), "--output", plain.toString(), "--feature-columns",
                "x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,x12,x13").exitCode());
        double other = json.readTree(plain.resolve("model.json").toFile()).get("intercept").asDouble();
        assertTrue(Math.abs(other - r.get("intercept").asDouble()) > 1e-3);
    }

    @Test
    void offsetColumnErrorsAreNamed(@TempDir Path dir) throws URISyntaxException, IOException {
        Path data = Path.of(OffsetTest.class.getResource("/offset/heart_scale_offset.csv").toURI());
        TrainCommandTest.Run missing = run("train", "--input", data.toString(), "--output",
                dir.resolve("a").toString(), "--offset-column", "exposure");
        assertEquals(ExitCodes.FAILURE, missing.exitCode());
        assertTrue(missing.err().contains("no offset column (--offset-column) named 'exposure'"), missing.err());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "label,offset,x\n1,0.5,1\n0,abc,2\n1,0.1,3\n");
        TrainCommandTest.Run text = run("train", "--input", bad.toString(), "--output", dir.resolve("b").toString(),
                "--offset-column", "offset");
        assertEquals(ExitCodes.FAILURE, text.exitCode());
        assertTrue(text.err().contains("line 3") && text.err().contains("offset"), text.err());
        TrainCommandTest.Run libsvm = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(),
                "--output", dir.resolve("c").toString(), "--offset-column", "offset");
        assertEquals(ExitCodes.USAGE, libsvm.exitCode());
        assertTrue(libsvm.err().contains("--offset-column"), libsvm.err());
        for (String m : new String[] {"a", "b", "c"}) {
            assertFalse(Files.exists(dir.resolve(m)), m);
        }
    }

    /**
     * Scoring and evaluating with the offsets: on the training file, evaluate's log loss is the
     * training mean BCE (1e-12); scored margins equal b + w·x + o computed here (1e-12 relative) from
     * CSV and from Parquet; without --offset-column the offset column is refused by name; a Parquet
     * row whose offset is missing is a bad row with its reason.
     */
    @Test
    void scoringAndEvaluationAddTheOffsets(@TempDir Path dir) throws IOException, URISyntaxException {
        Path data = Path.of(OffsetTest.class.getResource("/offset/heart_scale_offset.csv").toURI());
        Path model = dir.resolve("model");
        assertEquals(0, run("train", "--input", data.toString(), "--output", model.toString(), "--offset-column",
                "offset", "--grad-tol", "1e-11", "--no-report").exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(model.resolve("model.json").toFile());
        Path metrics = dir.resolve("metrics.json");
        TrainCommandTest.Run eval = run("evaluate", "--model", model.toString(), "--input", data.toString(),
                "--offset-column", "offset", "--metrics-out", metrics.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        double meanLoss = m.get("training").get("meanLoss").asDouble();
        assertEquals(meanLoss, json.readTree(metrics.toFile()).get("logLoss").asDouble(), 1e-12 * meanLoss);

        TrainCommandTest.Run without = run("evaluate", "--model", model.toString(), "--input", data.toString());
        assertEquals(ExitCodes.FAILURE, without.exitCode());
        assertTrue(without.err().contains("offset") && without.err().contains("--offset-column"), without.err());

        Path csvScores = dir.resolve("csv-scores");
        assertEquals(0, run("score", "--model", model.toString(), "--input", data.toString(), "--offset-column",
                "offset", "--output", csvScores.toString(), "--output-format", "csv").exitCode());
        var spark = SparkTestSession.get();
        List<org.apache.spark.sql.Row> scored = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(csvScores.toString()).orderBy("source_line").collectAsList();
        List<String> lines = Files.readAllLines(data);
        assertEquals(270, scored.size());
        for (int i = 0; i < 270; i++) {
            String[] cells = lines.get(i + 1).split(",");
            double z = m.get("intercept").asDouble() + Double.parseDouble(cells[1]);
            for (int j = 0; j < 13; j++) {
                z += m.get("coefficients").get(j).asDouble() * Double.parseDouble(cells[j + 2]);
            }
            double margin = scored.get(i).getDouble(scored.get(i).fieldIndex("margin"));
            assertEquals(z, margin, 1e-12 * Math.max(1, Math.abs(z)), "row " + (i + 1));
        }

        Path parquet = dir.resolve("data.parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(data.toString())
                .withColumn("offset", org.apache.spark.sql.functions.when(
                        org.apache.spark.sql.functions.col("x1").equalTo(0.708333), null)
                        .otherwise(org.apache.spark.sql.functions.col("offset")))
                .coalesce(1).write().parquet(parquet.toString());
        Path parquetScores = dir.resolve("parquet-scores");
        TrainCommandTest.Run p = run("score", "--model", model.toString(), "--input", parquet.toString(),
                "--offset-column", "offset", "--output", parquetScores.toString(), "--bad-records",
                "quarantine:" + dir.resolve("bad"));
        assertEquals(0, p.exitCode(), p.err());
        List<org.apache.spark.sql.Row> rejected = spark.read().json(dir.resolve("bad").toString()).collectAsList();
        assertTrue(!rejected.isEmpty() && rejected.stream().allMatch(r -> r.getString(r.fieldIndex("reason"))
                .contains("offset 'offset' is missing")), rejected.toString());
        long scoredRows = spark.read().parquet(parquetScores.toString()).count();
        assertEquals(270, scoredRows + rejected.size());
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }
}
