package org.bernoulli.cli;

import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs that cannot be written: a full disk (the {@code full:} file system of the tests, whose files
 * take 64 bytes) is one line naming the output and the cause — for a model directory written on the
 * driver, and scores written by Spark as Parquet and CSV — and leaves nothing behind; a place that cannot take the
 * output (a file where its directory should be) is found before any data is read.
 */
class WriteFailureTest {
    private static Path model;

    @BeforeAll
    static void train(@TempDir Path dir) {
        SparkTestSession.get();
        model = dir.resolve("model");
        assertEquals(0, run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                model.toString(), "--no-report").exitCode());
    }

    private static void assertOneLine(TrainCommandTest.Run r, String expected) {
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.err());
        List<String> lines = r.err().strip().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d .*")).toList();
        assertEquals(List.of(expected), lines, r.err());
    }

    private static List<String> left(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void aFullDiskIsOneLineNamingTheOutput(@TempDir Path dir) throws Exception {
        String out = "full://" + dir.resolve("m");
        assertOneLine(run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output", out,
                "--no-report", "--quiet"), "error: cannot write full:" + dir.resolve("m") + "/model.json: no space left "
                + "on the device (No space left on device)");
        // (The driver engine scores into files of this machine only, which this file system is not.)
        for (String[] engine : new String[][] {{"spark", "parquet"}, {"spark", "csv"}}) {
            String scores = "full://" + dir.resolve("s-" + engine[0] + "-" + engine[1]);
            TrainCommandTest.Run r = run("score", "--model", model.toString(), "--input",
                    Datasets.path("heart_scale.csv").toString(), "--output", scores, "--engine", engine[0],
                    "--output-format", engine[1]);
            assertEquals(ExitCodes.FAILURE, r.exitCode(), r.err());
            String line = r.err().strip().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(r.err());
            assertTrue(line.matches("error: cannot write (full:)?(//)?" + java.util.regex.Pattern.quote(
                    scores.substring("full://".length())) + ": no space left on the device \\(No space left on "
                    + "device\\)"), engine[0] + " " + engine[1] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d .*")).count(),
                    r.err());
        }
        assertEquals(List.of(), left(dir), "nothing half-written is left");
    }

    @Test
    void aPlaceThatCannotTakeTheOutputIsFoundBeforeTheWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                file.resolve("m").toString());
        assertOneLine(r, "error: cannot write " + file.resolve("m") + ": " + file + " is a file, not a directory");
        assertTrue(!r.err().contains("iteration"), "before any data is read: " + r.err());
    }
}
