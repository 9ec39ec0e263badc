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
        return bernoulli(workDir, java.util.Map.of(), args);
    }

    static Result bernoulli(Path workDir, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("scripts/bernoulli").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
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
        assertTrue(r.out().contains("converged") && r.out().contains("(Intercept)")
                && r.out().contains("Residual deviance: 179.598"), r.out());
        assertTrue(r.err().contains("iteration    1"), "progress is logged per iteration: " + r.err());
        assertTrue(r.err().contains("done: converged: gradient norm below tolerance after 6 iterations (7 passes, "
                + "newton)") && r.err().contains("model written to " + model), "a final summary line: " + r.err());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(2.20206219181994, json.get("intercept").asDouble(), 1e-3, "R glm's intercept");
        assertEquals(0.332588448713659, json.get("training").get("meanLoss").asDouble(), 1e-8, "R glm's mean BCE");
    }

    /**
     * The class-data-sharing archive of {@code scripts/bernoulli}: recorded by the first run, used by
     * the next, recorded again when it is older than the jar, ignored (silently) when Java refuses it,
     * absent when turned off — and the command's output the same every time.
     */
    @Test
    void theClassDataArchiveIsRecordedUsedAndHarmlessWhenStaleOrBroken(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("classes.jsa");
        java.util.Map<String, String> env = java.util.Map.of("BERNOULLI_CDS_ARCHIVE", archive.toString());
        String[] train = {"train", "--input", "src/data/heart_scale.csv", "--output", dir.resolve("m").toString(),
            "--overwrite", "--no-report"};
        Result first = bernoulli(dir, env, train);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.size(archive) > 1_000_000, "the first run records the archive");
        String expected = first.out().replaceAll(" in [0-9.]+ s", "");
        long recorded = Files.getLastModifiedTime(archive).toMillis();
        Result used = bernoulli(dir, env, train);
        assertEquals(0, used.exitCode(), used.err());
        assertEquals(expected, used.out().replaceAll(" in [0-9.]+ s", ""));
        assertEquals(recorded, Files.getLastModifiedTime(archive).toMillis(), "a current archive is used as it is");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(0)); // older than the jar
        Result stale = bernoulli(dir, env, train);
        assertEquals(0, stale.exitCode(), stale.err());
        assertEquals(expected, stale.out().replaceAll(" in [0-9.]+ s", ""));
        assertTrue(Files.getLastModifiedTime(archive).toMillis() > 0, "a stale archive is recorded again");
        Files.write(archive, new byte[4096]); // not an archive Java accepts, and newer than the jar
        Result broken = bernoulli(dir, env, train);
        assertEquals(0, broken.exitCode(), broken.err());
        assertEquals(expected, broken.out().replaceAll(" in [0-9.]+ s", ""));
        assertTrue(!broken.err().toLowerCase(java.util.Locale.ROOT).contains("shared archive")
                && !broken.out().contains("[cds"), "nothing said of the archive: " + broken.err());
        Result off = bernoulli(dir, java.util.Map.of("BERNOULLI_CDS_ARCHIVE", ""), train);
        assertEquals(0, off.exitCode(), off.err());
        assertEquals(expected, off.out().replaceAll(" in [0-9.]+ s", ""));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("recording")).toList(),
                    "no recording left beside an archive");
        }
    }

    /**
     * The README's command runs on the driver alone: with Spark's context logging its start, the
     * default engine (auto, for a small local file) never starts one, and --engine spark does — on
     * the same data, to the same model.
     */
    @Test
    void theReadmeCommandStartsNoSparkContext(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("log4j2.properties"), Files.readString(Path.of("conf/log4j2.properties"))
                + "\nlogger.context.name = org.apache.spark.SparkContext\nlogger.context.level = info\n");
        Files.copy(Path.of("conf/spark-defaults.conf"), conf.resolve("spark-defaults.conf"));
        java.util.Map<String, String> env = java.util.Map.of("BERNOULLI_CONF_DIR", conf.toString());
        Result auto = bernoulli(dir, env, "train", "--input", "src/data/heart_scale.csv", "--output",
                dir.resolve("auto").toString());
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(auto.err().contains("(engine local)"), auto.err());
        assertTrue(!auto.err().contains("Running Spark version"), "auto started Spark: " + auto.err());
        Result spark = bernoulli(dir, env, "train", "--engine", "spark", "--input", "src/data/heart_scale.csv",
                "--output", dir.resolve("spark").toString());
        assertEquals(0, spark.exitCode(), spark.err());
        assertTrue(spark.err().contains("Running Spark version") && spark.err().contains("(engine spark)"), spark.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("auto/model.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("spark/model.json").toFile());
        assertEquals(b.get("intercept").asDouble(), a.get("intercept").asDouble(), 1e-12);
    }

    /**
     * The application jar under Spark's own launcher (the class {@code spark-submit} runs), with
     * the master given by the launcher rather than by {@code --master}.
     */
    @Test
    void applicationJarRunsUnderSparkSubmit(@TempDir Path dir) throws Exception {
        // The default line's jar and classpath, named by the line (sparkLINE_SCALA, as the build gives it).
        String line = SparkLineIT.required("bernoulli.spark.line");
        String jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.map(Path::toString).filter(f -> f.matches(".*/bernoulli-[^/]*-" + java.util.regex.Pattern.quote(line)
                    + "\\.jar")).findFirst().orElseThrow();
        }
        String classpath = Files.readString(Path.of("target/launcher-classpath-" + line + ".txt")).strip();
        Path model = dir.resolve("m");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The JVM options spark-submit's launcher adds on Java 17, as this JVM got them from the build.
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .toList());
        command.addAll(List.of("-cp", classpath, "-Dlog4j2.configurationFile=file:conf/log4j2.properties",
                "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--properties-file", "conf/spark-defaults.conf",
                jar, "train", "--input", "src/data/heart_scale.libsvm", "--output", model.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = builder.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish within 5 minutes");
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(2.20206219181994, json.get("intercept").asDouble(), 1e-3);
        assertEquals("libsvm", json.get("training").get("inputFormat").asText());

        // Nothing in the jar that a stock Spark distribution already has: only Bernoulli's own classes
        // (picocli relocated under org/bernoulli/shaded), fastdoubleparser (which Spark has not; its
        // classes for newer Java versions under META-INF/versions) and the jar's metadata.
        try (var zip = new java.util.jar.JarFile(jar)) {
            List<String> foreign = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> !n.endsWith("/") && !n.startsWith("org/bernoulli/") && !n.startsWith("META-INF/")
                            && !n.startsWith("ch/randelshofer/fastdoubleparser/"))
                    .toList();
            assertTrue(foreign.isEmpty(), "entries outside org/bernoulli: " + foreign);
            assertTrue(zip.getEntry("org/bernoulli/shaded/picocli/CommandLine.class") != null, "picocli relocated");
            assertTrue(zip.getEntry("META-INF/versions/17/ch/randelshofer/fastdoubleparser/FastDoubleSwar.class") != null
                    && zip.getManifest().getMainAttributes().getValue("Multi-Release").equals("true"),
                    "fastdoubleparser's classes for Java 17, used by a multi-release jar");
            assertTrue(zip.stream().noneMatch(e -> e.getName().endsWith("module-info.class")), "no module descriptor");
            assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("org/apache/spark/")
                    || e.getName().startsWith("scala/")), "no Spark or Scala classes");
        }
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
