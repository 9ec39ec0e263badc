package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * King–Zeng: 200,000 seeded rows with rare positives (true intercept −4, about 3 % positive); the
 * same data with each negative kept with probability r = 0.05. Trained with
 * {@code --negative-sampling-rate 0.05}, the sample's intercept lands within three of its standard
 * errors of the full-data intercept (the sample is a subset of the full data, so the difference's
 * standard deviation, √(se_sample² − se_full²), is smaller still), and the slopes too; without the
 * correction it is off by −log r ≈ 3.0, about a hundred standard errors.
 */
class NegativeSamplingTest {

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    @Test
    void correctedInterceptMatchesTheFullDataFit(@TempDir Path dir) throws IOException {
        double rate = 0.05;
        Random random = new Random(2026);
        StringBuilder full = new StringBuilder("label,x1,x2\n");
        StringBuilder sample = new StringBuilder("label,x1,x2\n");
        for (int i = 0; i < 200_000; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            double z = -4 + 1.0 * x1 - 0.5 * x2;
            int y = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            String line = String.format(Locale.ROOT, "%d,%.6f,%.6f%n", y, x1, x2);
            full.append(line);
            if (y == 1 || random.nextDouble() < rate) {
                sample.append(line);
            }
        }
        Files.writeString(dir.resolve("full.csv"), full);
        Files.writeString(dir.resolve("sample.csv"), sample);
        assertEquals(0, run("train", "--input", dir.resolve("full.csv").toString(), "--output",
                dir.resolve("full").toString(), "--no-report").exitCode());
        TrainCommandTest.Run corrected = run("train", "--input", dir.resolve("sample.csv").toString(), "--output",
                dir.resolve("corrected").toString(), "--negative-sampling-rate", "" + rate, "--no-report");
        assertEquals(0, corrected.exitCode(), corrected.err());
        assertTrue(corrected.out().contains("King-Zeng"), corrected.out());
        assertEquals(0, run("train", "--input", dir.resolve("sample.csv").toString(), "--output",
                dir.resolve("plain").toString(), "--no-report").exitCode());

        ObjectMapper json = new ObjectMapper();
        JsonNode f = json.readTree(dir.resolve("full/summary.json").toFile()).get("coefficients");
        JsonNode c = json.readTree(dir.resolve("corrected/summary.json").toFile()).get("coefficients");
        JsonNode p = json.readTree(dir.resolve("plain/summary.json").toFile()).get("coefficients");
        JsonNode model = json.readTree(dir.resolve("corrected/model.json").toFile());
        assertEquals(c.get(0).get("estimate").asDouble(), model.get("intercept").asDouble(), 1e-12,
                "summary and model carry the same corrected intercept");
        assertEquals(Math.log(rate), c.get(0).get("estimate").asDouble() - p.get(0).get("estimate").asDouble(), 1e-12);
        for (int k = 0; k < 3; k++) {
            double se = c.get(k).get("stdError").asDouble();
            double gap = Math.abs(c.get(k).get("estimate").asDouble() - f.get(k).get("estimate").asDouble());
            assertTrue(gap <= 3 * se, "coefficient " + k + ": " + gap + " > 3 se = " + 3 * se);
        }
        double se = c.get(0).get("stdError").asDouble();
        assertTrue(Math.abs(p.get(0).get("estimate").asDouble() - f.get(0).get("estimate").asDouble()) > 50 * se,
                "without the correction the intercept is far off");
    }
}
