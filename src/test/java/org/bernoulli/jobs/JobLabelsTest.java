package org.bernoulli.jobs;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Spark job of a training run says in the Spark UI what it is for: each pass names the
 * iteration it belongs to ("Bernoulli iteration 3: loss and gradient (pass 4)"), and the passes
 * around the fit say so too. The data is large enough (60,000 × 20) for passes to run as Spark jobs
 * rather than on the driver.
 */
class JobLabelsTest {

    @Test
    void everyPassIsLabelledWithItsIteration(@TempDir Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("train.csv");
        writeData(data, 60_000, 20);
        SparkSession spark = SparkTestSession.get();
        List<String> descriptions = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                String d = jobStart.properties() == null ? null
                        : jobStart.properties().getProperty("spark.job.description");
                if (d != null) {
                    descriptions.add(d);
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            LogisticModel model = TrainingJob.execute(spark, new org.bernoulli.jobs.TrainingRequest(new InputSpec(data.toString(), InputFormat.CSV, 0, "label", List.of(), null, 3), dir.resolve("model").toString(), false, new org.bernoulli.train.FitSpec(new TrainerSettings(0, new StopRule(100, 1e-12, 1e-9), OptimizerChoice.LBFGS, 10), false, StatsMode.ON, null, org.bernoulli.train.InferenceOptions.WALD), 2, null, null, true, null, null)).model();
            int iterations = model.training().iterations();
            assertTrue(iterations >= 3, "iterations: " + iterations);
            // Listener events arrive asynchronously; the report's jobs are the last ones of the run.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (descriptions.stream().noneMatch(d -> d.startsWith("Bernoulli: report"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (int k = 1; k <= iterations; k++) {
                String prefix = "Bernoulli iteration " + k + ": loss and gradient (pass ";
                assertTrue(descriptions.stream().anyMatch(d -> d.startsWith(prefix)), prefix + " in " + descriptions);
            }
            // The starting point comes from the statistics pass; the aliasing check is the first pass.
            assertTrue(descriptions.stream().anyMatch(d -> d.startsWith("Bernoulli aliasing check: ")),
                    descriptions.toString());
            assertTrue(descriptions.stream().anyMatch(d -> d.startsWith("Bernoulli inference: ")),
                    descriptions.toString());
            assertTrue(descriptions.stream().anyMatch(d -> d.startsWith("Bernoulli: read, cache and summarize")));
            assertTrue(descriptions.stream().noneMatch(d -> d.startsWith("Bernoulli pass ")),
                    "every pass names its stage: " + descriptions);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }

    private static void writeData(Path file, int n, int d) throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("label");
        for (int j = 1; j <= d; j++) {
            csv.append(",f").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < n; i++) {
            double[] x = new double[d];
            double z = 0.2;
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian();
                z += (j % 3 - 1) * 0.5 * x[j];
            }
            csv.append(random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
            for (double v : x) {
                csv.append(',').append(String.format(Locale.ROOT, "%.5f", v));
            }
            csv.append('\n');
        }
        Files.writeString(file, csv);
    }
}
