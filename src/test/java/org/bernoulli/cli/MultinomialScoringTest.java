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
 * {@code score} and {@code evaluate} with a model of more than two classes. Scoring: a probability per class that sums to 1
 * within 1e-12 and equals the model's softmax at the row (to 1e-12: both are the same few roundings
 * of the same margins), the most probable class, each class's margin and its standard error
 * √(x̃ᵀVₖx̃) from covariance.json; the driver and Spark give the same bits from CSV, and a Parquet
 * table the same scores; a row of an unseen level is rejected with its reason. Evaluation: on both
 * engines scikit-learn's metrics of R's fit ({@code plans_metrics.json}: the fits agree to about
 * 1e-10, so losses to 1e-9 relative, counts exactly, ratios of counts to 1e-12, ranking areas to
 * 1e-9); a row of a class the model does not know is a bad row with its reason.
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

    @Test
    void evaluationEqualsScikitLearnsMetricsOnBothEngines(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode ref = json.readTree(Path.of("src/test/resources/multinomial/plans_metrics.json").toFile());
        for (String engine : List.of("local", "spark")) {
            Path metrics = dir.resolve(engine + ".json");
            TrainCommandTest.Run r = TrainCommandTest.run("evaluate", "--model", model.toString(), "--input", PLANS,
                    "--engine", engine, "--metrics-out", metrics.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("confusion matrix (rows: actual class; columns: predicted, the most "
                    + "probable):"), r.out());
            JsonNode m = json.readTree(metrics.toFile());
            assertEquals(ref.get("classes"), m.get("classes"));
            assertEquals(ref.get("logLoss").asDouble(), m.get("logLoss").asDouble(), 1e-9 * ref.get("logLoss").asDouble());
            assertEquals(ref.get("brierScore").asDouble(), m.get("brierScore").asDouble(), 1e-9);
            assertEquals(ref.get("accuracy").asDouble(), m.get("accuracy").asDouble(), 1e-12);
            assertEquals(ref.get("confusion"), m.get("confusionMatrix").get("counts"));
            for (int k = 0; k < 3; k++) {
                JsonNode c = m.get("perClass").get(k);
                assertEquals(ref.get("classes").get(k).asText(), c.get("class").asText());
                assertEquals(ref.get("support").get(k).asLong(), c.get("support").asLong());
                for (String f : List.of("precision", "recall", "f1")) {
                    assertEquals(ref.get(f).get(k).asDouble(), c.get(f).asDouble(), 1e-12, engine + " " + f + " " + k);
                }
                assertEquals(ref.get("areaUnderROC").get(k).asDouble(), c.get("areaUnderROC").asDouble(), 1e-9);
            }
            for (String[] average : new String[][] {{"macro", "macroAverage"}, {"weighted", "weightedAverage"}}) {
                for (String f : List.of("precision", "recall", "f1", "areaUnderROC")) {
                    assertEquals(ref.get(average[0]).get(f).asDouble(), m.get(average[1]).get(f).asDouble(), 1e-9,
                            engine + " " + average[0] + " " + f);
                }
            }
        }
        assertEquals(Files.readString(dir.resolve("local.json")), Files.readString(dir.resolve("spark.json")));
    }

    @Test
    void aThresholdIsRefusedForMoreClasses(@TempDir Path dir) {
        for (String command : List.of("score", "evaluate")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, "--model", model.toString(), "--input",
                    PLANS, "--threshold", "0.7"));
            if (command.equals("score")) {
                args.addAll(List.of("--output", dir.resolve("s").toString()));
            }
            TrainCommandTest.Run r = TrainCommandTest.run(args.toArray(new String[0]));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("error: --threshold 0.7 applies to a model of two classes; the prediction of a "
                    + "model of 3 is its most probable class"), r.err());
        }
    }

    @Test
    void aClassTheModelDoesNotKnowIsABadRow(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("labelled.csv");
        Files.writeString(csv, "age,spend,channel,plan\n30,99.5,store,basic\n41,20,web,gold\n52,10.25,web,pro\n");
        for (String engine : List.of("local", "spark")) {
            TrainCommandTest.Run fail = TrainCommandTest.run("evaluate", "--model", model.toString(), "--input",
                    csv.toString(), "--engine", engine);
            assertEquals(1, fail.exitCode(), fail.err());
            assertTrue(fail.err().contains("line 3: response 'plan' is 'gold', a class the model does not know; its "
                    + "classes are [basic, plus, pro]"), fail.err());
            TrainCommandTest.Run skip = TrainCommandTest.run("evaluate", "--model", model.toString(), "--input",
                    csv.toString(), "--engine", engine, "--bad-records", "skip");
            assertEquals(0, skip.exitCode(), skip.err());
            assertTrue(skip.out().startsWith("rows               2 (3 classes; 1 rejected)"), skip.out());
        }
    }
}
