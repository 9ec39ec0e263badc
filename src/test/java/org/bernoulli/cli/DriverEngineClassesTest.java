package org.bernoulli.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run on the driver alone loads no class of Spark, Scala or Hadoop — the start-up a small job pays
 * is the JVM's, the command's and its logging's, not a distributed system's. Each command runs in a
 * JVM of its own (this test JVM has loaded Spark long since), its class loading logged to a file;
 * the classes it loaded from the application and from the libraries are counted as well, so that the
 * test fails if it watched nothing.
 */
class DriverEngineClassesTest {

    private record Loaded(List<String> spark, int bernoulli) {
    }

    private static Loaded run(Path dir, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path output = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ends");
        assertEquals(0, process.exitValue(), String.join(" ", args) + ":\n" + Files.readString(output));
        List<String> spark = new ArrayList<>();
        int bernoulli = 0;
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] ");
            if (at < 0) {
                continue;
            }
            String name = line.substring(at + "[class,load] ".length()).split(" ", 2)[0];
            if (name.startsWith("org.apache.spark.") || name.startsWith("org.apache.hadoop.") || name.startsWith("scala.")) {
                spark.add(name);
            } else if (name.startsWith("org.bernoulli.")) {
                bernoulli++;
            }
        }
        return new Loaded(spark, bernoulli);
    }

    @Test
    void trainingHeartScaleOnTheDriverLoadsNoSparkScalaOrHadoopClass(@TempDir Path dir) throws Exception {
        Loaded loaded = run(dir, "train", "--input", "src/data/heart_scale.csv", "--output",
                dir.resolve("model").toString());
        assertEquals(List.of(), loaded.spark(), "Spark, Scala or Hadoop classes loaded");
        assertTrue(loaded.bernoulli() > 100, "the run's classes were logged: " + loaded.bernoulli());
        assertTrue(Files.exists(dir.resolve("model/model.json")) && Files.exists(dir.resolve("model/report.html")),
                "the model directory is written");
    }

    @Test
    void aFormulaFitWithMarginsOverwritingItsModelAndItsPmmlExportLoadNoneEither(@TempDir Path dir) throws Exception {
        String[] train = {"train", "--engine", "local", "--input", "src/data/formula/infert.csv", "--formula",
            "case ~ spontaneous + induced + education", "--margins", "--output", dir.resolve("model").toString(),
            "--overwrite"};
        run(dir, train);
        Loaded again = run(dir, train);
        assertEquals(List.of(), again.spark(), "Spark, Scala or Hadoop classes loaded");
        assertTrue(Files.exists(dir.resolve("model/margins.json")), "the margins are written");
        Loaded export = run(dir, "export", "--model", dir.resolve("model").toString(), "--to", "pmml", "--output",
                dir.resolve("model/model.pmml").toString());
        assertEquals(List.of(), export.spark(), "export --to pmml: Spark, Scala or Hadoop classes loaded");
        assertTrue(Files.exists(dir.resolve("model/model.pmml")), "the PMML document is written");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("model"), left.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("classes-") && !n.startsWith("out-")).toList(),
                    "nothing left beside the model: no staging directory, lock or replaced copy");
        }
    }
}
