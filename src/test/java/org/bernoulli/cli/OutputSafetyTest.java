package org.bernoulli.cli;

import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No output path touches an input or another output: every command resolves its paths before any
 * work and refuses, as a usage error (exit 2) naming both options, an output that equals, contains
 * or lies inside an input or another output — also with {@code --overwrite}, through {@code ..}, a
 * symbolic link or a glob — and leaves every input, model and quarantine as it was.
 */
class OutputSafetyTest {
    private static Path model;
    private static String modelJson;

    @BeforeAll
    static void train(@TempDir Path dir) throws IOException {
        SparkTestSession.get();
        model = dir.resolve("model");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(),
                "--output", model.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        modelJson = Files.readString(model.resolve("model.json"));
    }

    /** A copy of heart_scale.csv in {@code dir}, and its content. */
    private static Path data(Path dir, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(Datasets.path("heart_scale.csv"), copy);
        return copy;
    }

    private static void assertRefused(TrainCommandTest.Run r, String... fragments) {
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: "), r.err());
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + f + "' missing from: " + first);
        }
    }

    private static void assertModelIntact() throws IOException {
        assertEquals(modelJson, Files.readString(model.resolve("model.json")), "the model is left as it was");
    }

    @Test
    void trainingNeverWritesOverItsInput(@TempDir Path dir) throws IOException {
        Path input = data(dir, "x.csv");
        String content = Files.readString(input);
        assertRefused(run("train", "--input", input.toString(), "--output", input.toString(), "--overwrite"),
                "--output " + input, "is the same path as", "--input " + input);
        assertEquals(content, Files.readString(input), "the training file is kept");

        // The same file through '..', and a directory input with the output inside it.
        Path sub = Files.createDirectories(dir.resolve("sub"));
        assertRefused(run("train", "--input", input.toString(), "--output", sub.resolve("../x.csv").toString(),
                "--overwrite"), "is the same path as", "--input");
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.copy(input, parts.resolve("part-0.csv"));
        assertRefused(run("train", "--input", parts.toString(), "--format", "csv", "--output",
                parts.resolve("model").toString()), "lies inside", "--input " + parts);
        // A glob: the output is one of the files it matches.
        assertRefused(run("train", "--input", parts + "/*.csv", "--output", parts.resolve("part-0.csv").toString(),
                "--overwrite"), "is the same path as", "--input");
        // The checkpoints would be deleted by the model's commit.
        assertRefused(run("train", "--input", input.toString(), "--output", dir.resolve("m").toString(),
                "--checkpoint-dir", dir.resolve("m/checkpoints").toString()), "--output", "contains",
                "--checkpoint-dir");
        assertRefused(run("train", "--input", parts.toString(), "--format", "csv", "--output",
                dir.resolve("m").toString(), "--checkpoint-dir", parts.toString()), "--checkpoint-dir " + parts, "is the same path as", "--input");
        assertEquals(content, Files.readString(input));
        assertEquals(content, Files.readString(parts.resolve("part-0.csv")));
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void aSymbolicLinkDoesNotHideTheInput(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path input = data(real, "x.csv");
        String content = Files.readString(input);
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertRefused(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                link.resolve("x.csv").toString(), "--overwrite"), "is the same path as", "--input " + input);
        assertEquals(content, Files.readString(input));
    }

    @Test
    void scoringNeverWritesOverItsDataOrItsModel(@TempDir Path dir) throws IOException {
        Path input = data(dir, "x.csv");
        String content = Files.readString(input);
        assertRefused(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                input.toString(), "--overwrite"), "--output " + input, "is the same path as", "--input");
        assertRefused(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                model.toString(), "--overwrite"), "--output " + model, "contains", "--model");
        assertEquals(content, Files.readString(input));
        assertModelIntact();
    }

    @Test
    void theQuarantineIsApartFromTheScores(@TempDir Path dir) throws IOException {
        Path input = data(dir, "x.csv");
        Path out = dir.resolve("scores");
        assertRefused(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                out.toString(), "--bad-records", "quarantine:" + out), "--output " + out, "is the same path as",
                "quarantine");
        assertRefused(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                out.toString(), "--bad-records", "quarantine:" + out.resolve("rejected")), "--output " + out,
                "contains", "quarantine");
        assertRefused(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                out.toString(), "--bad-records", "quarantine:" + input, "--overwrite"), "quarantine",
                "is the same path as", "--input");
        assertFalse(Files.exists(out));
        assertEquals(List.of("x.csv"), listing(dir));
    }

    @Test
    void evaluateReportExportAndImportKeepTheirInputs(@TempDir Path dir) throws IOException {
        Path input = data(dir, "x.csv");
        String content = Files.readString(input);
        assertRefused(run("evaluate", "--model", model.toString(), "--input", input.toString(), "--metrics-out",
                input.toString(), "--overwrite"), "--metrics-out " + input, "is the same path as", "--input");
        assertRefused(run("evaluate", "--model", model.toString(), "--input", input.toString(), "--metrics-out",
                model.resolve("model.json").toString(), "--overwrite"), "--metrics-out", "is the same path as",
                "--model");
        assertRefused(run("report", "--model", model.toString(), "--output", model.resolve("model.json").toString()),
                "--output", "is the same path as", "--model");
        assertRefused(run("report", "--model", model.toString(), "--output", model.toString()), "--output " + model,
                "contains", "--model");
        assertRefused(run("report", "--model", model.toString(), "--data", input.toString(), "--output",
                input.toString()), "--output " + input, "is the same path as", "--data");
        assertRefused(run("export", "--model", model.toString(), "--output", model.toString(), "--overwrite"),
                "--output " + model, "contains", "--model");
        Path mllib = dir.resolve("mllib");
        assertEquals(0, run("export", "--model", model.toString(), "--output", mllib.toString()).exitCode());
        assertRefused(run("import", "--input", mllib.toString(), "--output", mllib.resolve("metadata").toString(),
                "--overwrite"), "lies inside", "--input " + mllib);
        assertEquals(content, Files.readString(input));
        assertModelIntact();
        // What stays allowed: a page or metrics file written beside the model files it is made from.
        TrainCommandTest.Run beside = run("evaluate", "--model", model.toString(), "--input", input.toString(),
                "--metrics-out", dir.resolve("metrics.json").toString());
        assertEquals(0, beside.exitCode(), beside.err());
    }

    @Test
    void aMetricsFileThatExistsIsKeptWithoutOverwrite(@TempDir Path dir) throws IOException {
        Path metrics = Files.writeString(dir.resolve("metrics.json"), "keep me");
        TrainCommandTest.Run r = run("evaluate", "--model", model.toString(), "--input",
                Datasets.path("heart_scale.csv").toString(), "--metrics-out", metrics.toString());
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.err());
        assertTrue(r.err().contains("already exists") && r.err().contains("--overwrite"), r.err());
        assertEquals("keep me", Files.readString(metrics));
        TrainCommandTest.Run replaced = run("evaluate", "--model", model.toString(), "--input",
                Datasets.path("heart_scale.csv").toString(), "--metrics-out", metrics.toString(), "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertTrue(Files.readString(metrics).contains("\"areaUnderROC\""));
        assertEquals(List.of("metrics.json"), listing(dir), "no staging file or lock left behind");
    }

    /**
     * Two runs to one model directory: the other run's model appears while this one trains (at its
     * first iteration); this run fails before writing, says so, and leaves the other's model whole.
     * (Two writers committing at the same instant: {@code spark.StagedOutputTest}.)
     */
    @Test
    void aModelThatAppearsWhileTrainingIsLeftAsItIs(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model");
        org.bernoulli.data.InputSpec input = new org.bernoulli.data.InputSpec(Datasets.path("heart_scale.csv")
                .toString(), org.bernoulli.data.InputFormat.CSV, 0, "label", List.of(), null, 0);
        org.bernoulli.optim.IterationMonitor otherRunWrites = (record, x) -> {
            if (record.iteration() == 1) {
                try {
                    Files.createDirectories(target);
                    Files.writeString(target.resolve("model.json"), "the other run's model");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return true;
        };
        org.bernoulli.jobs.TrainingRequest request = new org.bernoulli.jobs.TrainingRequest(input,
                target.toString(), false, org.bernoulli.train.FitSpec.of(new org.bernoulli.train.TrainerSettings(0.0,
                new org.bernoulli.optim.StopRule(100, 1e-9, 1e-7))), 0, null, otherRunWrites, false, null, null);
        org.bernoulli.data.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.bernoulli.data.BadInputException.class,
                () -> org.bernoulli.jobs.TrainingJob.execute(SparkTestSession.get(), request));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("already exists")
                && e.getMessage().contains("{OVERWRITE}"), e.getMessage());
        assertEquals("the other run's model", Files.readString(target.resolve("model.json")));
        assertEquals(List.of("model"), listing(dir), "nothing of this run left beside it");
        assertEquals(List.of("model.json"), listing(target));
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }
}
