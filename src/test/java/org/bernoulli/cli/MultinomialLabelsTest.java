package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --family multinomial} without a formula: a label column (CSV) or a LIBSVM label of
 * class indices 0, 1, …, K − 1, as MLlib's — the same fit as the formula's of the same rows (R's
 * multinom: coefficients and standard errors to 1e-6), on both engines; scoring and evaluating with
 * such a model, a label the model does not know a bad row; the labels it refuses, exit 1.
 */
class MultinomialLabelsTest {
    private static final List<String> CLASSES = List.of("basic", "plus", "pro");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    /** plans.csv as numbers: the class index, then age, spend and the channel's indicators. */
    private static void write(Path csv, Path libsvm) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/data/multinomial/plans.csv"));
        StringBuilder c = new StringBuilder("label,age,spend,store,web\n");
        StringBuilder l = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.replace("\"", "").split(",");
            int y = CLASSES.indexOf(cells[3]);
            String store = cells[2].equals("store") ? "1" : "0";
            String web = cells[2].equals("web") ? "1" : "0";
            c.append(y).append(',').append(cells[0]).append(',').append(cells[1]).append(',').append(store).append(',')
                    .append(web).append('\n');
            l.append(y).append(" 1:").append(cells[0]).append(" 2:").append(cells[1])
                    .append(store.equals("1") ? " 3:1" : "").append(web.equals("1") ? " 4:1" : "").append('\n');
        }
        Files.writeString(csv, c);
        Files.writeString(libsvm, l);
    }

    private static void assertMultinom(Path model, List<String> names) throws IOException {
        JsonNode ref = JSON.readTree(new File("src/test/resources/multinomial/plans.json"));
        JsonNode summary = JSON.readTree(model.resolve("summary.json").toFile());
        assertEquals("[\"0\",\"1\",\"2\"]", summary.get("classes").toString());
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 5; j++) {
                JsonNode c = summary.get("coefficients").get(k * 5 + j);
                assertEquals(String.valueOf(k + 1), c.get("class").asText());
                assertEquals(j == 0 ? "(Intercept)" : names.get(j - 1), c.get("name").asText());
                double estimate = ref.get("estimate").get(k).get(j).asDouble();
                double se = ref.get("std_error").get(k).get(j).asDouble();
                assertEquals(estimate, c.get("estimate").asDouble(), 1e-6 * Math.abs(estimate), c.toString());
                assertEquals(se, c.get("stdError").asDouble(), 1e-6 * se, c.toString());
            }
        }
        assertEquals(ref.get("loglik").asDouble(), summary.get("logLikelihood").asDouble(),
                1e-9 * Math.abs(ref.get("loglik").asDouble()));
    }

    @Test
    void classIndicesFitRsMultinomFromCsvAndLibsvmOnBothEngines(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("plans.csv");
        Path libsvm = dir.resolve("plans.libsvm");
        write(csv, libsvm);
        for (String engine : List.of("local", "spark")) {
            Path fromCsv = dir.resolve("csv-" + engine);
            TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", csv.toString(), "--family", "multinomial",
                    "--output", fromCsv.toString(), "--engine", engine, "--grad-tol", "1e-10", "--no-report", "--quiet");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().startsWith("Multinomial logistic regression (3 classes) on 5000 rows x 4 features"),
                    r.out());
            assertMultinom(fromCsv, List.of("age", "spend", "store", "web"));
        }
        Path fromLibsvm = dir.resolve("libsvm");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", libsvm.toString(), "--family", "multinomial",
                "--output", fromLibsvm.toString(), "--grad-tol", "1e-10", "--no-report", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertMultinom(fromLibsvm, List.of("x1", "x2", "x3", "x4"));

        // Scored and evaluated with the same coding: the accuracy is scikit-learn's of R's fit.
        JsonNode metrics = JSON.readTree(new File("src/test/resources/multinomial/plans_metrics.json"));
        Path out = dir.resolve("metrics.json");
        TrainCommandTest.Run e = TrainCommandTest.run("evaluate", "--model", dir.resolve("csv-local").toString(),
                "--input", csv.toString(), "--metrics-out", out.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertEquals(metrics.get("accuracy").asDouble(), JSON.readTree(out.toFile()).get("accuracy").asDouble(), 1e-12);
        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "label,age,spend,store,web\n1,30,99.5,1,0\n5,41,20,0,1\n");
        TrainCommandTest.Run bad = TrainCommandTest.run("evaluate", "--model", dir.resolve("csv-local").toString(),
                "--input", unknown.toString());
        assertEquals(1, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("line 3: label 5 is not a class of the model; its classes are 0 to 2"), bad.err());
    }

    @Test
    void labelsThatAreNoClassIndicesAreRefused(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m");
        Path half = dir.resolve("half.csv");
        Files.writeString(half, "label,x\n0,1\n2.5,2\n1,3\n");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", half.toString(), "--family", "multinomial",
                "--output", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("line 3: label '2.5' is not a class index; expected 0, 1, 2, … (a whole number "
                + "below 1000)"), r.err());
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "label,x\n0,1\n1,2\n1,3\n0,4\n");
        TrainCommandTest.Run t = TrainCommandTest.run("train", "--input", two.toString(), "--family", "multinomial",
                "--output", out.toString());
        assertEquals(1, t.exitCode(), t.err());
        assertTrue(t.err().contains("the labels are class indices up to 1; --family multinomial needs three classes or "
                + "more (0, 1, 2, …); two are fitted by --family binomial"), t.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
