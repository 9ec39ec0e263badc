package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.math.Logistic;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.optim.StopRule;
import org.bernoulli.jobs.TrainingJob;
import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.RankCurveTest;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.Models;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationJobTest {

    private static BinaryClassificationMetrics evaluate(Path model, Path input, InputFormat format, Path metricsOut) {
        return EvaluationJob.run(SparkTestSession.get(), new EvaluationJob.Request(model.toString(),
                new ScoreSource(input.toString(), format, "label", null, List.of(), null), 0.5, BadRecordPolicy.FAIL,
                metricsOut == null ? null : metricsOut.toString(), false));
    }

    /**
     * A model with margin = s (w = 1, b = 0) on a column of coarse scores: the distributed metrics
     * against brute force — all (positive, negative) pairs for the AUC — on data with many ties.
     */
    @Test
    void exactAucAndAveragePrecisionEqualBruteForceOnTiedScores(@TempDir Path dir) throws IOException {
        Models.write(dir.resolve("model"), 0.0, new double[] {1.0}, List.of("s"));
        Random random = new Random(11);
        int n = 3000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        StringBuilder csv = new StringBuilder("label,s\n");
        double logLoss = 0;
        double brier = 0;
        long tp = 0;
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
            scores[i] = Math.round((random.nextGaussian() + 1.2 * labels[i]) * 8) / 8.0;
            csv.append(labels[i]).append(',').append(scores[i]).append('\n');
            logLoss += Logistic.negLogLikelihood(scores[i], labels[i]);
            brier += Math.pow(Logistic.sigmoid(scores[i]) - labels[i], 2);
            tp += labels[i] == 1 && scores[i] >= 0 ? 1 : 0;
        }
        Files.writeString(dir.resolve("scores.csv"), csv);
        Path json = dir.resolve("metrics.json");
        BinaryClassificationMetrics m = evaluate(dir.resolve("model"), dir.resolve("scores.csv"), InputFormat.CSV, json);
        assertEquals(RankCurveTest.pairwiseAuc(scores, labels), m.areaUnderROC(), 1e-12);
        assertEquals(RankCurveTest.averagePrecision(scores, labels), m.areaUnderPR(), 1e-12);
        assertEquals(n, m.rows());
        assertEquals(logLoss / n, m.logLoss(), 1e-12);
        assertEquals(brier / n, m.brierScore(), 1e-12);
        assertEquals(tp, m.truePositives());
        assertEquals(n, m.truePositives() + m.falsePositives() + m.trueNegatives() + m.falseNegatives());
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        for (String key : new String[] {"rows", "logLoss", "logLikelihood", "areaUnderROC", "areaUnderPR", "brierScore",
                "accuracy"}) {
            assertTrue(written.has(key) && !written.get(key).isNull(), key);
        }
        assertEquals(m.areaUnderROC(), written.get("areaUnderROC").asDouble(), 0.0);
        assertEquals(-n * m.logLoss(), written.get("logLikelihood").asDouble(), 1e-9);
    }

    @Test
    void logLossOnTheTrainingDataIsTheTrainingMeanBce(@TempDir Path dir) {
        Path model = dir.resolve("model");
        LogisticModel trained = TrainingJob.run(SparkTestSession.get(), org.bernoulli.jobs.TrainingRequest.of(new InputSpec(Datasets.path("heart_scale.libsvm").toString(), InputFormat.LIBSVM, 0, "label", List.of(),
                        null, 2), model.toString(), false, new TrainerSettings(0.0, new StopRule(500, 1e-12, 1e-8)), 2));
        BinaryClassificationMetrics m = evaluate(model, Datasets.path("heart_scale.csv"), InputFormat.CSV, null);
        assertEquals(trained.training().meanLoss(), m.logLoss(), 1e-12 * m.logLoss());
        assertEquals(trained.training().logLikelihood(), m.logLikelihood(), 1e-9);
        assertEquals(270, m.rows());
        assertEquals(120, m.positives());
    }

    @Test
    void unlabelledInputIsAnError(@TempDir Path dir) throws IOException {
        Models.write(dir.resolve("model"), 0.0, new double[] {1.0}, List.of("s"));
        Files.writeString(dir.resolve("x.csv"), "s\n1\n2\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> evaluate(dir.resolve("model"), dir.resolve("x.csv"), InputFormat.CSV, null));
        assertTrue(e.getMessage().contains("evaluate needs labels") && e.getMessage().contains("'label'"), e.getMessage());
    }
}
