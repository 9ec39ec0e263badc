package org.bernoulli.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's sources as an adversarial user feeds them to a formula model: JSON and ORC score (and
 * train) with the row of every bad row named and {@code source_row} written, as Parquet does; a
 * column whose type is not the one trained on is refused naming it (never converted); a malformed
 * JSON record is a bad record, not a missing value; files whose schemas disagree are refused naming
 * the column and two files (ORC would otherwise read the text of a double column as null); a refused
 * read option is named; a file Spark's reader cannot read is one line naming it.
 */
class SparkSourceInputTest {
    private static final String FORMULA = "case ~ spontaneous + induced + education";
    private static SparkSession spark;
    private static Path model;
    private static Dataset<Row> infert;

    @BeforeAll
    static void train(@TempDir Path dir) {
        spark = SparkTestSession.get();
        model = dir.resolve("model");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("formula/infert.csv").toString(), "--formula",
                FORMULA, "--output", model.toString(), "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        infert = spark.read().option("header", true).option("inferSchema", true)
                .csv(Datasets.path("formula/infert.csv").toString());
    }

    private static String errorLine(TrainCommandTest.Run r, int code) {
        assertEquals(code, r.exitCode(), r.err());
        String first = r.err().strip().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertFalse(first.isEmpty(), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("Try ")).count(), "one line: " + r.err());
        return first;
    }

    /**
     * JSON and ORC, with row 5 (0-based) at an unseen level: every row is scored or rejected with its
     * row in its file, the same rows as the CSV; failing fast names the file and row 5.
     */
    @ParameterizedTest
    @ValueSource(strings = {"json", "orc"})
    void jsonAndOrcScoreWithTheRowOfEachBadRow(String format, @TempDir Path dir) throws Exception {
        Path data = dir.resolve("data." + format);
        // Two files, so that rows are numbered within each file.
        infert.withColumn("education", org.apache.spark.sql.functions.when(col("stratum").equalTo(6)
                        .and(col("spontaneous").equalTo(1)), "college").otherwise(col("education")))
                .repartition(2, col("stratum").mod(2)).sortWithinPartitions("stratum", "age")
                .write().format(format).save(data.toString());
        long bad = spark.read().format(format).load(data.toString()).where(col("education").equalTo("college"))
                .count();
        assertEquals(2, bad, "two rows at the unseen level");
        Path quarantine = dir.resolve("rejected");
        TrainCommandTest.Run r = run("score", "--model", model.toString(), "--input", data.toString(), "--format",
                format, "--output", dir.resolve("scores").toString(), "--bad-records", "quarantine:" + quarantine);
        assertEquals(0, r.exitCode(), r.err());
        Dataset<Row> scores = spark.read().parquet(dir.resolve("scores").toString());
        assertEquals(248 - bad, scores.count());
        List<Row> rejected = spark.read().json(quarantine.toString()).collectAsList();
        assertEquals(bad, rejected.size());
        // Every row of every file is named once, scored or rejected: rows 0 … n − 1 of each file.
        java.util.Map<String, java.util.Set<Long>> named = new java.util.HashMap<>();
        for (Row s : scores.select("source_file", "source_row").collectAsList()) {
            assertTrue(named.computeIfAbsent(s.getString(0), f -> new java.util.HashSet<>()).add(s.getLong(1)));
        }
        for (Row q : rejected) {
            String file = q.getAs("source_file");
            long row = q.<Long>getAs("source_row");
            assertTrue(named.computeIfAbsent(file, f -> new java.util.HashSet<>()).add(row));
            assertEquals("college", spark.read().format(format).load(file).collectAsList().get((int) row)
                    .getAs("education"), "the row named is the bad one");
        }
        for (java.util.Map.Entry<String, java.util.Set<Long>> file : named.entrySet()) {
            long rows = spark.read().format(format).load(file.getKey()).count();
            assertEquals(rows, file.getValue().size(), file.getKey());
            assertEquals(rows - 1, java.util.Collections.max(file.getValue()), file.getKey());
        }
        TrainCommandTest.Run fail = run("score", "--model", model.toString(), "--input", data.toString(), "--format",
                format, "--output", dir.resolve("failed").toString());
        String line = errorLine(fail, ExitCodes.FAILURE);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("error: (\\S+) row (\\d+): education: level "
                + "'college' was not seen in training").matcher(line);
        assertTrue(m.lookingAt(), line);
        assertEquals("college", spark.read().format(format).load(m.group(1)).collectAsList()
                .get(Integer.parseInt(m.group(2))).getAs("education"), line);
        assertFalse(Files.exists(dir.resolve("failed")));
        TrainCommandTest.Run evaluated = run("evaluate", "--model", model.toString(), "--input", data.toString(),
                "--format", format, "--bad-records", "skip");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("rows               246 (") && evaluated.out().contains("; 2 rejected)"),
                evaluated.out());
        TrainCommandTest.Run report = run("report", "--model", model.toString(), "--data", data.toString(), "--format",
                format, "--bad-records", "skip", "--output", dir.resolve("report.html").toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("246"));
        TrainCommandTest.Run training = run("train", "--input", data.toString(), "--format", format, "--formula",
                FORMULA + " + age", "--output", dir.resolve("m").toString(), "--max-levels", "2");
        assertTrue(errorLine(training, ExitCodes.FAILURE).contains("education"), training.err());
    }

    /** A number column that is boolean or text here, a text column that is numbers: refused naming it, exit 1. */
    @Test
    void aColumnOfAnotherTypeThanInTrainingIsRefused(@TempDir Path dir) {
        String[][] cases = {
            {"bool", "induced", "induced > 0", "boolean", "numbers"},
            {"text", "induced", "cast(induced as string)", "string", "numbers"},
            {"numbers", "education", "length(education)", "int", "text"},
        };
        for (String[] c : cases) {
            Path data = dir.resolve(c[0] + ".parquet");
            infert.withColumn(c[1], org.apache.spark.sql.functions.expr(c[2])).write().parquet(data.toString());
            TrainCommandTest.Run r = run("score", "--model", model.toString(), "--input", data.toString(), "--output",
                    dir.resolve("s-" + c[0]).toString(), "--bad-records", "skip");
            assertEquals("error: " + data + ": column '" + c[1] + "' has type " + c[3] + ", but the model was trained "
                    + "on " + c[4] + " in it; values of another kind are not converted (cast the column, or score data "
                    + "of the training's types)", errorLine(r, ExitCodes.FAILURE));
            assertFalse(Files.exists(dir.resolve("s-" + c[0])));
        }
    }

    /** A malformed JSON line is a bad record with its text, in training (even under omit) and in scoring. */
    @Test
    void aMalformedJsonRecordIsABadRecordNotAMissingValue(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("rows.json");
        Files.writeString(json, """
                {"case":1,"spontaneous":2,"induced":1,"education":"0-5yrs"}
                {"case":0,"spontaneous":0,"induced":1,"education":"6-11yrs"}
                {"case":1,"spontaneous":1,"induced":0,"education":"6-11yrs"
                {"case":0,"spontaneous":1,"induced":2,"education":"12+ yrs"}
                """);
        TrainCommandTest.Run r = run("train", "--input", json.toString(), "--formula", FORMULA, "--na-action", "omit",
                "--output", dir.resolve("m").toString());
        assertEquals("error: file:" + json + " row 2: malformed record, not read by the source's parser: "
                + "'{\"case\":1,\"spontaneous\":1,\"induced\":0,\"education\":\"6-11yrs\"'", errorLine(r, ExitCodes.FAILURE));
        Path quarantine = dir.resolve("q");
        TrainCommandTest.Run s = run("score", "--model", model.toString(), "--input", json.toString(), "--output",
                dir.resolve("scores").toString(), "--bad-records", "quarantine:" + quarantine);
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("rows read 4, scored 3, rejected 1"), s.out());
        Row bad = spark.read().json(quarantine.toString()).collectAsList().get(0);
        assertEquals(2L, bad.<Long>getAs("source_row"));
        assertTrue(bad.<String>getAs("reason").startsWith("malformed record"), bad.toString());
        // A value that does not parse as its column's type, past what inference sampled: a bad record, not
        // a null (with the session's corrupt-record column or one the options name).
        StringBuilder many = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 2000; i++) {
            many.append("{\"case\":").append(random.nextInt(2)).append(",\"spontaneous\":")
                    .append(i == 1500 ? "\"abc\"" : String.valueOf(random.nextInt(3))).append("}\n");
        }
        Path sampled = Files.writeString(dir.resolve("sampled.json"), many);
        for (List<String> options : List.of(List.of("--read-option", "samplingRatio=0.05"), List.of("--read-option",
                "samplingRatio=0.05", "--read-option", "columnNameOfCorruptRecord=bad"))) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--input", sampled.toString(), "--formula",
                    "case ~ spontaneous", "--na-action", "omit", "--output", dir.resolve("s").toString()));
            args.addAll(options);
            assertEquals("error: file:" + sampled + " row 1500: malformed record, not read by the source's parser: "
                    + "'{\"case\":" + many.toString().lines().skip(1500).findFirst().orElseThrow().substring(8) + "'",
                    errorLine(run(args.toArray(new String[0])), ExitCodes.FAILURE), options.toString());
        }
    }

    /**
     * ORC files whose column x is double in one and text in the other: refused naming the column and the
     * files, where Spark's ORC reader would read 'abc' as null; Parquet alike; a refused option value is
     * named (exit 2); a directory without data files directly in it says so.
     */
    @Test
    void filesWhoseSchemasDisagreeAndBadOptionsAreNamed(@TempDir Path dir) throws Exception {
        for (String format : new String[] {"orc", "parquet"}) {
            Path data = dir.resolve(format);
            spark.sql("select 1L as y, 0.5d as x union all select 0L, 1.5d").write().format(format)
                    .save(data.resolve("a").toString());
            spark.sql("select 1L as y, 'abc' as x union all select 0L, '2.0'").write().format(format)
                    .save(data.resolve("b").toString());
            TrainCommandTest.Run r = run("train", "--input", data + "/*", "--format", format, "--formula", "y ~ x",
                    "--na-action", "omit", "--output", dir.resolve("m").toString());
            String line = errorLine(r, ExitCodes.FAILURE);
            assertTrue(line.startsWith("error: cannot read " + data + "/* as " + format + ": its files do not share "
                    + "one schema: column 'x' is double in some files and string in others (file:" + data), line);
            assertTrue(line.contains("/a/part-") && line.contains("/b/part-"), line);
        }
        TrainCommandTest.Run option = run("train", "--input", dir.resolve("orc").resolve("a").toString(), "--format",
                "orc", "--read-option", "mergeSchema=maybe", "--formula", "y ~ x", "--output",
                dir.resolve("m").toString());
        assertEquals("error: --read-option mergeSchema=maybe: the orc source refuses this value (For input string: "
                + "\"maybe\")", errorLine(option, ExitCodes.USAGE));
        TrainCommandTest.Run nested = run("train", "--input", dir.resolve("orc").toString(), "--format", "orc",
                "--formula", "y ~ x", "--output", dir.resolve("m").toString());
        assertTrue(errorLine(nested, ExitCodes.FAILURE).startsWith("error: cannot read " + dir.resolve("orc")
                + " as orc: [UNABLE_TO_INFER_SCHEMA]"), nested.err());
    }

    /** A Parquet file with bytes overwritten: one line naming the file and the reader's failure. */
    @Test
    void aCorruptFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data.parquet");
        infert.coalesce(1).write().parquet(data.toString());
        Path file;
        try (var files = Files.list(data)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 100; i < 140; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(file, bytes);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        TrainCommandTest.Run r = run("score", "--model", model.toString(), "--input", data.toString(), "--output",
                dir.resolve("scores").toString());
        String line = errorLine(r, ExitCodes.FAILURE);
        assertTrue(line.startsWith("error: cannot read file://" + file + ": "), line);
        assertFalse(Files.exists(dir.resolve("scores")));
    }
}
