package org.bernoulli.cli;

import org.apache.spark.sql.SparkSession;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit code and the one line of each refusal an adversarial user met with a wrong code or a
 * message that did not say enough: usage 2, data 1, everything located — the file and line or row,
 * the column, the option.
 */
class MessagesTest {
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static String errorLine(TrainCommandTest.Run r, int code) {
        assertEquals(code, r.exitCode(), r.err());
        return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("no error line: " + r.err());
    }

    private static Path csv(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A factor left with one level once the rows are read is bad data (exit 1), not a malformed formula. */
    @Test
    void aFactorWithOneLevelIsBadData(@TempDir Path dir) throws Exception {
        Path data = csv(dir, "one.csv", "y,x,f\n1,0.5,a\n0,1.5,a\n1,0.7,a\n0,0.2,a\n");
        for (String engine : new String[] {"local", "spark"}) {
            assertEquals("error: factor f has only one level ('a') in the rows used; a factor needs at least two levels "
                    + "(leave it out of the formula)", errorLine(run("train", "--input", data.toString(), "--formula",
                    "y ~ x + f", "--engine", engine, "--output", dir.resolve("m").toString()), ExitCodes.FAILURE));
        }
    }

    /** A text cell in the weight column is named with its file, line and value; an absent one as the weight column. */
    @Test
    void weightColumnProblemsAreLocatedAndNamed(@TempDir Path dir) throws Exception {
        Path data = csv(dir, "w.csv", "y,x,w\n1,0.5,1\n0,1.5,2\n1,0.7,heavy\n0,0.2,1\n");
        for (String engine : new String[] {"local", "spark"}) {
            String e = errorLine(run("train", "--input", data.toString(), "--formula", "y ~ x", "--weight-column", "w",
                    "--engine", engine, "--output", dir.resolve("m").toString()), ExitCodes.FAILURE);
            assertTrue(e.endsWith("w.csv line 4: column 'w': 'heavy' is not a number"), engine + ": " + e);
            e = errorLine(run("train", "--input", data.toString(), "--formula", "y ~ x", "--weight-column", "weight",
                    "--engine", engine, "--output", dir.resolve("m").toString()), ExitCodes.FAILURE);
            assertEquals("error: no weight column (--weight-column) named 'weight' in the data; the columns are [y, x, w]",
                    e, engine);
        }
    }

    /** All rows in one cluster names the input. */
    @Test
    void oneClusterNamesTheInput(@TempDir Path dir) throws Exception {
        Path data = csv(dir, "c.csv", "y,x,site\n1,0.5,a\n0,1.5,a\n1,0.7,a\n0,0.2,a\n1,0.1,a\n0,0.9,a\n");
        String e = errorLine(run("train", "--input", data.toString(), "--label-column", "y", "--cluster-column", "site",
                "--output", dir.resolve("m").toString()), ExitCodes.FAILURE);
        assertEquals("error: input " + data + ": --cluster-column 'site': the rows used are all in one cluster; "
                + "cluster-robust standard errors need at least 2 clusters", e);
    }

    /**
     * An input that gives no example says why: every row omitted for a missing value, every count 0 —
     * not "empty or only blank lines".
     */
    @Test
    void noExamplesSaysWhy(@TempDir Path dir) throws Exception {
        Path holes = csv(dir, "holes.csv", "y,x\n1,\n0,NA\n1,\n");
        Path zeros = csv(dir, "zeros.csv", "k,f,x\n0,0,1\n0,0,2\n");
        for (String engine : new String[] {"local", "spark"}) {
            assertEquals("error: input " + holes + " holds no examples: each of its 3 rows has a missing value the fit "
                    + "uses, and --na-action omit left them all out", errorLine(run("train", "--input", holes.toString(),
                    "--formula", "y ~ x", "--na-action", "omit", "--engine", engine, "--output",
                    dir.resolve("m").toString()), ExitCodes.FAILURE), engine);
            assertEquals("error: input " + zeros + " holds no examples: the 2 rows used hold no trial: every count is 0 "
                    + "(successes and failures, or the case weight)", errorLine(run("train", "--input", zeros.toString(),
                    "--formula", "cbind(k, f) ~ x", "--engine", engine, "--output", dir.resolve("m").toString()),
                    ExitCodes.FAILURE), engine);
        }
    }

    /** evaluate with every row rejected says so, rather than "no rows to evaluate". */
    @Test
    void evaluateWithEveryRowRejectedSaysSo(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                model.toString(), "--no-report").exitCode());
        StringBuilder bad = new StringBuilder(Files.readAllLines(Datasets.path("heart_scale.csv")).get(0)).append('\n');
        for (int i = 0; i < 50; i++) {
            bad.append("7").append(",0".repeat(13)).append('\n');
        }
        Path data = csv(dir, "bad.csv", bad.toString());
        for (String engine : new String[] {"local", "spark"}) {
            assertEquals("error: nothing to evaluate: all 50 rows of the input were rejected as bad rows "
                    + "(--bad-records skip); --bad-records fail names the first and why", errorLine(run("evaluate",
                    "--model", model.toString(), "--input", data.toString(), "--bad-records", "skip", "--engine", engine),
                    ExitCodes.FAILURE), engine);
        }
    }

    /** A quoted line break in the header or a row: named with its line, on both engines, with or without a formula. */
    @Test
    void aQuotedLineBreakIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path header = csv(dir, "header.csv", "y,\"x\n1\",f\n1,0.5,a\n0,1.5,b\n");
        Path row = csv(dir, "row.csv", "y,x,f\n1,0.5,\"a\nb\"\n0,1.5,b\n1,0.2,a\n");
        String reason = "a quoted cell is not closed on this line (a line break inside quotes?); CSV is read one line "
                + "at a time, so a cell or name cannot hold a line break";
        for (String engine : new String[] {"local", "spark"}) {
            for (List<String> how : List.of(List.of("--formula", "y ~ ."), List.of("--label-column", "y"))) {
                String e = errorLine(run("train", "--input", header.toString(), how.get(0), how.get(1), "--engine",
                        engine, "--output", dir.resolve("m").toString()), ExitCodes.FAILURE);
                assertTrue(e.endsWith("header.csv line 1: " + reason), engine + " " + how + ": " + e);
                e = errorLine(run("train", "--input", row.toString(), how.get(0), how.get(1), "--engine", engine,
                        "--output", dir.resolve("m").toString()), ExitCodes.FAILURE);
                assertTrue(e.endsWith("row.csv line 2: " + reason), engine + " " + how + ": " + e);
            }
        }
        assertFalse(Files.exists(dir.resolve("m")));
    }

    /** A null label in Parquet read without a formula says how to leave such rows out with the options that exist. */
    @Test
    void aNullLabelWithoutAFormulaSuggestsWhatWorks(@TempDir Path dir) {
        Path data = dir.resolve("nulls.parquet");
        spark.sql("select cast(null as double) as label, 0.5d as x union all select 1d, 1.5d union all select 0d, 0.2d")
                .coalesce(1).write().parquet(data.toString());
        String e = errorLine(run("train", "--input", data.toString(), "--output", dir.resolve("m").toString()),
                ExitCodes.FAILURE);
        assertTrue(e.endsWith(" row 0: column 'label' is missing (an empty cell, NA, a value given as missing, or a null); "
                + "without --formula a missing value is an error: to leave such rows out, train with a formula and "
                + "--na-action omit (--formula 'label ~ .')"), e);
        TrainCommandTest.Run suggested = run("train", "--input", data.toString(), "--formula", "label ~ .",
                "--na-action", "omit", "--reg-param", "0.1", "--output", dir.resolve("m").toString(), "--no-report");
        assertEquals(0, suggested.exitCode(), suggested.err());
    }

    /** Counts that are not whole numbers fit, with R's warning, in the summary and the model. */
    @Test
    void nonIntegerCountsAreWarnedOf(@TempDir Path dir) throws Exception {
        Path data = csv(dir, "ucb.csv", Files.readString(Datasets.path("formula/ucb_admissions.csv"))
                .replace(",512,", ",512.5,"));
        TrainCommandTest.Run r = run("train", "--input", data.toString(), "--formula",
                "cbind(admitted, rejected) ~ gender + dept", "--output", dir.resolve("m").toString());
        assertEquals(0, r.exitCode(), r.err());
        String warning = "1 row has counts in cbind() that are not whole numbers (R's glm warns alike: non-integer "
                + "#successes in a binomial glm!)";
        assertTrue(r.out().contains("warning: " + warning), r.out());
        assertTrue(Files.readString(dir.resolve("m").resolve("model.json")).contains(warning));
        assertTrue(Files.readString(dir.resolve("m").resolve("summary.json")).contains(warning));
    }

    /**
     * A FIFO (which hung: the driver opened it a second time) and a device (/dev/zero ran out of memory)
     * are refused before they are read, alone or inside an input directory, on both engines and by score.
     */
    @Test
    void specialFilesAreRefusedBeforeTheyAreRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path folder = Files.createDirectories(dir.resolve("parts"));
        Files.copy(Datasets.path("heart_scale.csv"), folder.resolve("a.csv"));
        Files.createSymbolicLink(folder.resolve("b.csv"), fifo);
        String expected = " is not a regular file (a FIFO, a named pipe): an input is read more than once, from its "
                + "start; copy the data into a file";
        for (String engine : new String[] {"auto", "spark"}) {
            assertEquals("error: input file:" + fifo + expected, errorLine(run("train", "--input", fifo.toString(),
                    "--engine", engine, "--output", dir.resolve("m").toString()), ExitCodes.FAILURE), engine);
            assertEquals("error: input file:" + folder.resolve("b.csv") + expected, errorLine(run("train", "--input",
                    folder.toString(), "--format", "csv", "--engine", engine, "--output", dir.resolve("m").toString()),
                    ExitCodes.FAILURE), engine);
        }
        assertEquals("error: input file:/dev/zero is not a regular file (a character device): an input is read more "
                + "than once, from its start; copy the data into a file", errorLine(run("train", "--input", "/dev/zero",
                "--format", "csv", "--output", dir.resolve("m").toString()), ExitCodes.FAILURE));
        Path model = dir.resolve("model");
        assertEquals(0, run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                model.toString(), "--no-report").exitCode());
        assertEquals("error: input file:" + fifo + expected, errorLine(run("score", "--model", model.toString(),
                "--input", fifo.toString(), "--output", dir.resolve("s").toString()), ExitCodes.FAILURE));
        assertFalse(Files.exists(dir.resolve("m")) || Files.exists(dir.resolve("s")));
    }
}
