package org.bernoulli.cli;

import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreAndEvaluateCommandTest {
    private static Path model;

    @BeforeAll
    static void train(@TempDir Path dir) {
        SparkTestSession.get();
        model = dir.resolve("model");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(),
                "--output", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void scoreThenEvaluate(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("scores");
        TrainCommandTest.Run score = run("score", "--model", model.toString(), "--input",
                Datasets.path("heart_scale.libsvm").toString(), "--output", out.toString(), "--output-format", "csv");
        assertEquals(0, score.exitCode(), score.err());
        assertTrue(score.out().contains("rows read 270, scored 270, rejected 0"), score.out());
        assertTrue(Files.readString(out.resolve("_rows.json")).contains("\"rowsScored\" : 270"));
        try (var parts = Files.list(out)) {
            String header = Files.readAllLines(parts.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .findFirst().orElseThrow()).get(0);
            assertEquals("source_file,source_line,label,margin,probability,prediction", header);
        }
        TrainCommandTest.Run again = run("score", "--model", model.toString(), "--input",
                Datasets.path("heart_scale.libsvm").toString(), "--output", out.toString());
        assertEquals(ExitCodes.FAILURE, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());

        Path metrics = dir.resolve("metrics.json");
        TrainCommandTest.Run eval = run("evaluate", "--model", model.toString(), "--input",
                Datasets.path("heart_scale.csv").toString(), "--metrics-out", metrics.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        for (String line : new String[] {"log loss (mean BCE)", "area under ROC", "area under PR", "Brier score",
                "accuracy", "predicted 1"}) {
            assertTrue(eval.out().contains(line), line + " missing from: " + eval.out());
        }
        assertTrue(Files.readString(metrics).contains("\"areaUnderROC\""));
    }

    @Test
    void usageAndInputErrors(@TempDir Path dir) {
        TrainCommandTest.Run policy = run("score", "--model", model.toString(), "--input", "x.csv", "--output",
                dir.resolve("o").toString(), "--bad-records", "ignore");
        assertEquals(ExitCodes.USAGE, policy.exitCode());
        assertTrue(policy.err().contains("--bad-records must be fail, skip or quarantine:PATH, got 'ignore'"), policy.err());
        TrainCommandTest.Run noModel = run("evaluate", "--model", dir.resolve("none").toString(), "--input",
                Datasets.path("heart_scale.csv").toString());
        assertEquals(ExitCodes.FAILURE, noModel.exitCode());
        assertTrue(noModel.err().contains("no model at"), noModel.err());
        for (String command : new String[] {"score", "evaluate"}) {
            TrainCommandTest.Run help = run(command, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("--model") && help.out().contains("--bad-records"), help.out());
        }
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
