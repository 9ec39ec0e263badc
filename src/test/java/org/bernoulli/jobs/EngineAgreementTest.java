package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.ClassWeights;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver engine (no Spark session) and the Spark engine give the same model directory — model,
 * summary, covariance, evaluation, path and cross-validation curve — on every bundled dataset and
 * option family: maximum likelihood, L2, elastic net, a regularization path, cross-validation,
 * Firth, case weights and offsets, class weights, and formulas (factors, missing values left out,
 * binomial counts). Every number agrees to 1e-12 relative (of max(1, |value|)): the two engines sum
 * the same rows in blocks of different sizes (Spark's partitions start new blocks), with compensated
 * sums, so passes differ by about one rounding and the fits by a few; the iteration counts, the
 * optimizer's choices and every text agree exactly. Only what measures the run itself (seconds,
 * dates, partitions) may differ.
 */
class EngineAgreementTest {
    private static final double TOLERANCE = 1e-12;
    private static final Set<String> RUN_ONLY = Set.of("seconds", "trainedAt", "phaseSeconds", "partitions");
    private static final StopRule TIGHT = new StopRule(1000, 1e-12, 1e-9);

    @TempDir
    Path dir;

    private static InputSpec csv(String name) {
        return new InputSpec(Datasets.path(name).toString(), InputFormat.CSV, 0, "label", List.of(), null, 0);
    }

    private static InputSpec libsvm(String name) {
        return new InputSpec(Datasets.path(name).toString(), InputFormat.LIBSVM, 0, "label", List.of(), null, 0);
    }

    private static InputSpec formula(String name, String formula, String naAction) {
        return new InputSpec(Datasets.path("formula/" + name).toString(), InputFormat.CSV, 0, "label", List.of(), null,
                0, null, null, new FormulaOptions(formula, naAction, List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
    }

    private static TrainerSettings settings(double lambda, double alpha) {
        return new TrainerSettings(new Regularization(lambda, alpha, false), TIGHT, OptimizerChoice.AUTO, 10);
    }

    private static org.bernoulli.jobs.TrainingRequest request(InputSpec input, String out, TrainerSettings settings, boolean firth,
                                               org.bernoulli.train.PathSpec path, ClassWeights classWeights) {
        return new org.bernoulli.jobs.TrainingRequest(input, out, true, new org.bernoulli.train.FitSpec(settings, firth, StatsMode.AUTO, path, org.bernoulli.train.InferenceOptions.WALD), 0, null, null, true, null, classWeights);
    }

    /** Trains with both engines and asserts their model directories agree, file by file. */
    private void assertEnginesAgree(String name, Function<String, org.bernoulli.jobs.TrainingRequest> request) throws IOException {
        Path local = dir.resolve(name + "-local");
        Path spark = dir.resolve(name + "-spark");
        TrainingJob.execute(new TrainingEngine.OnDriver(), request.apply(local.toString()));
        TrainingJob.execute(new TrainingEngine.OnSpark(SparkTestSession.get()), request.apply(spark.toString()));
        List<String> files = new ArrayList<>();
        try (var listing = Files.list(spark)) {
            listing.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().forEach(files::add);
        }
        assertTrue(files.contains("model.json") && files.contains("evaluation.json") == !name.startsWith("counts"),
                name + ": " + files);
        for (String file : files) {
            assertTrue(Files.exists(local.resolve(file)), name + ": the driver engine wrote no " + file);
            ObjectMapper json = new ObjectMapper();
            assertSame(name + "/" + file, json.readTree(local.resolve(file).toFile()),
                    json.readTree(spark.resolve(file).toFile()));
        }
        try (var listing = Files.list(local)) {
            assertEquals(files.size(), listing.filter(p -> p.toString().endsWith(".json")).count(), name);
        }
    }

    private static void assertSame(String where, JsonNode local, JsonNode spark) {
        if (spark.isNumber()) {
            assertTrue(local.isNumber(), where + ": " + local);
            double a = local.doubleValue();
            double b = spark.doubleValue();
            assertTrue(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b)), where + ": driver " + a + ", Spark " + b);
        } else if (spark.isObject()) {
            assertEquals(names(spark), names(local), where);
            for (Iterator<Map.Entry<String, JsonNode>> it = spark.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!RUN_ONLY.contains(e.getKey())) {
                    assertSame(where + "." + e.getKey(), local.get(e.getKey()), e.getValue());
                }
            }
        } else if (spark.isArray()) {
            assertEquals(spark.size(), local.size(), where);
            for (int i = 0; i < spark.size(); i++) {
                assertSame(where + "[" + i + "]", local.get(i), spark.get(i));
            }
        } else {
            assertEquals(spark, local, where);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void maximumLikelihoodAndPenaltiesAgree() throws IOException {
        assertEnginesAgree("ml-heart-csv", out -> request(csv("heart_scale.csv"), out, settings(0, 0), false, null,
                null));
        assertEnginesAgree("l2-breast-libsvm", out -> request(libsvm("breast_cancer.libsvm"), out, settings(0.01, 0),
                false, null, null));
        assertEnginesAgree("l2-heart-libsvm", out -> request(libsvm("heart_scale.libsvm"), out, settings(0.01, 0),
                false, null, null));
        assertEnginesAgree("enet-breast-csv", out -> request(csv("breast_cancer.csv"), out, settings(0.01, 0.5), false,
                null, null));
    }

    @Test
    void pathsCrossValidationAndFirthAgree() throws IOException {
        assertEnginesAgree("path-breast", out -> request(csv("breast_cancer.csv"), out, settings(0, 1), false,
                new org.bernoulli.train.PathSpec(8, 1e-3), null));
        assertEnginesAgree("cv-heart", out -> request(csv("heart_scale.csv"), out, settings(0, 0), false,
                org.bernoulli.train.PathSpec.of(6, 1e-3, 3, 7), null));
        assertEnginesAgree("firth-heart", out -> request(csv("heart_scale.csv"), out, settings(0, 0), true, null, null));
        // breast_cancer is separable: Firth's estimates are finite where maximum likelihood has none.
        assertEnginesAgree("firth-breast", out -> request(csv("breast_cancer.csv"), out, settings(0, 0), true, null,
                null));
    }

    @Test
    void weightsOffsetsAndClassWeightsAgree() throws IOException {
        // heart_scale with a case weight and an offset column derived from each row.
        List<String> lines = Files.readAllLines(Datasets.path("heart_scale.csv"));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + ",w,o");
        for (int i = 1; i < lines.size(); i++) {
            out.add(lines.get(i) + "," + (1 + i % 3) + "," + (i % 5 - 2) * 0.1);
        }
        Path weighted = dir.resolve("weighted.csv");
        Files.write(weighted, out);
        InputSpec spec = new InputSpec(weighted.toString(), InputFormat.CSV, 0, "label", List.of(), "w", 0, "o");
        assertEnginesAgree("weights-offsets", o -> request(spec, o, settings(0, 0), false, null, null));
        assertEnginesAgree("class-weights", o -> request(csv("heart_scale.csv"), o, settings(0, 0), false, null,
                ClassWeights.parse("balanced")));
    }

    @Test
    void formulasAgree() throws IOException {
        assertEnginesAgree("formula-infert", out -> request(formula("infert.csv",
                "case ~ education + age * parity + induced + spontaneous + I(age^2)", "fail"), out, settings(0, 0),
                false, null, null));
        assertEnginesAgree("formula-survey-omit", out -> request(formula("survey.csv",
                "sex ~ height + exer + smoke + pulse", "omit"), out, settings(0, 0), false, null, null));
        assertEnginesAgree("counts-ucb", out -> request(formula("ucb_admissions.csv",
                "cbind(admitted, rejected) ~ gender + dept", "fail"), out, settings(0, 0), false, null, null));
    }

    /** A factor over MAX_LEVELS is refused alike, with its exact count of distinct values, on both engines. */
    @Test
    void aFactorOverTheLevelCapIsCountedAlike() throws IOException {
        // infert with an ID column, which '.' takes in as a factor of 248 levels.
        List<String> lines = new ArrayList<>(Files.readAllLines(Datasets.path("formula/infert.csv")));
        lines.set(0, lines.get(0) + ",\"patient\"");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + ",\"p" + i + "\"");
        }
        Path csv = dir.resolve("infert-ids.csv");
        Files.write(csv, lines);
        InputSpec input = new InputSpec(csv.toString(), InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions("case ~ .", "fail", List.of(), null, 100));
        String local = org.junit.jupiter.api.Assertions.assertThrows(org.bernoulli.data.BadInputException.class,
                () -> TrainingJob.execute(new TrainingEngine.OnDriver(), request(input, dir.resolve("l").toString(),
                        settings(0, 0), false, null, null))).getMessage();
        String spark = org.junit.jupiter.api.Assertions.assertThrows(org.bernoulli.data.BadInputException.class,
                () -> TrainingJob.execute(new TrainingEngine.OnSpark(SparkTestSession.get()), request(input,
                        dir.resolve("s").toString(), settings(0, 0), false, null, null))).getMessage();
        assertEquals(spark, local);
        assertTrue(local.contains("column 'patient' has 248 distinct values ({MAX_LEVELS} 100)"), local);
    }

    @Test
    void theDriverEngineRunsNoSparkJob() throws Exception {
        // A listener on this JVM's session counts the jobs each engine starts on it: none for the
        // driver engine (the packaged command's test shows it starts no session at all), some for Spark.
        var spark = SparkTestSession.get();
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        try {
            TrainingJob.execute(new TrainingEngine.OnDriver(), request(csv("heart_scale.csv"),
                    dir.resolve("driver").toString(), settings(0, 0), false, null, null));
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(0, jobs.get(), "the driver engine ran Spark jobs");
            TrainingJob.execute(new TrainingEngine.OnSpark(spark), request(csv("heart_scale.csv"),
                    dir.resolve("spark").toString(), settings(0, 0), false, null, null));
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertTrue(jobs.get() > 0, "the listener saw no job of the Spark engine");
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
    }
}
