package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The train command end to end, in this JVM's Spark session, through the same entry point as the script. */
class TrainCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void session() {
        SparkTestSession.get(); // the command then runs in the shared session and leaves it running
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Inference on by default for narrow data: summary.json with the documented fields (R glm's
     * numbers, held to 1e-6 here; InferenceTest holds the method to tighter ones), covariance.json,
     * the R-style table; and off on request.
     */
    @Test
    void writesTheSummaryBesideTheModel(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        Run r = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(), "--output", model.toString(),
                "--grad-tol", "1e-10");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Residual deviance: 179.598  on 256  degrees of freedom"), r.out());
        JsonNode summary = new ObjectMapper().readTree(model.resolve("summary.json").toFile());
        JsonNode mle = Datasets.reference("reference/heart_scale.json").get("mle");
        JsonNode first = summary.get("coefficients").get(0);
        assertEquals("(Intercept)", first.get("name").asText());
        for (String field : new String[] {"estimate", "stdError", "zValue", "pValue", "ciLow", "ciHigh"}) {
            assertTrue(first.get(field).isNumber(), field);
        }
        assertEquals(mle.get("std_errors").get(0).asDouble(), first.get("stdError").asDouble(), 1e-6 * 0.72);
        for (String field : new String[] {"logLikelihood", "nullLogLikelihood", "nullDeviance", "residualDeviance",
                "aic", "bic", "lrtStatistic", "lrtPValue"}) {
            assertTrue(summary.get(field).isNumber(), field);
        }
        assertEquals(mle.get("aic").asDouble(), summary.get("aic").asDouble(), 1e-6 * 207.6);
        JsonNode covariance = new ObjectMapper().readTree(model.resolve("covariance.json").toFile());
        assertEquals(14, covariance.get("matrix").size());
        assertEquals(Math.pow(first.get("stdError").asDouble(), 2), covariance.get("matrix").get(0).get(0).asDouble(),
                1e-12);

        Path plain = dir.resolve("plain");
        Run off = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(), "--output", plain.toString(),
                "--stats", "off");
        assertEquals(0, off.exitCode(), off.err());
        assertFalse(Files.exists(plain.resolve("summary.json")));
        assertFalse(off.out().contains("Std. Error"), off.out());
    }

    /**
     * Checkpoints are written atomically every K iterations; resuming with the same options gives
     * the same model; resuming with other options or without a checkpoint is refused, by name.
     */
    @Test
    void checkpointsResumeTheSameRunAndRefuseAnother(@TempDir Path dir) throws IOException {
        Path checkpoints = dir.resolve("ckpt");
        String input = Datasets.path("breast_cancer.csv").toString();
        Run first = run("train", "--input", input, "--output", dir.resolve("a").toString(), "--reg-param", "0.01",
                "--optimizer", "lbfgs", "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "3");
        assertEquals(0, first.exitCode(), first.err());
        List<Path> files;
        try (Stream<Path> list = Files.list(checkpoints)) {
            files = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList(); // not Hadoop's .crc files
        }
        assertEquals(1, files.size(), "older checkpoints are replaced: " + files);
        assertTrue(files.get(0).getFileName().toString().matches("checkpoint-\\d+\\.ser"), files.toString());

        Run resumed = run("train", "--input", input, "--output", dir.resolve("b").toString(), "--reg-param", "0.01",
                "--optimizer", "lbfgs", "--resume", checkpoints.toString(), "--checkpoint-every", "3");
        assertEquals(0, resumed.exitCode(), resumed.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(dir.resolve("a/model.json").toFile()).get("coefficients"),
                json.readTree(dir.resolve("b/model.json").toFile()).get("coefficients"));

        Run other = run("train", "--input", input, "--output", dir.resolve("c").toString(), "--reg-param", "0.1",
                "--optimizer", "lbfgs", "--resume", checkpoints.toString());
        assertEquals(ExitCodes.FAILURE, other.exitCode());
        assertTrue(other.err().contains("cannot resume from " + checkpoints) && other.err().contains("regParam=0.01")
                && other.err().contains("regParam=0.1"), other.err());
        assertFalse(Files.exists(dir.resolve("c")));

        Run none = run("train", "--input", input, "--output", dir.resolve("d").toString(), "--resume",
                dir.resolve("empty").toString());
        assertEquals(ExitCodes.FAILURE, none.exitCode());
        assertTrue(none.err().contains("no checkpoint to resume from"), none.err());
    }

    /**
     * The shipped conf/train.properties: every train option appears in it (set or commented), every
     * key it sets is accepted by --config, command-line options override it, and an unknown key is a
     * usage error naming the key, the file and the line.
     */
    @Test
    void shippedConfigFileIsAcceptedAndFlagsOverrideIt(@TempDir Path dir) throws IOException {
        Path shipped = Path.of("conf/train.properties");
        String text = Files.readString(shipped);
        picocli.CommandLine train = new picocli.CommandLine(new TrainCommand());
        for (picocli.CommandLine.Model.OptionSpec option : train.getCommandSpec().options()) {
            String name = option.longestName().replaceFirst("^-+", "");
            if (!List.of("config", "help", "version").contains(name)) {
                assertTrue(text.lines().anyMatch(l -> l.matches("#?\\s*" + java.util.regex.Pattern.quote(name) + "\\s*=.*")),
                        "conf/train.properties documents --" + name);
            }
        }
        Path model = dir.resolve("m");
        Run r = run("train", "--config", shipped.toString(), "--output", model.toString(), "--reg-param", "0.5");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(0.5, json.get("regularization").get("regParam").asDouble(), "the flag overrides the file");
        assertEquals("src/data/heart_scale.csv", json.get("training").get("inputPath").asText(), "input from the file");

        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "# comment\nreg-param = 0.1\nlearning-rate = 0.3\n");
        Run unknown = run("train", "--config", bad.toString(), "--input", "x.csv", "--output", dir.resolve("n").toString());
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains(bad + " line 3: unknown option 'learning-rate'"), unknown.err());
        assertFalse(Files.exists(dir.resolve("n")));

        Files.writeString(bad, "reg-param 0.1\n");
        Run malformed = run("train", "--config", bad.toString());
        assertEquals(ExitCodes.USAGE, malformed.exitCode());
        assertTrue(malformed.err().contains(bad + " line 1: expected 'name = value', found 'reg-param 0.1'"),
                malformed.err());
        Run unreadable = run("train", "--config", dir.resolve("absent.properties").toString());
        assertEquals(ExitCodes.USAGE, unreadable.exitCode());
        assertTrue(unreadable.err().contains("cannot read --config " + dir.resolve("absent.properties")), unreadable.err());

        Run missing = run("train", "--output", dir.resolve("o").toString());
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("Missing required option: '--input'"), missing.err());
    }

    /** --json-log writes one parseable object per iteration; --quiet writes none; not both. */
    @Test
    void progressForMachinesOrNone(@TempDir Path dir) throws IOException {
        Run json = run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                dir.resolve("j").toString(), "--json-log", "--stats", "off");
        assertEquals(0, json.exitCode(), json.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : json.err().lines().toList()) {
            lines.add(new ObjectMapper().readTree(line)); // every line is JSON
        }
        assertTrue(lines.size() >= 3, json.err());
        JsonNode done = lines.remove(lines.size() - 1);
        JsonNode model = new ObjectMapper().readTree(dir.resolve("j").resolve("model.json").toFile()).get("training");
        assertTrue(done.get("done").asBoolean(), done.toString());
        assertEquals(lines.size() - 1, done.get("iterations").asInt());
        assertEquals(model.get("passes").asInt(), done.get("passes").asInt());
        assertEquals(model.get("objective").asDouble(), done.get("objective").asDouble(), 0);
        assertEquals(dir.resolve("j").toString(), done.get("model").asText());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            assertEquals(i, l.get("iteration").asInt());
            for (String field : new String[] {"objective", "gradientNorm", "step", "passes", "seconds"}) {
                assertTrue(l.get(field).isNumber(), field);
            }
            assertTrue(i == 0 ? l.get("maxRemainingSeconds").isNull() : l.get("maxRemainingSeconds").isNumber());
        }
        Run quiet = run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                dir.resolve("q").toString(), "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertFalse(quiet.err().contains("iteration"), quiet.err());
        assertTrue(quiet.out().contains("model written to"), quiet.out());
        Run both = run("train", "--input", "x.csv", "--output", dir.resolve("b").toString(), "--quiet", "--json-log");
        assertEquals(ExitCodes.USAGE, both.exitCode());
        assertTrue(both.err().contains("--quiet and --json-log exclude each other"), both.err());
    }

    /** Separable data: an exit with a clear message without a penalty; finite estimates with --firth. */
    @Test
    void firthGivesFiniteEstimatesWhereMaximumLikelihoodHasNone(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("firth");
        Run r = run("train", "--input", Datasets.path("breast_cancer.csv").toString(), "--output", model.toString(),
                "--firth", "--grad-tol", "1e-10");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Coefficients (Firth bias-reduced)"), r.out());
        JsonNode ref = Datasets.reference("reference2/breast_cancer.json").get("firth");
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        double expected = ref.get("coefficients_with_intercept").get(0).asDouble();
        assertEquals(expected, json.get("intercept").asDouble(), 1e-6 * Math.abs(expected));
        assertEquals("firth", json.get("training").get("optimizer").asText());
        assertTrue(Files.exists(model.resolve("summary.json")));

        Run both = run("train", "--input", Datasets.path("breast_cancer.csv").toString(), "--output",
                dir.resolve("both").toString(), "--firth", "--reg-param", "0.1");
        assertEquals(ExitCodes.USAGE, both.exitCode());
        assertTrue(both.err().contains("--firth and --reg-param"), both.err());
        assertFalse(Files.exists(dir.resolve("both")));
    }

    @Test
    void trainsHeartScaleAndWritesACompleteModel(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output", model.toString(),
                "--partitions", "3", "--grad-tol", "1e-9");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(Intercept)") && r.out().contains("Std. Error")
                && r.out().contains("model written to " + model), r.out());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        JsonNode mle = Datasets.reference("reference/heart_scale.json").get("mle");
        assertEquals(mle.get("intercept").asDouble(), json.get("intercept").asDouble(), 1e-4 * 2.2);
        assertEquals(13, json.get("coefficients").size());
        assertEquals(13, json.get("numFeatures").asInt());
        assertEquals("x1", json.get("featureNames").get(0).asText());
        assertEquals(0.0, json.get("regularization").get("regParam").asDouble());
        JsonNode t = json.get("training");
        assertEquals(270, t.get("rows").asLong());
        assertEquals(270.0, t.get("weightSum").asDouble());
        assertEquals(3, t.get("partitions").asInt());
        assertTrue(t.get("converged").asBoolean());
        assertTrue(t.get("iterations").asInt() > 0);
        assertEquals(t.get("iterations").asInt() + 1, t.get("objectiveHistory").size());
        assertFalse(t.get("stopReason").asText().isEmpty());
        assertEquals(Datasets.path("heart_scale.csv").toString(), t.get("inputPath").asText());
        assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), t.get("sparkVersion").asText());
        assertTrue(t.get("seconds").asDouble() > 0);
        assertEquals(mle.get("mean_bce").asDouble(), t.get("meanLoss").asDouble(), 1e-9);

        // An existing model directory is refused without --overwrite and left as it was.
        String before = Files.readString(model.resolve("model.json"));
        Run again = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(), "--output", model.toString());
        assertEquals(ExitCodes.FAILURE, again.exitCode());
        assertTrue(again.err().contains("already exists") && again.err().contains("--overwrite"), again.err());
        assertEquals(before, Files.readString(model.resolve("model.json")));
        Run overwrite = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(), "--output",
                model.toString(), "--overwrite", "--reg-param", "0.1");
        assertEquals(0, overwrite.exitCode(), overwrite.err());
        assertTrue(Files.readString(model.resolve("model.json")).contains("\"regParam\" : 0.1"));
        assertEquals(List.of("model"), listing(dir), "no staging directory left behind");
    }

    /** Each bad input: exit 1, a one-line message naming file, line and problem, and no model directory. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed LIBSVM line | data.libsvm | 1 1:0.5 2:1\\n0 1:1 2=3\\n | line 2 | 2=3 | index:value",
        "non-numeric CSV cell  | data.csv    | label,a,b\\n1,1,2\\n0,3,4\\n1,5,abc\\n | line 4 | 'b' | 'abc' is not a number",
        "label other than 0/1  | data.libsvm | 1 1:0.5\\n0 1:1\\n2 1:3\\n | line 3 | label 2 | expected 0 or 1",
        "CSV label 0.5         | data.csv    | label,a\\n1,1\\n0.5,3\\n | line 3 | label 0.5 | expected 0 or 1",
        "NaN feature           | data.libsvm | 1 1:0.5\\n0 1:NaN\\n | line 2 | NaN | not finite",
        "infinite CSV feature  | data.csv    | label,a\\n1,1\\n0,-Infinity\\n | line 3 | 'a' | not finite",
        "feature index 0       | data.libsvm | 1 1:0.5\\n0 1:1\\n\\n1 0:1\\n | line 4 | feature index 0 | indices start at 1",
        "empty input           | data.libsvm | '' | data.libsvm | holds no examples | ''",
        "only a CSV header     | data.csv    | label,a\\n | data.csv | holds no examples | ''",
        "missing label column  | data.csv    | y,a\\n1,2\\n | line 1 | 'label' | [y, a]",
    })
    void badInputFailsWithFileLineAndProblem(String name, String file, String content, String where, String what,
                                             String expected, @TempDir Path dir) throws IOException {
        Path input = dir.resolve(file);
        Files.writeString(input, content.replace("\\n", "\n"));
        Path model = dir.resolve("model");
        Run r = run("train", "--input", input.toString(), "--output", model.toString());
        assertEquals(ExitCodes.FAILURE, r.exitCode(), name + ": " + r.err());
        String message = r.err().strip();
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertTrue(message.startsWith("error: "), message);
        assertTrue(message.contains(file), "names the file: " + message);
        for (String fragment : new String[] {where, what, expected}) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
        }
        assertFalse(Files.exists(model), "no model directory after a failed run");
        assertEquals(List.of(file), listing(dir), "nothing else written");
    }

    @Test
    void missingInputPathIsNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nowhere.csv");
        Run r = run("train", "--input", missing.toString(), "--output", dir.resolve("m").toString());
        assertEquals(ExitCodes.FAILURE, r.exitCode());
        assertTrue(r.err().contains("input path does not exist: " + missing), r.err());
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void separableDataExitsWithItsOwnCodeAndWritesNothing(@TempDir Path dir) throws IOException {
        Run r = run("train", "--input", Datasets.path("breast_cancer.csv").toString(), "--output",
                dir.resolve("m").toString());
        assertEquals(ExitCodes.NO_FINITE_ESTIMATE, r.exitCode(), r.err());
        assertTrue(r.err().contains("separable") && r.err().contains("--reg-param"), r.err());
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void usageErrorsAndHelp() {
        Run missing = run("train", "--input", "x.csv");
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("--output"), missing.err());
        Run help = run("train", "--help");
        assertEquals(0, help.exitCode());
        for (String option : new String[] {"--input", "--format", "--output", "--reg-param", "--max-iter", "--tol",
                "--partitions", "--master", "--overwrite", "--num-features", "--label-column", "--feature-columns",
                "--weight-column"}) {
            assertTrue(help.out().contains(option), option + " missing from --help");
        }
        assertEquals(0, run("--help").exitCode());
        Run unknownFormat = run("train", "--input", "data.parquet2", "--output", "m");
        assertEquals(ExitCodes.USAGE, unknownFormat.exitCode());
        assertTrue(unknownFormat.err().contains("--format"), unknownFormat.err());
        Run negative = run("train", "--input", "a.csv", "--output", "m", "--reg-param", "-1");
        assertEquals(ExitCodes.USAGE, negative.exitCode());
        assertTrue(negative.err().contains("--reg-param must be a finite number >= 0, got -1.0"), negative.err());
    }

    @Test
    void weightColumnWeighsRows(@TempDir Path dir) throws IOException {
        // Integer case weights equal repeated rows.
        StringBuilder weighted = new StringBuilder("label,a,w\n");
        StringBuilder repeated = new StringBuilder("label,a\n");
        double[][] rows = {{1, 0.5, 2}, {0, 1.5, 1}, {1, 2.0, 3}, {0, -1, 2}, {1, -0.5, 1}, {0, 0.7, 1}};
        for (double[] row : rows) {
            weighted.append((int) row[0]).append(',').append(row[1]).append(',').append((int) row[2]).append('\n');
            for (int k = 0; k < row[2]; k++) {
                repeated.append((int) row[0]).append(',').append(row[1]).append('\n');
            }
        }
        Files.writeString(dir.resolve("w.csv"), weighted);
        Files.writeString(dir.resolve("r.csv"), repeated);
        assertEquals(0, run("train", "--input", dir.resolve("w.csv").toString(), "--weight-column", "w",
                "--output", dir.resolve("mw").toString(), "--grad-tol", "1e-12", "--tol", "0").exitCode());
        assertEquals(0, run("train", "--input", dir.resolve("r.csv").toString(),
                "--output", dir.resolve("mr").toString(), "--grad-tol", "1e-12", "--tol", "0").exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(dir.resolve("mw/model.json").toFile());
        JsonNode b = json.readTree(dir.resolve("mr/model.json").toFile());
        assertEquals(b.get("intercept").asDouble(), a.get("intercept").asDouble(), 1e-9);
        assertEquals(b.get("coefficients").get(0).asDouble(), a.get("coefficients").get(0).asDouble(), 1e-9);
        assertEquals(10.0, a.get("training").get("weightSum").asDouble());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
            return names;
        }
    }
}
