package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html beside every trained model, and {@code bernoulli report} to remake it, on stored or
 * other labelled data. The page's numbers are checked against the files and commands they come
 * from; {@code it.ReportRenderIT} checks what a browser makes of it.
 */
class ReportCommandTest {
    private static final List<String> CHARTS = List.of("objective", "gradient", "suboptimality", "roc", "pr",
            "reliability");
    private static Path model;
    private static String trainedPage;

    @BeforeAll
    static void train(@TempDir Path dir) throws IOException {
        SparkTestSession.get();
        model = dir.resolve("model");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(),
                "--output", model.toString(), "--grad-tol", "1e-10");
        assertEquals(0, r.exitCode(), r.err());
        trainedPage = Files.readString(model.resolve("report.html"));
    }

    /**
     * The training run evaluates the model on its cached data: the log loss is the training mean
     * BCE (1e-12 relative: the same margins summed in another order), the exact areas are those
     * {@code evaluate} computes from the file, the history is the optimizer's.
     */
    @Test
    void trainingWritesTheReportAndWhatItShows(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode modelJson = json.readTree(model.resolve("model.json").toFile());
        JsonNode evaluation = json.readTree(model.resolve("evaluation.json").toFile());
        JsonNode metrics = evaluation.get("metrics");
        double meanLoss = modelJson.get("training").get("meanLoss").asDouble();
        assertEquals(meanLoss, metrics.get("logLoss").asDouble(), 1e-12 * meanLoss);
        assertEquals(270, metrics.get("rows").asLong());
        assertTrue(evaluation.get("data").asText().contains("heart_scale.libsvm"));

        Path metricsOut = dir.resolve("metrics.json");
        TrainCommandTest.Run eval = run("evaluate", "--model", model.toString(), "--input",
                Datasets.path("heart_scale.csv").toString(), "--metrics-out", metricsOut.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode evaluated = json.readTree(metricsOut.toFile());
        assertEquals(evaluated.get("areaUnderROC").asDouble(), metrics.get("areaUnderROC").asDouble(), 1e-15);
        assertEquals(evaluated.get("areaUnderPR").asDouble(), metrics.get("areaUnderPR").asDouble(), 1e-15);

        JsonNode history = json.readTree(model.resolve("history.json").toFile());
        JsonNode objectives = modelJson.get("training").get("objectiveHistory");
        assertEquals(objectives.size(), history.size());
        for (int k = 0; k < history.size(); k++) {
            assertEquals(k, history.get(k).get("iteration").asInt());
            assertEquals(objectives.get(k).asDouble(), history.get(k).get("objective").asDouble(), 0);
            assertTrue(history.get(k).get("gradientNorm").asDouble() >= 0);
        }

        for (String chart : CHARTS) {
            assertTrue(trainedPage.contains("data-chart=\"" + chart + "\""), chart + " chart missing");
        }
        assertTrue(trainedPage.contains(String.format(Locale.ROOT, "%.8g", metrics.get("areaUnderROC").asDouble())));
        JsonNode x3 = json.readTree(model.resolve("summary.json").toFile()).get("coefficients").get(3);
        assertEquals("x3", x3.get("name").asText());
        assertTrue(trainedPage.contains("<td>x3</td><td>" + String.format(Locale.ROOT, "%.6g", x3.get("estimate")
                .asDouble()) + "</td>"), "coefficient row of x3");
        assertTrue(trainedPage.contains(String.format(Locale.ROOT, "%.4g", x3.get("ciLow").asDouble())));
        assertTrue(trainedPage.contains(String.format(Locale.ROOT, "%.4g", x3.get("ciHigh").asDouble())));
        assertSelfContained(trainedPage);
    }

    /** Without --data the stored evaluation is shown again: the same page but for its time stamp. */
    @Test
    void reportWithoutDataRemakesThePageFromTheModelDirectory(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("again.html");
        TrainCommandTest.Run r = run("report", "--model", model.toString(), "--output", copy.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("report written to " + copy), r.out());
        assertTrue(r.out().contains("area under ROC"), r.out());
        assertEquals(withoutTimes(trainedPage), withoutTimes(Files.readString(copy)));
    }

    /**
     * With --data the model is evaluated on that data: here the CSV copy of heart_scale, whose
     * metrics are those of {@code evaluate}; the page says what it was evaluated on.
     */
    @Test
    void reportOnOtherDataEvaluatesIt(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("validation.html");
        String csv = Datasets.path("heart_scale.csv").toString();
        TrainCommandTest.Run r = run("report", "--model", model.toString(), "--data", csv, "--output",
                page.toString());
        assertEquals(0, r.exitCode(), r.err());
        TrainCommandTest.Run eval = run("evaluate", "--model", model.toString(), "--input", csv);
        assertEquals(eval.out().lines().filter(l -> l.startsWith("area under")).toList(),
                r.out().lines().filter(l -> l.startsWith("area under")).toList());
        String html = Files.readString(page);
        assertTrue(html.contains("Evaluated on " + csv), "names the evaluation data");
        for (String chart : CHARTS) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart + " chart missing");
        }
        assertSelfContained(html);
    }

    @Test
    void noReportMeansNoReportFilesAndAPageWithoutCurvesOnRequest(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(), "--output",
                plain.toString(), "--no-report", "--stats", "off");
        assertEquals(0, r.exitCode(), r.err());
        for (String file : new String[] {"report.html", "evaluation.json", "history.json"}) {
            assertFalse(Files.exists(plain.resolve(file)), file);
        }
        TrainCommandTest.Run page = run("report", "--model", plain.toString());
        assertEquals(0, page.exitCode(), page.err());
        assertTrue(page.out().contains("no evaluation stored"), page.out());
        String html = Files.readString(plain.resolve("report.html"));
        assertFalse(html.contains("data-chart=\"roc\""));
        assertTrue(html.contains("No evaluation in this model directory"));
        assertTrue(html.contains("No iteration history"));
        assertTrue(html.contains("No standard errors"));
    }

    @Test
    void badRequestsAreNamed(@TempDir Path dir) throws IOException {
        TrainCommandTest.Run missing = run("report", "--model", dir.resolve("nothing").toString());
        assertEquals(ExitCodes.FAILURE, missing.exitCode());
        assertTrue(missing.err().contains("no model at " + dir.resolve("nothing")), missing.err());

        Path unlabelled = dir.resolve("unlabelled.csv");
        Files.writeString(unlabelled, String.join(",", java.util.stream.IntStream.rangeClosed(1, 13)
                .mapToObj(j -> "x" + j).toList()) + "\n" + "0.1,".repeat(12) + "0.1\n");
        TrainCommandTest.Run noLabel = run("report", "--model", model.toString(), "--data", unlabelled.toString());
        assertEquals(ExitCodes.FAILURE, noLabel.exitCode());
        assertTrue(noLabel.err().contains("needs labels") && noLabel.err().contains(unlabelled.toString()),
                noLabel.err());

        TrainCommandTest.Run quarantine = run("report", "--model", model.toString(), "--data",
                Datasets.path("heart_scale.csv").toString(), "--bad-records", "quarantine:" + dir.resolve("q"));
        assertEquals(ExitCodes.USAGE, quarantine.exitCode());
        assertTrue(quarantine.err().contains("fail or skip"), quarantine.err());

        TrainCommandTest.Run formatAlone = run("report", "--model", model.toString(), "--format", "csv");
        assertEquals(ExitCodes.USAGE, formatAlone.exitCode());
        assertTrue(formatAlone.err().contains("give --data"), formatAlone.err());

        TrainCommandTest.Run help = run("report", "--help");
        assertEquals(0, help.exitCode());
        for (String option : new String[] {"--model", "--data", "--format", "--label-column", "--output",
                "--bad-records", "--master"}) {
            assertTrue(help.out().contains(option), option + " missing from --help");
        }
        assertTrue(run("train", "--help").out().contains("--[no-]report"));
    }

    /** Nothing that would make a browser run code or fetch anything. */
    static void assertSelfContained(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : new String[] {"<script", "src=", "href=", "url(", "@import", "<link", "<iframe",
                "<img", "http://", "https://"}) {
            String rest = lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assertFalse(rest.contains(forbidden), "the page contains " + forbidden);
        }
    }

    private static String withoutTimes(String html) {
        return html.replaceAll("report made [^<]*<", "report made <");
    }
}
