package org.bernoulli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.cli.Main;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark.ml estimator runs the command line's passes: small data on the driver, giving the
 * command line's model bit for bit; larger data on Spark, with the automatic tree depth unless one
 * is given. Where the passes ran is read from the Spark jobs the fit started (a pass on the driver
 * starts none).
 */
class EstimatorPassesTest {

    /** The descriptions of the Spark jobs that {@code work} starts. */
    private static List<String> jobsOf(SparkSession spark, Supplier<?> work) throws InterruptedException {
        List<String> descriptions = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
                descriptions.add(d == null ? "(no description)" : d);
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            work.get();
            Thread.sleep(500); // listener events arrive asynchronously
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        return new ArrayList<>(descriptions);
    }

    @Test
    void smallDataIsFittedOnTheDriverToTheCommandLinesModel(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path modelDir = dir.resolve("cli");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "train", "--input",
                Datasets.path("heart_scale.csv").toString(), "--output", modelDir.toString(), "--partitions", "1",
                "--no-report");
        assertEquals(0, code, err.toString());
        JsonNode cli = new ObjectMapper().readTree(modelDir.resolve("model.json").toFile());

        Dataset<Row> heart = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(Datasets.path("heart_scale.csv").toString()).coalesce(1);
        String[] columns = java.util.Arrays.stream(heart.columns()).filter(c -> !c.equals("label"))
                .toArray(String[]::new);
        Dataset<Row> assembled = new VectorAssembler().setInputCols(columns).setOutputCol("features").transform(heart);
        assembled.cache().count();
        BernoulliLogisticRegressionModel[] fitted = new BernoulliLogisticRegressionModel[1];
        List<String> jobs = jobsOf(spark, () -> fitted[0] = new BernoulliLogisticRegression().fit(assembled));
        assertTrue(jobs.stream().noneMatch(j -> j.contains("loss and gradient")),
                "270 x 14 values: every loss pass on the driver, no Spark job for one: " + jobs);
        assertTrue(jobs.stream().anyMatch(j -> j.contains("summarize the training dataset")), jobs.toString());

        double[] expected = new double[13];
        for (int j = 0; j < 13; j++) {
            expected[j] = cli.get("coefficients").get(j).asDouble();
        }
        assertArrayEquals(expected, fitted[0].coefficients().toArray(), 0.0, "the command line's model, bit for bit");
        assertEquals(cli.get("intercept").asDouble(), fitted[0].intercept(), 0.0);
        assertEquals(cli.get("training").get("passes").asInt(), fitted[0].model().training().passes());
    }

    @Test
    void largerDataIsFittedOnSparkWithTheAutomaticDepth() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        int d = 20;
        for (int i = 0; i < 60_000; i++) {
            double[] x = new double[d];
            double z = 0.3;
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian();
                z += (j % 3 - 1) * 0.4 * x[j];
            }
            rows.add(RowFactory.create(random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0, Vectors.dense(x)));
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", new VectorUDT());
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(4);
        data.cache().count();

        List<String> automatic = jobsOf(spark, () -> new BernoulliLogisticRegression().setOptimizer("lbfgs").fit(data));
        List<String> passes = automatic.stream().filter(j -> j.contains("loss and gradient")).toList();
        assertFalse(passes.isEmpty(), "1,260,000 values: the passes run on Spark: " + automatic);
        // 4 partitions of 21-value partial sums: the automatic rule merges straight on the driver.
        assertTrue(passes.stream().allMatch(j -> j.contains("tree depth 1)")), passes.toString());

        List<String> given = jobsOf(spark, () -> new BernoulliLogisticRegression().setOptimizer("lbfgs")
                .setAggregationDepth(2).fit(data));
        List<String> deeper = given.stream().filter(j -> j.contains("loss and gradient")).toList();
        assertFalse(deeper.isEmpty());
        assertTrue(deeper.stream().allMatch(j -> j.contains("tree depth 2)")), deeper.toString());
        data.unpersist();
    }
}
