package org.bernoulli.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.bernoulli.cli.OutputSafetyTest.listing;
import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges of every command, as an adversarial user meets them: each bad input or misuse gets its
 * exit code (1 bad data, 2 usage), one line on standard error naming what it should — file, line or
 * row, column, flag — and leaves nothing written and nothing lost. The README's table of bad inputs
 * lists these cases.
 */
class BadInputTest {
    private static final String HEART = readHeart();
    private static Path model;

    private static String readHeart() {
        try {
            return Files.readString(Datasets.path("heart_scale.csv"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void train(@TempDir Path dir) {
        SparkTestSession.get();
        model = dir.resolve("model");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(),
                "--output", model.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
    }

    /** heart_scale.csv with line {@code line} (1-based, the header is line 1) replaced. */
    private static String heartWithLine(int line, String replacement) {
        List<String> lines = new ArrayList<>(HEART.lines().toList());
        lines.set(line - 1, replacement);
        return String.join("\n", lines) + "\n";
    }

    /** The cells of heart_scale.csv's line {@code line}, with cell {@code cell} (0 = label) replaced. */
    private static String heartLineWithCell(int line, int cell, String value) {
        String[] cells = HEART.lines().skip(line - 1).findFirst().orElseThrow().split(",");
        cells[cell] = value;
        return String.join(",", cells);
    }

    /** Asserts the exit code and that the first line of standard error is one 'error:' line with the fragments. */
    private static String assertError(TrainCommandTest.Run r, int exitCode, String... fragments) {
        assertEquals(exitCode, r.exitCode(), r.err());
        String first = r.err().strip().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertFalse(first.isEmpty(), "an 'error:' line: " + r.err());
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + f + "' missing from: " + first);
        }
        return first;
    }

    private static TrainCommandTest.Run train(Path input, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--input", input.toString(), "--output",
                dir.resolve("m").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    /** Bad training data: exit 1, file, line, column and problem named, no model directory. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Java's double suffix   | 61 | 1 | 1d     | line 61 | 'x1' | '1d' is not a number",
        "Java's float suffix    | 61 | 2 | 0f     | line 61 | 'x2' | '0f' is not a number",
        "hexadecimal float      | 62 | 3 | 0x1p3  | line 62 | 'x3' | '0x1p3' is not a number",
        "label 1d               | 63 | 0 | 1d     | line 63 | label | expected 0 or 1",
        "value too large to sum | 51 | 1 | 1e308  | line 51 | 'x1' | too large to train on",
        "value beyond a double  | 51 | 1 | 1e309  | line 51 | 'x1' | not finite",
    })
    void badTrainingCellsAreLocated(String name, int line, int cell, String value, String where, String column,
                                    String problem, @TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("x.csv"), heartWithLine(line, heartLineWithCell(line, cell, value)));
        assertError(train(input, dir), ExitCodes.FAILURE, "x.csv", where, column, problem);
        assertEquals(List.of("x.csv"), listing(dir), name + ": nothing written");
    }

    @Test
    void numbersAreWhatTheReadmeSays(@TempDir Path dir) throws IOException {
        // Accepted: signs, a leading or trailing point, exponents, blanks around the number.
        StringBuilder csv = new StringBuilder("label,a,b\n");
        String[] good = {"1", "-0.5", "+.5", "5.", "1e-3", "2.5E+2", " 3 ", "-1E0"};
        for (int i = 0; i < good.length; i++) {
            csv.append(i % 2).append(',').append(good[i]).append(',').append(i).append('\n');
        }
        Path input = Files.writeString(dir.resolve("ok.csv"), csv);
        TrainCommandTest.Run r = train(input, dir, "--reg-param", "0.1", "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        for (String bad : new String[] {"1d", "0f", "0x1p3", "1_000", "1e", ".", "+", "e3", "1.2.3", "inf", "nan"}) {
            Path file = Files.writeString(dir.resolve("bad.csv"), "label,a\n1,1\n0," + bad + "\n");
            assertError(run("train", "--input", file.toString(), "--output", dir.resolve("b").toString()),
                    ExitCodes.FAILURE, "bad.csv line 3", "'a'", "'" + bad + "' is not a number");
        }
        assertFalse(Files.exists(dir.resolve("b")));
    }

    @Test
    void aHugeCellIsEchoedCut(@TempDir Path dir) throws IOException {
        String huge = "9".repeat(1_000_000) + "a";
        Path input = Files.writeString(dir.resolve("x.csv"), heartWithLine(201, heartLineWithCell(201, 1, huge)));
        String message = assertError(train(input, dir), ExitCodes.FAILURE, "x.csv line 201", "'x1'",
                "(1000001 characters)", "is not a number");
        assertTrue(message.length() < 400, "cut to about 60 characters: " + message.length() + " characters");
    }

    @Test
    void weightsThatOverflowAreNamed(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("label,a,w\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2).append(',').append(i).append(',').append(i == 7 ? "1e308" : "1").append('\n');
        }
        Path input = Files.writeString(dir.resolve("w.csv"), csv);
        assertError(train(input, dir, "--weight-column", "w"), ExitCodes.FAILURE, "w.csv line 9", "weight column w",
                "1e308", "too large");
        assertEquals(List.of("w.csv"), listing(dir));
    }

    /** One class only, a single row, every negative at weight 0: said plainly with the counts. */
    @Test
    void degenerateDataIsNamedBeforeAnyOptimizerRuns(@TempDir Path dir) throws IOException {
        StringBuilder positives = new StringBuilder("label,a\n");
        HEART.lines().skip(1).filter(l -> l.startsWith("1,")).forEach(l -> positives.append(l, 0, l.indexOf(',', 2))
                .append('\n'));
        Path onlyPositives = Files.writeString(dir.resolve("pos.csv"), positives);
        assertError(train(onlyPositives, dir), ExitCodes.FAILURE, "pos.csv", "only one class",
                "(120 rows with label 1, none with label 0)");
        Path single = Files.writeString(dir.resolve("one.csv"), HEART.lines().limit(2).reduce((a, b) -> a + "\n" + b)
                .orElseThrow() + "\n");
        assertError(train(single, dir), ExitCodes.FAILURE, "one.csv", "only one class",
                "(1 row with label 1, none with label 0)");
        StringBuilder weighted = new StringBuilder("label,a,w\n");
        HEART.lines().skip(1).forEach(l -> weighted.append(l, 0, l.indexOf(',', 2)).append(',')
                .append(l.startsWith("1,") ? "1" : "0").append('\n'));
        Path zeroNegatives = Files.writeString(dir.resolve("w.csv"), weighted);
        assertError(train(zeroNegatives, dir, "--weight-column", "w"), ExitCodes.FAILURE, "w.csv", "only one class",
                "120 rows with label 1, 150 with label 0, all of weight 0");
        assertError(train(zeroNegatives, dir, "--weight-column", "w", "--class-weight", "balanced"),
                ExitCodes.FAILURE, "only one class");
        StringBuilder zero = new StringBuilder("label,a,w\n1,1,0\n0,2,0\n");
        Path noWeight = Files.writeString(dir.resolve("z.csv"), zero);
        assertError(train(noWeight, dir, "--weight-column", "w"), ExitCodes.FAILURE, "z.csv", "all 2 rows have weight 0");
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void foldsThatCannotBeFittedAreNamed(@TempDir Path dir) {
        Path heart = Datasets.path("heart_scale.csv");
        assertError(train(heart, dir, "--cv", "300"), ExitCodes.FAILURE, "--cv 300 needs at least 300 rows",
                "the data has 270");
        assertError(train(heart, dir, "--cv", "100"), ExitCodes.FAILURE, "--cv 100: fold", "holds no rows",
                "use fewer folds");
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void aHugeLibsvmIndexIsALocatedError(@TempDir Path dir) throws IOException {
        StringBuilder libsvm = new StringBuilder();
        for (String line : Files.readAllLines(Datasets.path("heart_scale.libsvm"))) {
            libsvm.append(line).append('\n');
        }
        libsvm.append("1 3:1 2000000000:1\n");
        Path input = Files.writeString(dir.resolve("x.libsvm"), libsvm);
        assertError(train(input, dir), ExitCodes.FAILURE, "x.libsvm line 271", "feature index 2000000000",
                "--num-features");
        assertError(train(input, dir, "--num-features", "13"), ExitCodes.FAILURE, "x.libsvm line 271",
                "exceeds --num-features 13");
        assertEquals(List.of("x.libsvm"), listing(dir));
    }

    @Test
    void aTruncatedGzipIsNamed(@TempDir Path dir) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(HEART.getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        Path input = Files.write(dir.resolve("x.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertError(train(input, dir), ExitCodes.FAILURE, "x.csv.gz", "cannot be read", "truncated or corrupt");
        assertError(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                dir.resolve("s").toString()), ExitCodes.FAILURE, "x.csv.gz", "cannot be read");
        assertEquals(List.of("x.csv.gz"), listing(dir));
    }

    /** CR, LF and CRLF all end lines: the line a bad record is reported at is the line an editor shows. */
    @ParameterizedTest(name = "line ends {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CR", "CRLF", "LF"})
    void everyLineEndCountsAsALine(String name, @TempDir Path dir) throws IOException {
        String end = switch (name) {
            case "CR" -> "\r";
            case "CRLF" -> "\r\n";
            default -> "\n";
        };
        String text = heartWithLine(150, heartLineWithCell(150, 2, "abc")).replace("\n", end);
        Path input = Files.writeString(dir.resolve("x.csv"), text);
        assertError(train(input, dir), ExitCodes.FAILURE, "x.csv line 150", "'x2'", "'abc'");
        // Read in several splits, the line is counted from the byte offset on the driver.
        assertError(train(input, dir, "--partitions", "4"), ExitCodes.FAILURE, "x.csv line 150", "'x2'");
        assertError(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                dir.resolve("s").toString()), ExitCodes.FAILURE, "x.csv line 150");
    }

    /**
     * A bzip2 file of several blocks, which Hadoop would split with keys that are compressed
     * positions: read whole, its bad line is reported right with any number of partitions.
     */
    @Test
    void compressedLinesAreNumberedRightInAnyNumberOfPartitions(@TempDir Path dir) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("label,a,b\n");
        int bad = 150_000;
        for (int line = 2; line <= 200_000; line++) {
            csv.append(random.nextInt(2)).append(',').append(random.nextDouble()).append(',')
                    .append(line == bad ? "zz" : Double.toString(random.nextDouble())).append('\n');
        }
        BZip2Codec codec = new BZip2Codec();
        codec.setConf(new Configuration());
        Path input = dir.resolve("x.csv.bz2");
        try (OutputStream out = codec.createOutputStream(Files.newOutputStream(input))) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (String partitions : new String[] {"1", "4"}) {
            assertError(train(input, dir, "--partitions", partitions), ExitCodes.FAILURE, "x.csv.bz2 line " + bad,
                    "'b'", "'zz'");
        }
    }

    /** Finite inputs whose margin overflows: a bad row under every policy, never a NaN score. */
    @Test
    void aMarginThatOverflowsIsABadRow(@TempDir Path dir) throws IOException {
        // Coefficients of x1, x2 and x3 are about -0.42, 0.77 and 1.05: these values push b + w·x past 1.8e308.
        String row = heartLineWithCell(6, 1, "-1e308");
        String[] cells = row.split(",");
        cells[2] = "1e308";
        cells[3] = "1e308";
        Path input = Files.writeString(dir.resolve("x.csv"), heartWithLine(6, String.join(",", cells)));
        assertError(run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                dir.resolve("s").toString()), ExitCodes.FAILURE, "x.csv line 6", "margin is not finite");
        assertFalse(Files.exists(dir.resolve("s")));
        Path quarantine = dir.resolve("q");
        TrainCommandTest.Run q = run("score", "--model", model.toString(), "--input", input.toString(), "--output",
                dir.resolve("s").toString(), "--bad-records", "quarantine:" + quarantine);
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(q.out().contains("rows read 270, scored 269, rejected 1"), q.out());
        String rejected = readJsonLines(quarantine);
        assertTrue(rejected.contains("\"source_line\":6") && rejected.contains("margin is not finite"), rejected);
        assertFalse(readCsvOrParquetHasNaN(dir.resolve("s")), "no NaN among the scores");
        assertError(run("evaluate", "--model", model.toString(), "--input", input.toString()), ExitCodes.FAILURE,
                "x.csv line 6", "margin is not finite");
        TrainCommandTest.Run skip = run("evaluate", "--model", model.toString(), "--input", input.toString(),
                "--bad-records", "skip");
        assertEquals(0, skip.exitCode(), skip.err());
        assertTrue(skip.out().contains("269 positive") || skip.out().contains("1 rejected"), skip.out());
        assertFalse(skip.out().contains("NaN"), skip.out());

        // The same rows as Parquet columns: the generated margin expression refuses the row likewise.
        Path parquet = dir.resolve("x.parquet");
        SparkTestSession.get().read().option("header", "true").option("inferSchema", "true").csv(input.toString())
                .write().parquet(parquet.toString());
        Path parquetQuarantine = dir.resolve("pq");
        TrainCommandTest.Run p = run("score", "--model", model.toString(), "--input", parquet.toString(), "--output",
                dir.resolve("ps").toString(), "--bad-records", "quarantine:" + parquetQuarantine);
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().contains("rows read 270, scored 269, rejected 1"), p.out());
        assertTrue(readJsonLines(parquetQuarantine).contains("margin is not finite"));
        assertFalse(readCsvOrParquetHasNaN(dir.resolve("ps")), "no NaN among the scores");
    }

    @Test
    void anOffsetTooLargeToTrainOnIsLocated(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("o.csv"), "label,o,a\n1,0.5,1\n0,-3e200,2\n1,0,3\n0,1,4\n");
        assertError(train(input, dir, "--offset-column", "o"), ExitCodes.FAILURE, "o.csv line 3", "offset 'o'",
                "-3e200", "too large to train on");
        assertEquals(List.of("o.csv"), listing(dir));
    }

    /** Each margin is finite, so each row's log loss is; their sum is not, and evaluate says so. */
    @Test
    void logLossesWhoseSumOverflowsAreNamed(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(HEART.lines().toList());
        for (int line = 2; line <= 41; line++) {
            // x1's coefficient is about -0.42: a margin near 1e307 on a row of label 0 costs about 1e307.
            String[] cells = lines.get(line - 1).split(",");
            cells[0] = "0";
            cells[1] = "-2.4e307";
            lines.set(line - 1, String.join(",", cells));
        }
        Path input = Files.writeString(dir.resolve("x.csv"), String.join("\n", lines) + "\n");
        assertError(run("evaluate", "--model", model.toString(), "--input", input.toString()), ExitCodes.FAILURE,
                "the log losses of the 270 rows sum to more than the largest double");
    }

    @Test
    void oneClassEvaluationPrintsNoNaN(@TempDir Path dir) throws IOException {
        StringBuilder positives = new StringBuilder(HEART.lines().findFirst().orElseThrow() + "\n");
        HEART.lines().skip(1).filter(l -> l.startsWith("1,")).forEach(l -> positives.append(l).append('\n'));
        Path input = Files.writeString(dir.resolve("pos.csv"), positives);
        TrainCommandTest.Run r = run("evaluate", "--model", model.toString(), "--input", input.toString(),
                "--metrics-out", dir.resolve("m.json").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("area under ROC     undefined (the data has one class only)"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
        assertTrue(Files.readString(dir.resolve("m.json")).contains("\"areaUnderROC\" : null"));
    }

    @Test
    void duplicateNamesAreRefused(@TempDir Path dir) throws IOException {
        String header = HEART.lines().findFirst().orElseThrow();
        Path twice = Files.writeString(dir.resolve("x.csv"), HEART.replaceFirst(header, header.replace("x2", "x1")));
        assertError(run("score", "--model", model.toString(), "--input", twice.toString(), "--output",
                dir.resolve("s").toString()), ExitCodes.FAILURE, "x.csv", "column 'x1' appears twice", "2 and 3");
        Path mllib = dir.resolve("mllib");
        assertEquals(0, run("export", "--model", model.toString(), "--output", mllib.toString()).exitCode());
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= 13; j++) {
            names.add(j == 5 ? "x4" : "x" + j);
        }
        assertError(run("import", "--input", mllib.toString(), "--output", dir.resolve("imported").toString(),
                "--feature-names", String.join(",", names)), ExitCodes.USAGE, "--feature-names lists 'x4' twice");
        // A model file that repeats a name (written by hand) is refused when read.
        Path handMade = Files.createDirectories(dir.resolve("hand"));
        Files.writeString(handMade.resolve("model.json"), Files.readString(model.resolve("model.json"))
                .replace("\"x5\"", "\"x4\""));
        assertError(run("score", "--model", handMade.toString(), "--input", Datasets.path("heart_scale.csv").toString(),
                "--output", dir.resolve("s").toString()), ExitCodes.FAILURE, "model.json", "'x4' appears twice");
        assertFalse(Files.exists(dir.resolve("s")) || Files.exists(dir.resolve("imported")));
    }

    /** Options that are wrong on their own or together: exit 2 naming the flag, before any data is read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "train --max-iter -1            | --max-iter must be at least 0, got -1",
        "train --reg-param -1           | --reg-param must be a finite number >= 0, got -1.0",
        "train --partitions -3          | --partitions must be at least 1 (or 0: one per input split), got -3",
        "train --cv 1                   | --cv must be 0 (off) or at least 2 folds, got 1",
        "train --reg-path -3            | --reg-path must be 0 (a single fit) or at least 2 penalties, got -3",
        "train --reg-path 1             | --reg-path must be 0 (a single fit) or at least 2 penalties, got 1",
        "train --tol nan                | '--tol': 'nan' is not a double",
        "train --tol -1                 | --tol must be a finite number >= 0, got -1.0",
        "train --checkpoint-every 0     | --checkpoint-every must be at least 1, got 0",
        "train --path-min-ratio 2       | --path-min-ratio must be in (0, 1), got 2.0",
        "train --lbfgs-memory 0         | --lbfgs-memory must be at least 1, got 0",
        "train --aggregation-depth -1   | --aggregation-depth must be at least 1, or 0 for automatic, got -1",
        "train --num-features -2        | --num-features must be at least 1",
        "train --negative-sampling-rate 2 | --negative-sampling-rate must be in (0, 1], got 2.0",
        "train --class-weight heavy     | --class-weight takes balanced, none or c0,c1",
        "train --lower-bounds x         | --lower-bounds: 'x' is not a number",
        "train --firth --reg-param 0.1  | --firth and --reg-param are alternative penalties",
        "train --firth --cv 5           | --reg-path and --cv fit penalized models: not with --firth",
        "train --label-column w --weight-column w | --label-column and --weight-column both name 'w'",
        "score --threshold 2            | --threshold must be in [0, 1], got 2.0",
        "score --bad-records ignore     | --bad-records must be fail, skip or quarantine:PATH, got 'ignore'",
        "score --id-column label        | --id-column 'label' is also the label column",
        "score --keep-columns x1,x1     | --keep-columns lists 'x1' twice",
        "score --keep-columns margin    | --keep-columns 'margin' would clash with the output's own column",
        "score --id-column id --keep-columns id | 'id' is both --id-column and in --keep-columns",
        "evaluate --threshold -0.5      | --threshold must be in [0, 1], got -0.5",
        "evaluate --bad-records quarantine:q | evaluate takes --bad-records fail or skip",
    })
    void optionsAreValidatedBeforeDataIsRead(String command, String expected, @TempDir Path dir) {
        List<String> args = new ArrayList<>(List.of(command.strip().split("\\s+")));
        // A missing input shows that nothing was read: the option is refused first.
        Path missing = dir.resolve("not-there.csv");
        args.addAll(args.get(0).equals("train") ? List.of("--input", missing.toString(), "--output",
                dir.resolve("m").toString()) : List.of("--model", model.toString(), "--input", missing.toString()));
        if (args.get(0).equals("score")) {
            args.addAll(List.of("--output", dir.resolve("s").toString()));
        }
        TrainCommandTest.Run r = run(args.toArray(new String[0]));
        assertError(r, ExitCodes.USAGE, expected);
        assertTrue(r.err().contains("--help"), "points to the options: " + r.err());
        assertFalse(r.err().contains("does not exist"), "no data was read: " + r.err());
    }

    @Test
    void anIdColumnThatIsAFeatureIsAUsageError(@TempDir Path dir) {
        assertError(run("score", "--model", model.toString(), "--input", Datasets.path("heart_scale.csv").toString(),
                "--output", dir.resolve("s").toString(), "--id-column", "x3"), ExitCodes.USAGE,
                "--id-column 'x3' is one of the model's features");
        assertFalse(Files.exists(dir.resolve("s")));
    }

    private static String readJsonLines(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    private static boolean readCsvOrParquetHasNaN(Path scores) {
        var rows = SparkTestSession.get().read().parquet(scores.toString());
        return rows.filter("isnan(margin) or isnan(probability) or margin is null").count() > 0;
    }
}
