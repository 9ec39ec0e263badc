package org.bernoulli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command as a new user runs it: {@code scripts/bernoulli train} on the bundled
 * heart_scale data with embedded Spark, in a separate process, after {@code mvn package}.
 */
class ReadmeCommandIT {

    record Result(int exitCode, String out, String err) {
    }

    static Result bernoulli(Path workDir, String... args) throws IOException, InterruptedException {
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("scripts/bernoulli").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/bernoulli did not finish within 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void readmeTrainCommandFitsHeartScale(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("heart-model");
        Result r = bernoulli(dir, "train", "--input", "src/data/heart_scale.csv", "--output", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("converged") && r.out().contains("(intercept)"), r.out());
        assertTrue(r.err().contains("iteration    1"), "progress is logged per iteration: " + r.err());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(2.20206219181994, json.get("intercept").asDouble(), 1e-3, "R glm's intercept");
        assertEquals(0.332588448713659, json.get("training").get("meanLoss").asDouble(), 1e-8, "R glm's mean BCE");
    }

    @Test
    void badInputExitsNonZeroWithOneLineCause(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.libsvm");
        Files.writeString(input, "1 1:1\n0 0:2\n");
        Result r = bernoulli(dir, "train", "--input", input.toString(), "--output", dir.resolve("m").toString());
        assertEquals(1, r.exitCode());
        List<String> errorLines = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errorLines.size(), r.err());
        assertTrue(errorLines.get(0).contains("bad.libsvm line 2: feature index 0, indices start at 1"), r.err());
        assertTrue(!Files.exists(dir.resolve("m")));
    }
}
