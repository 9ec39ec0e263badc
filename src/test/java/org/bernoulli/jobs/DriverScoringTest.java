package org.bernoulli.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring on the driver alone writes what scoring on Spark writes: the same columns of the same
 * types, the same rows with the same values (to the bit: the same scorer, the same formulas), the
 * same row accounting, the same refusal of a bad line under {@code fail}, the same skipped and
 * quarantined rows — for LIBSVM, CSV with an id and kept columns and the standard errors, and CSV
 * through a formula model. Spark reads both outputs.
 */
class DriverScoringTest {
    private static SparkSession spark;

    @TempDir
    static Path dir;
    private static Path numericModel;
    private static Path formulaModel;

    @BeforeAll
    static void models() {
        spark = SparkTestSession.get();
        numericModel = dir.resolve("numeric-model");
        TrainingJob.execute(new TrainingEngine.OnDriver(), org.bernoulli.jobs.TrainingRequest.of(new InputSpec(
                Datasets.path("heart_scale.csv").toString(), InputFormat.CSV, 0, "label", List.of(), null, 0), numericModel.toString(), false, new TrainerSettings(0, new StopRule(100, 1e-9, 1e-7)), 0));
        formulaModel = dir.resolve("formula-model");
        TrainingJob.execute(new TrainingEngine.OnDriver(), org.bernoulli.jobs.TrainingRequest.of(new InputSpec(
                Datasets.path("formula/infert.csv").toString(), InputFormat.CSV, 0, "label", List.of(), null, 0, null,
                null, new FormulaOptions("case ~ education + age + parity + induced + spontaneous", "fail", List.of(),
                        null, FormulaOptions.DEFAULT_MAX_LEVELS)), formulaModel.toString(), false, new TrainerSettings(0, new StopRule(100, 1e-9, 1e-7)), 0));
    }

    private static ScoringRequest request(Path model, ScoreSource source, Path out, BadRecordPolicy policy,
                                              boolean withSe) {
        return new ScoringRequest(model.toString(), source, out.toString(), ScoringRequest.OutputFormat.PARQUET, 0.5,
                policy, false, withSe);
    }

    /** Scores with both engines and asserts equal outputs; returns the driver's accounting. */
    private static RowAccounting assertEnginesAgree(String name, Path model, ScoreSource source,
                                                            BadRecordPolicy policy, boolean withSe) throws IOException {
        Path local = dir.resolve(name + "-local");
        Path onSpark = dir.resolve(name + "-spark");
        BadRecordPolicy localPolicy = policy;
        BadRecordPolicy sparkPolicy = policy;
        if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
            localPolicy = BadRecordPolicy.parse("quarantine:" + dir.resolve(name + "-q-local"));
            sparkPolicy = BadRecordPolicy.parse("quarantine:" + dir.resolve(name + "-q-spark"));
        }
        RowAccounting a = ScoringJob.runOnDriver(request(model, source, local, localPolicy, withSe));
        RowAccounting b = ScoringJob.run(spark, request(model, source, onSpark, sparkPolicy, withSe));
        assertEquals(b, a, name);
        assertSameRows(name, spark.read().parquet(onSpark.toString()), spark.read().parquet(local.toString()));
        // The same accounting; only the quarantine directories differ, by the test's choice, and the seconds.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var sparkAccounting = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                onSpark.resolve(RowAccounting.FILE).toFile());
        var localAccounting = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Files.readString(
                local.resolve(RowAccounting.FILE)).replace(name + "-q-local", name + "-q-spark"));
        for (var accounting : List.of(sparkAccounting, localAccounting)) {
            assertEquals(List.of("start-up", "checking paths", ScoringChecks.SCORING_PHASE),
                    fieldNames(accounting.get("phaseSeconds")).subList(0, 3), name);
            accounting.remove("phaseSeconds");
        }
        assertEquals(sparkAccounting, localAccounting, name);
        assertTrue(Files.exists(local.resolve("_SUCCESS")), name);
        if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
            assertSameRows(name + " quarantine", spark.read().json(sparkPolicy.quarantinePath()),
                    spark.read().json(localPolicy.quarantinePath()));
        }
        return a;
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertSameRows(String name, Dataset<Row> expected, Dataset<Row> actual) {
        assertEquals(expected.schema(), actual.schema(), name);
        String order = expected.columns()[1].equals("source_line") ? "source_line" : expected.columns()[0];
        List<Row> e = expected.orderBy(order).collectAsList();
        List<Row> a = actual.orderBy(order).collectAsList();
        assertFalse(e.isEmpty(), name);
        assertEquals(e.size(), a.size(), name + ": rows");
        for (int i = 0; i < e.size(); i++) {
            assertEquals(e.get(i), a.get(i), name + ": row " + i);
        }
    }

    @Test
    void libsvmCsvWithIdKeptColumnsAndStandardErrorsAndFormulaCsvAgree() throws IOException {
        assertEquals(270, assertEnginesAgree("libsvm", numericModel, new ScoreSource(
                Datasets.path("heart_scale.libsvm").toString(), InputFormat.LIBSVM, "label", null, List.of(), null),
                BadRecordPolicy.FAIL, false).rowsScored());
        // heart_scale with an id and a kept column.
        List<String> lines = Files.readAllLines(Datasets.path("heart_scale.csv"));
        List<String> out = new ArrayList<>(List.of("id," + lines.get(0) + ",note"));
        for (int i = 1; i < lines.size(); i++) {
            out.add("row" + i + "," + lines.get(i) + ",n" + (i % 4));
        }
        Path csv = dir.resolve("ids.csv");
        Files.write(csv, out);
        assertEnginesAgree("csv-id-se", numericModel, new ScoreSource(csv.toString(), InputFormat.CSV, "label", "id",
                List.of("note"), null), BadRecordPolicy.FAIL, true);
        assertEnginesAgree("formula", formulaModel, new ScoreSource(Datasets.path("formula/infert.csv").toString(),
                InputFormat.CSV, "case", null, List.of(), null), BadRecordPolicy.FAIL, false);
    }

    @Test
    void badLinesFailSkipAndQuarantineAlike() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Datasets.path("heart_scale.libsvm")));
        lines.set(4, "1 3:abc");
        lines.set(9, "0 0:1");
        lines.add(12, "");
        Path bad = dir.resolve("bad.libsvm");
        Files.write(bad, lines);
        ScoreSource source = new ScoreSource(bad.toString(), InputFormat.LIBSVM, "label", null, List.of(), null);
        BadInputException local = assertThrows(BadInputException.class, () -> ScoringJob.runOnDriver(
                request(numericModel, source, dir.resolve("fail-local"), BadRecordPolicy.FAIL, false)));
        RuntimeException onSpark = assertThrows(RuntimeException.class, () -> ScoringJob.run(spark,
                request(numericModel, source, dir.resolve("fail-spark"), BadRecordPolicy.FAIL, false)));
        assertEquals(onSpark.getMessage(), local.getMessage());
        assertTrue(local.getMessage().contains("bad.libsvm line 5: "), local.getMessage());
        assertFalse(Files.exists(dir.resolve("fail-local")), "nothing written on failure");
        RowAccounting skipped = assertEnginesAgree("skip", numericModel, source,
                BadRecordPolicy.parse("skip"), false);
        assertEquals(new RowAccounting(270, 268, 2), skipped);
        assertEnginesAgree("quarantine", numericModel, source, BadRecordPolicy.parse("quarantine:unused"), false);
    }

    private static void assertSameMetrics(String name, org.bernoulli.stats.BinaryClassificationMetrics expected,
                                          org.bernoulli.stats.BinaryClassificationMetrics actual) {
        java.util.Map<String, Object> e = expected.toMap();
        java.util.Map<String, Object> a = actual.toMap();
        assertEquals(e.keySet(), a.keySet(), name);
        for (String key : e.keySet()) {
            if (e.get(key) instanceof Double d) {
                assertEquals(d, (Double) a.get(key), 1e-12 * Math.max(1, Math.abs(d)), name + ": " + key);
            } else {
                assertEquals(e.get(key), a.get(key), name + ": " + key);
            }
        }
    }

    /**
     * evaluate and report --data on the driver give Spark's metrics (to 1e-12: the same rows, sums
     * compensated on the driver) and label counts by margin bin, and count skipped rows alike.
     */
    @Test
    void evaluateAndReportDataAgree() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Datasets.path("heart_scale.libsvm")));
        lines.set(7, "1 4:x");
        Path bad = dir.resolve("bad-eval.libsvm");
        Files.write(bad, lines);
        for (Path input : List.of(Datasets.path("heart_scale.libsvm"), bad)) {
            ScoreSource source = new ScoreSource(input.toString(), InputFormat.LIBSVM, "label", null, List.of(), null);
            EvaluationJob.Request request = new EvaluationJob.Request(numericModel.toString(), source, 0.5,
                    BadRecordPolicy.parse("skip"), null, false);
            var local = EvaluationJob.runOnDriver(request);
            assertSameMetrics(input.toString(), EvaluationJob.run(spark, request), local);
            assertEquals(input.equals(bad) ? 1 : 0, local.rowsRejected());
            ReportJob.Request report = new ReportJob.Request(numericModel.toString(), source,
                    BadRecordPolicy.parse("skip"), dir.resolve("report-" + input.getFileName() + ".html").toString());
            var localReport = ReportJob.runOnDriver(report).evaluation();
            var sparkReport = ReportJob.run(spark, report).evaluation();
            assertSameMetrics("report " + input, sparkReport.metrics(), localReport.metrics());
            var e = sparkReport.histogram();
            var a = localReport.histogram();
            assertArrayEquals(e.positives(), a.positives(), "report " + input);
            assertArrayEquals(e.negatives(), a.negatives(), "report " + input);
            assertArrayEquals(e.calibrationRows(), a.calibrationRows(), "report " + input);
            assertArrayEquals(e.calibrationPositives(), a.calibrationPositives(), "report " + input);
            assertArrayEquals(e.calibrationProbabilitySums(), a.calibrationProbabilitySums(), 1e-12, "report " + input);
        }
        ScoreSource failing = new ScoreSource(bad.toString(), InputFormat.LIBSVM, "label", null, List.of(), null);
        EvaluationJob.Request fail = new EvaluationJob.Request(numericModel.toString(), failing, 0.5,
                BadRecordPolicy.FAIL, null, false);
        assertEquals(assertThrows(RuntimeException.class, () -> EvaluationJob.run(spark, fail)).getMessage(),
                assertThrows(BadInputException.class, () -> EvaluationJob.runOnDriver(fail)).getMessage());
    }

    /**
     * A full disk under the driver's own Parquet writer (and its quarantine): one exception naming the
     * output and the cause, nothing left at the output; the CLI prints it as one line (WriteFailureTest).
     */
    @Test
    void aFullDiskUnderTheDriversWriterNamesTheOutput(@TempDir Path out) {
        ScoreSource source = new ScoreSource(Datasets.path("heart_scale.csv").toString(), InputFormat.CSV, "label",
                null, List.of(), null);
        Path scores = out.resolve("scores");
        org.bernoulli.data.WriteFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.bernoulli.data.WriteFailedException.class, () -> ScoringRun.run(new DriverScoring(
                        org.bernoulli.testing.FullDiskFileSystem.localConfiguration()),
                        request(numericModel, source, scores, BadRecordPolicy.parse("fail"), false)));
        assertEquals("cannot write " + scores + ": no space left on the device (No space left on device)",
                e.getMessage());
        assertFalse(Files.exists(scores));
    }
}
