package org.bernoulli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark standalone cluster on this machine (scripts/cluster: one master, two workers, all on
 * 127.0.0.1), jobs submitted through Spark's own launcher (scripts/submit). The training data is
 * large enough (80,000 × 20) that passes run on the executors, not on the driver.
 */
class ClusterIT {
    @TempDir
    static Path dir;
    private static Path state;
    private static String master;
    private static Path data;
    private static List<Long> daemons;
    /** Every executor or driver JVM the workers were seen running, checked gone at the end. */
    private static final Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    record Result(int exitCode, String out, String err) {
    }

    static Process start(Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile())
                .redirectError(log.resolveSibling(log.getFileName() + ".err").toFile());
        builder.environment().put("BERNOULLI_CLUSTER_DIR", state.toString());
        return builder.start();
    }

    static Result run(String name, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".out");
        Process p = start(log, command);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish within 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                Files.readString(log.resolveSibling(log.getFileName() + ".err"), StandardCharsets.UTF_8));
    }

    static String script(String name) {
        return Path.of("scripts", name).toAbsolutePath().toString();
    }

    @BeforeAll
    static void cluster() throws Exception {
        state = dir.resolve("cluster");
        data = dir.resolve("train.csv");
        Random random = new Random(17);
        StringBuilder csv = new StringBuilder("label");
        for (int j = 1; j <= 20; j++) {
            csv.append(",f").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < 80_000; i++) {
            double[] x = new double[20];
            double z = -0.3;
            for (int j = 0; j < 20; j++) {
                x[j] = random.nextGaussian() + (j % 4);
                z += (j % 3 - 1) * 0.4 * (x[j] - j % 4);
            }
            csv.append(random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
            for (double v : x) {
                csv.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            csv.append('\n');
        }
        Files.writeString(data, csv);
        Result started = run("cluster-start", script("cluster"), "start");
        assertEquals(0, started.exitCode(), started.err());
        List<String> lines = started.out().lines().toList();
        master = lines.get(lines.size() - 1);
        assertTrue(master.matches("spark://127\\.0\\.0\\.1:\\d+"), "last line is the master URL: " + started.out());
        daemons = new ArrayList<>();
        try (var files = Files.list(state)) {
            for (Path pidFile : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                daemons.add(Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
        assertEquals(3, daemons.size(), "a master and two workers");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Result stopped = run("cluster-stop", script("cluster"), "stop");
        assertEquals(0, stopped.exitCode(), stopped.err());
        List<Long> all = new ArrayList<>(daemons);
        all.addAll(seen);
        assertTrue(seen.size() >= 2, "executors were seen: " + seen);
        for (long pid : all) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " outlived stop");
        }
    }

    private static JsonNode model(Path modelDir) throws IOException {
        return new ObjectMapper().readTree(modelDir.resolve("model.json").toFile());
    }

    /** The intercept and coefficients exactly as written (Jackson writes the shortest exact decimal). */
    private static String parameters(Path modelDir) throws IOException {
        JsonNode m = model(modelDir);
        return m.get("intercept").toString() + " " + m.get("coefficients").toString();
    }

    private static String[] train(Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--input", data.toString(), "--output", output.toString(),
                "--partitions", "4", "--stats", "off"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    @Test
    void submittedTrainingIsBitIdenticalToTheLocalOne() throws Exception {
        Result local = run("local", concat(new String[] {script("bernoulli")}, train(dir.resolve("local"))));
        assertEquals(0, local.exitCode(), local.err());
        Result client = run("client", concat(new String[] {script("submit"), "--master", master},
                train(dir.resolve("client"))));
        assertEquals(0, client.exitCode(), client.err());
        Result cluster = run("cluster-mode", concat(new String[] {script("submit"), "--master", master,
                "--deploy-mode", "cluster"}, train(dir.resolve("cluster-model"))));
        assertEquals(0, cluster.exitCode(), cluster.err());
        assertTrue(cluster.err().contains("FINISHED"), cluster.err());
        assertEquals(4, model(dir.resolve("client")).get("training").get("partitions").asInt());
        String expected = parameters(dir.resolve("local"));
        assertEquals(expected, parameters(dir.resolve("client")), "client mode against local");
        assertEquals(expected, parameters(dir.resolve("cluster-model")), "cluster mode against local");

        // Scoring in cluster mode with the submitted model.
        Result scored = run("score", script("submit"), "--master", master, "--deploy-mode", "cluster", "score",
                "--model", dir.resolve("cluster-model").toString(), "--input", data.toString(), "--output",
                dir.resolve("scores").toString());
        assertEquals(0, scored.exitCode(), scored.err());
        assertTrue(Files.readString(dir.resolve("scores").resolve("_rows.json")).contains("\"rowsScored\" : 80000"));
    }

    @Test
    void aFailingClusterModeDriverIsReportedAsAFailure() throws Exception {
        Result r = run("failing", script("submit"), "--master", master, "--deploy-mode", "cluster", "train",
                "--input", dir.resolve("missing.csv").toString(), "--output", dir.resolve("never").toString());
        assertNotEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("ended FAILED") && r.err().contains("does not exist"), r.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    /** Executors of the cluster: the child JVMs of the worker daemons. */
    private static Set<Long> executors() {
        Set<Long> now = daemons.stream().flatMap(pid -> ProcessHandle.of(pid).stream()).flatMap(ProcessHandle::children)
                .filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
        seen.addAll(now);
        return now;
    }

    /** Gradient descent to tight tolerances: about 15 passes of ~0.3 s each on the executors. */
    private static final String[] SLOW = {"--optimizer", "gd", "--tol", "0", "--grad-tol", "0"};
    private static Path undisturbedModel;

    /** The model of an undisturbed client-mode run with {@link #SLOW}, trained once for the tests that need it. */
    private static synchronized Path undisturbed() throws Exception {
        if (undisturbedModel == null) {
            Result r = run("undisturbed", concat(new String[] {script("submit"), "--master", master},
                    train(dir.resolve("undisturbed"), SLOW)));
            assertEquals(0, r.exitCode(), r.err());
            undisturbedModel = dir.resolve("undisturbed");
        }
        return undisturbedModel;
    }

    @Test
    void trainingSurvivesAKilledExecutorWithTheSameModel() throws Exception {
        String[] slow = SLOW;
        Path reference = undisturbed();

        Path log = dir.resolve("disturbed.out");
        Process p = start(log, concat(new String[] {script("submit"), "--master", master},
                train(dir.resolve("disturbed"), slow)));
        Path err = log.resolveSibling(log.getFileName() + ".err");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(err).contains("iteration    5") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Set<Long> before = executors();
        assertEquals(2, before.size(), "one executor per worker while training: " + before);
        long victim = before.iterator().next();
        ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL, by exact pid
        Set<Long> replaced = new HashSet<>();
        while (p.isAlive() && replaced.isEmpty() && System.nanoTime() < deadline) {
            Set<Long> now = executors();
            now.removeAll(before);
            replaced.addAll(now);
            Thread.sleep(100);
        }
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the disturbed training finishes");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false), "the killed executor is gone");
        assertFalse(replaced.isEmpty(), "a new executor was launched in its place");
        assertEquals(parameters(reference), parameters(dir.resolve("disturbed")),
                "the same model as the undisturbed run");
        JsonNode a = model(reference).get("training");
        JsonNode b = model(dir.resolve("disturbed")).get("training");
        assertEquals(a.get("iterations"), b.get("iterations"));
        assertEquals(a.get("objectiveHistory").toString(), b.get("objectiveHistory").toString(),
                "every iteration's objective the same, bit for bit");
    }

    /**
     * The driver (the client-mode launcher JVM) killed with SIGKILL after a checkpoint, then the same
     * command with --resume: the model is bit-identical to an uninterrupted run's.
     */
    @Test
    void aKilledDriverResumesFromItsCheckpointToTheSameModel() throws Exception {
        String[] slow = SLOW;
        Path reference = undisturbed();

        Path checkpoints = dir.resolve("checkpoints");
        String[] checkpointed = concat(slow, new String[] {"--checkpoint-every", "2"});
        Path log = dir.resolve("killed.out");
        Process driver = start(log, concat(new String[] {script("submit"), "--master", master},
                concat(train(dir.resolve("resumed"), checkpointed), new String[] {"--checkpoint-dir",
                        checkpoints.toString()})));
        Path err = log.resolveSibling(log.getFileName() + ".err");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(err).contains("checkpoint at iteration 6") && driver.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(driver.isAlive(), "the driver was still training when killed: " + Files.readString(err));
        long pid = driver.pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, by exact pid (scripts/submit execs the JVM)
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve("resumed")), "no model from the killed run");

        Result resumed = run("resume", concat(new String[] {script("submit"), "--master", master},
                concat(train(dir.resolve("resumed"), checkpointed), new String[] {"--resume", checkpoints.toString()})));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from iteration"), resumed.err());
        assertEquals(parameters(reference), parameters(dir.resolve("resumed")));
        assertEquals(model(reference).get("training").get("objectiveHistory").toString(),
                model(dir.resolve("resumed")).get("training").get("objectiveHistory").toString());
    }
}
