package org.bernoulli.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --formula} from the command line: what it prints, and the exit codes and messages
 * of missing values, ID-like factors, text columns without a formula and malformed formulas —
 * nothing written in each case.
 */
class FormulaCommandTest {
    private static final String SURVEY = Path.of("src/data/formula/survey.csv").toString();
    private static final String INFERT = Path.of("src/data/formula/infert.csv").toString();

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    private static String errorLine(TrainCommandTest.Run r, int exitCode) {
        assertEquals(exitCode, r.exitCode(), r.err());
        return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("no error line: " + r.err());
    }

    @Test
    void omitCountsTheRowsItLeavesOutAndTheOutputSaysWhichLevelIsOne(@TempDir Path dir) {
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", SURVEY, "--formula",
                "sex ~ height + wr_hnd + exer + smoke", "--na-action", "omit", "--output", dir.resolve("m").toString(),
                "--no-report", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("formula: sex ~ height + wr_hnd + exer + smoke   response sex: 'Male' is 1, "
                + "'Female' is 0"), r.out());
        assertTrue(r.out().contains("30 rows omitted for missing values (--na-action omit)"), r.out());
        assertTrue(r.out().contains("Residual deviance: 136.131  on 199  degrees of freedom"), r.out());
        TrainCommandTest.Run flipped = TrainCommandTest.run("train", "--input", SURVEY, "--formula",
                "sex ~ height + wr_hnd", "--na-action", "omit", "--positive-label", "Female", "--output",
                dir.resolve("f").toString(), "--no-report", "--quiet");
        assertEquals(0, flipped.exitCode(), flipped.err());
        assertTrue(flipped.out().contains("response sex: 'Female' is 1, 'Male' is 0"), flipped.out());
    }

    @Test
    void aMissingValueFailsNamingFileLineAndColumn(@TempDir Path dir) {
        Path out = dir.resolve("m");
        String e = errorLine(TrainCommandTest.run("train", "--input", SURVEY, "--formula",
                "sex ~ height + wr_hnd + exer + smoke", "--output", out.toString()), 1);
        assertEquals("error: file:" + Path.of(SURVEY).toAbsolutePath() + " line 4: column 'height' is missing (an "
                + "empty cell, NA, a value given as missing, or a null); the fit uses it: give --na-action omit to leave "
                + "such rows out, as R's na.omit", e);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void naValuesAreMissingToo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "y,x,g\n1,1.5,a\n0,-,b\n1,2.5,a\n0,0.5,b\n1,3,b\n0,1,a\n");
        String e = errorLine(TrainCommandTest.run("train", "--input", csv.toString(), "--formula", "y ~ x + g",
                "--na-values", "-", "--output", dir.resolve("m").toString()), 1);
        assertTrue(e.contains("d.csv line 3: column 'x' is missing"), e);
    }

    @Test
    void aNullInParquetIsNamedByFileAndRow(@TempDir Path dir) {
        Dataset<Row> df = SparkTestSession.get().read().option("header", true).option("inferSchema", true).csv(SURVEY);
        Path parquet = dir.resolve("survey.parquet");
        df.coalesce(1).write().parquet(parquet.toString());
        Path out = dir.resolve("m");
        String e = errorLine(TrainCommandTest.run("train", "--input", parquet.toString(), "--formula",
                "sex ~ height + wr_hnd", "--output", out.toString()), 1);
        assertTrue(e.matches("error: .*survey\\.parquet/part-[^ ]*\\.parquet row 2: column 'height' is missing .*"
                + "--na-action omit.*"), e);
        assertFalse(Files.exists(out));
    }

    @Test
    void anIdColumnWithMoreLevelsThanMaxLevelsIsNamed(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(INFERT)));
        lines.set(0, lines.get(0) + ",\"patient\"");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + ",\"p" + i + "\"");
        }
        Path csv = dir.resolve("infert-ids.csv");
        Files.write(csv, lines);
        Path out = dir.resolve("m");
        String e = errorLine(TrainCommandTest.run("train", "--input", csv.toString(), "--formula", "case ~ .",
                "--max-levels", "100", "--output", out.toString()), 1);
        assertEquals("error: factor patient: column 'patient' has 248 distinct values (--max-levels 100); an ID column "
                + "caught by '.'? leave it out with '- patient', or raise --max-levels", e);
        assertFalse(Files.exists(out));
        Path parquet = dir.resolve("ids.parquet");
        SparkTestSession.get().read().option("header", true).option("inferSchema", true).csv(csv.toString())
                .write().parquet(parquet.toString());
        String fromParquet = errorLine(TrainCommandTest.run("train", "--input", parquet.toString(), "--formula",
                "case ~ .", "--max-levels", "100", "--output", out.toString()), 1);
        assertTrue(fromParquet.contains("column 'patient' has 248 distinct values (--max-levels 100)"), fromParquet);
        TrainCommandTest.Run without = TrainCommandTest.run("train", "--input", csv.toString(), "--formula",
                "case ~ . - patient - stratum", "--output", out.toString(), "--no-report", "--quiet");
        assertEquals(0, without.exitCode(), without.err());
    }

    @Test
    void aTextColumnWithoutAFormulaSuggestsOne(@TempDir Path dir) {
        String e = errorLine(TrainCommandTest.run("train", "--input", INFERT, "--label-column", "case", "--output",
                dir.resolve("m").toString()), 1);
        assertTrue(e.contains("line 2: feature 'education': '0-5yrs' is not a number; without --formula every feature "
                + "must be a number: a column of text needs --formula (e.g. --formula 'case ~ .', where text columns "
                + "become factors)"), e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "case ~ age +                 | --formula 'case ~ age +': the formula ends too early at character 13",
        "case ~ agee                  | no column 'agee' in the data; the columns are [case, education",
        "case ~ log(education)        | column 'education' holds text, so log(education) cannot compute with it",
        "case ~ age %o% parity        | the operator %o% is not supported; between terms, %in% is at character 12",
        "case ~ (age + parity)^1.5    | '^' between terms takes a whole number of at least 1, as in (a + b + c)^2, not 1.5",
        "case ~ lo(age)               | lo(age) in lo(age) is not supported; the functions are I(), factor(), relevel(), C(), poly(), bs(), ns(), offset(), cbind() and log",
        "case ~ ns(age, spar = 2)     | ns(age, spar = 2) takes no argument 'spar'; its arguments are x, df, knots, intercept, Boundary.knots",
        "case ~ bs(age, df = 2.5)     | bs(age, df = 2.5) needs df to be a whole number of at least 1, not 2.5",
        "case ~ C(education, contr.poly) | C(education, contr.poly): the contrast contr.poly is not supported; the contrasts are contr.treatment, contr.sum and contr.helmert",
        "case ~ relevel(age, ref = \"30\") | relevel(age, ref = \"30\") needs a factor: a column of text or booleans, or factor(x) for a column of numbers, not age",
        "case ~ relevel(education, ref = \"college\") | relevel(education, ref = \"college\"): 'college' is not a level of 'education'; its levels are [0-5yrs, 12+ yrs, 6-11yrs]",
        "case ~ education + age - 1   | a model without an intercept (-1, +0) cannot be fitted yet",
        "case ~ age + I(case * 2)     | column 'case' is the response and cannot also be a term"})
    void formulaProblemsAreNamed(String formula, String message, @TempDir Path dir) {
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", INFERT, "--formula", formula, "--output",
                dir.resolve("m").toString());
        String e = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(r.err());
        assertTrue(e.contains(message), e);
        assertEquals(formula.startsWith("education") ? 1 : 2, r.exitCode(), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void aFormulaModelEvaluatesThroughItsEncodingAndIsNotExportedToMllib(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertEquals(0, TrainCommandTest.run("train", "--input", INFERT, "--formula", "case ~ spontaneous + induced + "
                + "education", "--output", model.toString(), "--no-report", "--quiet").exitCode());
        TrainCommandTest.Run evaluate = TrainCommandTest.run("evaluate", "--model", model.toString(), "--input", INFERT);
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("248 (83 positive, 165 negative; 0 rejected)"), evaluate.out());
        assertTrue(evaluate.out().contains("log-likelihood     -139.7041634"), "R's log-likelihood: " + evaluate.out());
        Path exported = dir.resolve("mllib");
        String e = errorLine(TrainCommandTest.run("export", "--model", model.toString(), "--to", "mllib", "--output",
                exported.toString()), 2);
        assertTrue(e.contains("an MLlib LogisticRegressionModel cannot carry its encoding"), e);
        assertFalse(Files.exists(exported));
    }

    @Test
    void scoreEvaluateAndReportReadACatalogTable(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertEquals(0, TrainCommandTest.run("train", "--input", INFERT, "--formula", "case ~ spontaneous + induced + "
                + "education", "--output", model.toString(), "--no-report", "--quiet").exitCode());
        SparkTestSession.get().read().option("header", true).option("inferSchema", true).csv(INFERT).write()
                .mode("overwrite").saveAsTable("infert_scoring_test");
        try {
            TrainCommandTest.Run score = TrainCommandTest.run("score", "--model", model.toString(), "--table",
                    "infert_scoring_test", "--output", dir.resolve("s").toString());
            assertEquals(0, score.exitCode(), score.err());
            assertTrue(score.out().contains("rows read 248, scored 248, rejected 0"), score.out());
            TrainCommandTest.Run evaluate = TrainCommandTest.run("evaluate", "--model", model.toString(), "--table",
                    "infert_scoring_test", "--read-option", "unused=1");
            assertEquals(0, evaluate.exitCode(), evaluate.err());
            assertTrue(evaluate.out().contains("log-likelihood     -139.7041634"), evaluate.out());
            TrainCommandTest.Run report = TrainCommandTest.run("report", "--model", model.toString(), "--table",
                    "infert_scoring_test", "--output", dir.resolve("r.html").toString());
            assertEquals(0, report.exitCode(), report.err());
            assertTrue(Files.exists(dir.resolve("r.html")));
        } finally {
            SparkTestSession.get().sql("DROP TABLE infert_scoring_test");
        }
        String e = errorLine(TrainCommandTest.run("score", "--model", model.toString(), "--output",
                dir.resolve("none").toString()), 2);
        assertTrue(e.contains("Missing required option: '--input=PATH' (or --table NAME)"), e);
    }

    @Test
    void formulaOptionsAreUsageErrors(@TempDir Path dir) {
        String out = dir.resolve("m").toString();
        assertTrue(errorLine(TrainCommandTest.run("train", "--input", INFERT, "--formula", "case ~ age", "--na-action",
                "drop", "--output", out), 2).contains("--na-action must be fail or omit, got 'drop'"));
        assertTrue(errorLine(TrainCommandTest.run("train", "--input", INFERT, "--na-action", "omit", "--output", out),
                2).contains("--na-action, --na-values, --positive-label and --reference-class apply with --formula"));
        assertTrue(errorLine(TrainCommandTest.run("train", "--input", INFERT, "--formula", "case ~ age",
                "--max-levels", "1", "--output", out), 2).contains("--max-levels must be at least 2, got 1"));
        assertTrue(errorLine(TrainCommandTest.run("train", "--input", "src/data/heart_scale.libsvm", "--formula",
                "y ~ x", "--output", out), 2).contains("--formula needs named columns"));
        assertTrue(errorLine(TrainCommandTest.run("train", "--input", INFERT, "--formula", "case ~ age",
                "--positive-label", "1", "--output", out), 2).contains("--positive-label applies to a response of two "
                + "text values"));
    }

    /**
     * {@code -} of a column the data lacks is exit 2 naming it (a typo would keep the column meant to be
     * dropped); a header repeating a name, or two names equal but for blanks, is refused with or without
     * a formula, on both engines (exit 1, file and line 1); nothing is written.
     */
    @Test
    void removingAnAbsentColumnAndRepeatedNamesAreRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m");
        assertEquals("error: --formula 'case ~ . - stratun': '- stratun' removes column 'stratun', which the data "
                + "does not have; the columns are [case, education, age, parity, induced, spontaneous, stratum]",
                errorLine(TrainCommandTest.run("train", "--input", INFERT, "--formula", "case ~ . - stratun",
                        "--output", out.toString()), ExitCodes.USAGE));
        Path twice = Files.writeString(dir.resolve("twice.csv"), "y,x1,y\n1,0.5,1\n0,1.5,0\n1,0.7,0\n0,0.2,1\n");
        Path blanks = Files.writeString(dir.resolve("blanks.csv"), "y,x1,\"y \"\n1,0.5,1\n0,1.5,0\n1,0.7,0\n0,0.2,1\n");
        for (String engine : new String[] {"local", "spark"}) {
            for (String[] formula : new String[][] {{"--formula", "y ~ ."}, {"--label-column", "y"}}) {
                String e = errorLine(TrainCommandTest.run("train", "--input", twice.toString(), formula[0], formula[1],
                        "--engine", engine, "--output", out.toString()), ExitCodes.FAILURE);
                assertTrue(e.endsWith("twice.csv line 1: column 'y' appears twice (columns 1 and 3); every column "
                        + "needs a name of its own"), engine + " " + formula[0] + ": " + e);
                e = errorLine(TrainCommandTest.run("train", "--input", blanks.toString(), formula[0], formula[1],
                        "--engine", engine, "--output", out.toString()), ExitCodes.FAILURE);
                assertTrue(e.endsWith("blanks.csv line 1: columns 'y' and 'y ' (columns 1 and 3) differ only by blanks "
                        + "around them; every column needs a name of its own"), engine + " " + formula[0] + ": " + e);
            }
        }
        assertFalse(Files.exists(out));
    }

    /**
     * Levels are kept as written, as R reads them: {@code a}, {@code " a"} and {@code "a "} are three
     * levels on both engines, and scoring codes each as training did (a blank-padded level unseen in
     * training is an unseen level, not the trimmed one).
     */
    @Test
    void levelsThatDifferByBlanksStayApart(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("y,x,f\n");
        String[] levels = {"a", " a", "a ", "b"};
        for (int i = 0; i < 40; i++) {
            String level = levels[i % 4];
            csv.append(i % 3 == 0 ? 1 : 0).append(',').append(i % 7).append(",\"").append(level).append("\"\n");
        }
        Path data = Files.writeString(dir.resolve("levels.csv"), csv);
        for (String engine : new String[] {"local", "spark"}) {
            Path model = dir.resolve("m-" + engine);
            TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", data.toString(), "--formula", "y ~ x + f",
                    "--engine", engine, "--output", model.toString(), "--no-report");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("\nfa ") && r.out().contains("\nfa  ") && r.out().contains("\nfb "), r.out());
            String json = Files.readString(model.resolve("model.json"));
            assertTrue(json.contains("\"levels\" : [ \" a\", \"a\", \"a \", \"b\" ]"), json);
        }
        Path unseen = Files.writeString(dir.resolve("new.csv"), "y,x,f\n1,2,\" b\"\n0,1,\"a \"\n");
        TrainCommandTest.Run scored = TrainCommandTest.run("score", "--model", dir.resolve("m-local").toString(),
                "--input", unseen.toString(), "--output", dir.resolve("s").toString(), "--bad-records", "skip");
        assertEquals(0, scored.exitCode(), scored.err());
        assertTrue(scored.out().contains("rows read 2, scored 1, rejected 1"), scored.out());
    }
}
