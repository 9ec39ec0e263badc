package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.bernoulli.model.CategoricalModel;
import org.bernoulli.model.ModelJson;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code score} with a model of more than two classes: a probability per class that sums to 1
 * within 1e-12 and equals the model's softmax at the row (to 1e-12: both are the same few roundings
 * of the same margins), the most probable class, each class's margin and its standard error
 * √(x̃ᵀVₖx̃) from covariance.json; the driver and Spark give the same bits from CSV, and a Parquet
 * table the same scores; a row of an unseen level is rejected with its reason.
 */
class MultinomialScoringTest {
    private static final String PLANS = Path.of("src/data/multinomial/plans.csv").toString();
    private static Path model;

    @BeforeAll
    static void train(@TempDir Path dir) {
        SparkTestSession.get();
        model = dir.resolve("plans-model");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", PLANS, "--formula",
                "plan ~ age + spend + channel", "--output", model.toString(), "--no-report", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Dataset<Row> read(Path out) {
        Dataset<Row> df = SparkTestSession.get().read().parquet(out.toString());
        String position = List.of(df.columns()).contains("source_line") ? "source_line" : "source_row";
        return df.orderBy(position);
    }

    @Test
    void probabilitiesAreTheModelsSoftmaxOnBothEnginesAndFromParquet(@TempDir Path dir) throws Exception {
        CategoricalModel m = (CategoricalModel) ModelJson.readAny(Files.readString(model.resolve("model.json")),
                "model.json");
        JsonNode covariance = new ObjectMapper().readTree(model.resolve("covariance.json").toFile());
        assertEquals(0, TrainCommandTest.run("score", "--model", model.toString(), "--input", PLANS, "--output",
                dir.resolve("local").toString(), "--with-se", "--engine", "local").exitCode());
        assertEquals(0, TrainCommandTest.run("score", "--model", model.toString(), "--input", PLANS, "--output",
                dir.resolve("spark").toString(), "--with-se", "--engine", "spark").exitCode());
        List<Row> local = read(dir.resolve("local")).collectAsList();
        List<Row> spark = read(dir.resolve("spark")).collectAsList();
        assertEquals(5000, local.size());
        assertEquals(local, spark, "the driver and Spark score to the bit");
        assertEquals(List.of("source_file", "source_line", "label", "probability_basic", "probability_plus",
                "probability_pro", "prediction", "margin_plus", "margin_pro", "margin_se_plus", "margin_se_pro"),
                List.of(read(dir.resolve("local")).columns()));
        List<String> lines = Files.readAllLines(Path.of(PLANS));
        for (int i = 0; i < local.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            String channel = cells[2].replace("\"", "");
            double[] x = {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), channel.equals("store") ? 1 : 0,
                    channel.equals("web") ? 1 : 0};
            double[] p = m.probabilities(x);
            Row r = local.get(i);
            double sum = 0;
            int best = 0;
            for (int k = 0; k < 3; k++) {
                double scored = r.getDouble(3 + k);
                assertEquals(p[k], scored, 1e-12, "row " + i + " class " + k);
                sum += scored;
                best = p[k] > p[best] ? k : best;
            }
            assertEquals(1.0, sum, 1e-12, "row " + i);
            assertEquals(m.classes().get(best), r.getString(6));
            assertEquals(cells[3].replace("\"", ""), r.getString(2));
            for (int k = 0; k < 2; k++) {
                // x̃ᵀVₖx̃ with x̃ = (1, x) in covariance.json's order: CLASS:(Intercept), then the features.
                double[] xt = {1, x[0], x[1], x[2], x[3]};
                double q = 0;
                for (int a = 0; a < 5; a++) {
                    for (int b = 0; b < 5; b++) {
                        q += xt[a] * xt[b] * covariance.get("matrix").get(5 * k + a).get(5 * k + b).asDouble();
                    }
                }
                assertEquals(Math.sqrt(q), r.getDouble(9 + k), 1e-12 * Math.sqrt(q), "standard error, row " + i);
                double eta = m.intercepts()[k];
                for (int j = 0; j < 4; j++) {
                    eta += m.coefficients()[k][j] * x[j];
                }
                assertEquals(eta, r.getDouble(7 + k), 1e-12 * Math.max(1, Math.abs(eta)));
            }
        }
        Path parquet = dir.resolve("plans.parquet");
        SparkTestSession.get().read().option("header", true).option("inferSchema", true).csv(PLANS).write()
                .mode(SaveMode.Overwrite).parquet(parquet.toString());
        assertEquals(0, TrainCommandTest.run("score", "--model", model.toString(), "--input", parquet.toString(),
                "--output", dir.resolve("table").toString(), "--with-se").exitCode());
        List<Row> table = read(dir.resolve("table")).collectAsList();
        for (int i = 0; i < table.size(); i++) {
            for (int c = 2; c < local.get(i).size(); c++) {
                assertEquals(local.get(i).get(c), table.get(i).get(c), "row " + i + " column " + c);
            }
        }
    }

    @Test
    void aRowOfAnUnseenLevelIsRejectedWithItsReason(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("new.csv");
        Files.writeString(csv, "age,spend,channel\n30,99.5,store\n41,20,kiosk\n52,10.25,web\n");
        Path quarantine = dir.resolve("q");
        TrainCommandTest.Run r = TrainCommandTest.run("score", "--model", model.toString(), "--input", csv.toString(),
                "--output", dir.resolve("s").toString(), "--output-format", "csv", "--bad-records",
                "quarantine:" + quarantine);
        assertEquals(0, r.exitCode(), r.err());
        List<String> out = Files.readAllLines(Files.list(dir.resolve("s")).filter(p -> p.toString().endsWith(".csv"))
                .findFirst().orElseThrow());
        assertEquals("source_file,source_line,probability_basic,probability_plus,probability_pro,prediction",
                out.get(0));
        assertEquals(3, out.size(), "two rows scored");
        String rejected = Files.readString(Files.list(quarantine).filter(p -> p.toString().endsWith(".json"))
                .findFirst().orElseThrow());
        assertTrue(rejected.contains("\"source_line\":3") && rejected.contains("'kiosk'"), rejected);
    }
}
