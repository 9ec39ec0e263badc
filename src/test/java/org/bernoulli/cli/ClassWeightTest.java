package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.math.Logistic;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --class-weight}: factors c0,c1 give the fit of the same data with those numbers as a weight
 * column (1e-10); {@code balanced} makes the classes weigh the same, so at the optimum (where the
 * intercept's score Σ w'ᵢ(pᵢ − yᵢ) is 0) the class-weighted mean predicted probability is 1/2.
 */
class ClassWeightTest {

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    @Test
    void factorsEqualAWeightColumnAndBalancedHalvesTheWeight(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Datasets.path("heart_scale.csv"));
        StringBuilder weighted = new StringBuilder(lines.get(0) + ",w\n");
        for (String line : lines.subList(1, lines.size())) {
            weighted.append(line).append(line.startsWith("1,") ? ",0.75\n" : ",2.5\n");
        }
        Files.writeString(dir.resolve("w.csv"), weighted);
        String csv = Datasets.path("heart_scale.csv").toString();
        TrainCommandTest.Run factors = run("train", "--input", csv, "--output", dir.resolve("a").toString(),
                "--class-weight", "2.5,0.75", "--grad-tol", "1e-12", "--tol", "0");
        assertEquals(0, factors.exitCode(), factors.err());
        assertTrue(factors.out().contains("class weights: label 0 x 2.5, label 1 x 0.75"), factors.out());
        assertEquals(0, run("train", "--input", dir.resolve("w.csv").toString(), "--weight-column", "w",
                "--output", dir.resolve("b").toString(), "--grad-tol", "1e-12", "--tol", "0").exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(dir.resolve("a/model.json").toFile());
        JsonNode b = json.readTree(dir.resolve("b/model.json").toFile());
        assertEquals(b.get("intercept").asDouble(), a.get("intercept").asDouble(), 1e-10);
        for (int j = 0; j < 13; j++) {
            assertEquals(b.get("coefficients").get(j).asDouble(), a.get("coefficients").get(j).asDouble(), 1e-10);
        }

        TrainCommandTest.Run balanced = run("train", "--input", csv, "--output", dir.resolve("c").toString(),
                "--class-weight", "balanced", "--grad-tol", "1e-12", "--tol", "0");
        assertEquals(0, balanced.exitCode(), balanced.err());
        JsonNode c = json.readTree(dir.resolve("c/model.json").toFile());
        List<LabeledRow> rows = Datasets.csvRows("heart_scale.csv");
        long positives = rows.stream().filter(r -> r.label() == 1).count();
        double c1 = rows.size() / (2.0 * positives);
        double c0 = rows.size() / (2.0 * (rows.size() - positives));
        double weightedP = 0;
        double weight = 0;
        for (LabeledRow r : rows) {
            double z = c.get("intercept").asDouble();
            for (int k = 0; k < r.indices().length; k++) {
                z += c.get("coefficients").get(r.indices()[k]).asDouble() * r.values()[k];
            }
            double cy = r.label() == 1 ? c1 : c0;
            weightedP += cy * Logistic.sigmoid(z);
            weight += cy;
        }
        assertEquals(rows.size(), weight, 1e-9, "balanced keeps the total weight");
        assertEquals(0.5, weightedP / weight, 1e-10);
        assertEquals(rows.size(), c.get("training").get("weightSum").asDouble(), 1e-9);

        TrainCommandTest.Run bad = run("train", "--input", csv, "--output", dir.resolve("d").toString(),
                "--class-weight", "heavy");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("--class-weight takes balanced, none or c0,c1"), bad.err());
    }
}
