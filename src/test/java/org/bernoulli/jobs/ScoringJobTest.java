package org.bernoulli.jobs;

import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputFormat;
import org.bernoulli.math.Logistic;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelFormatException;
import org.bernoulli.testing.Models;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringJobTest {
    private static SparkSession spark;
    /** Rows whose margins under the test model are 0.75, ±50 and ±800 and a few ordinary values. */
    private static final double[][] X = {
        {1, 0, 0.5}, {20, 0, 0}, {-20, 0, 0}, {0, 400, 0}, {0, -400, 0}, {0.3, -0.7, 2.5}, {-1.5, 2, -3}, {0, 0, 0}};
    private static final double[] Y = {1, 0, 1, 1, 0, 0, 1, 0};
    private static final List<String> NAMES = List.of("a", "b", "c");

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static LogisticModel model(Path dir) {
        return Models.write(dir.resolve("model"), 0.0, new double[] {2.5, 2.0, 1.5}, NAMES);
    }

    private static Path csv(Path dir, String name, String header, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, header + "\n" + String.join("\n", lines) + "\n");
        return p;
    }

    private static List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            lines.add("r" + i + "," + (int) Y[i] + "," + X[i][0] + "," + X[i][1] + "," + X[i][2] + ",k" + i);
        }
        return lines;
    }

    private static RowAccounting score(Path model, ScoreSource source, Path out, BadRecordPolicy policy) {
        return ScoringJob.run(spark, new ScoringRequest(model.toString(), source, out.toString(),
                ScoringRequest.OutputFormat.PARQUET, 0.5, policy, false));
    }

    /** Margins and probabilities against an in-memory σ(b + w·x), to 1e-15 relative, for every format. */
    @Test
    void scoresEqualInMemoryComputationForEveryFormat(@TempDir Path dir) throws IOException {
        LogisticModel model = model(dir);
        Map<String, ScoreSource> sources = everyFormat(dir);
        for (Map.Entry<String, ScoreSource> e : sources.entrySet()) {
            Path out = dir.resolve("out-" + e.getKey().replace(' ', '-'));
            RowAccounting a = score(dir.resolve("model"), e.getValue(), out, BadRecordPolicy.FAIL);
            assertEquals(new RowAccounting(X.length, X.length, 0), a, e.getKey());
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            assertEquals(X.length, rows.size(), e.getKey() + ": one output row per input row");
            for (Row r : rows) {
                int i = e.getKey().equals("libsvm") ? (int) (r.<Long>getAs("source_line") - 1)
                        : Integer.parseInt(r.<String>getAs("id").substring(1));
                double z = model.margin(X[i]);
                double p = Logistic.sigmoid(z);
                assertEquals(z, r.<Double>getAs("margin"), 1e-15 * Math.abs(z), e.getKey() + " margin " + i);
                assertEquals(p, r.<Double>getAs("probability"), 1e-15 * p, e.getKey() + " probability " + i);
                assertEquals(z >= 0 ? 1.0 : 0.0, r.<Double>getAs("prediction"));
                assertEquals(Y[i], r.<Double>getAs("label"));
            }
            Map<Double, Double> byMargin = rows.stream().collect(Collectors.toMap(r -> r.<Double>getAs("margin"),
                    r -> r.<Double>getAs("probability")));
            // σ(−50) ≈ 1.9e-22 is representable and must not round to 0; σ(−800) is below the smallest double.
            assertEquals(Math.exp(-50) / (1 + Math.exp(-50)), byMargin.get(-50.0), 1e-15 * 1.9e-22, e.getKey());
            assertTrue(byMargin.get(-50.0) > 0);
            assertEquals(1.0, byMargin.get(800.0));
            if (e.getKey().equals("csv")) {
                assertEquals("k3", rows.stream().filter(r -> r.<String>getAs("id").equals("r3")).findFirst()
                        .orElseThrow().<String>getAs("note"), "kept column");
            }
        }
    }

    /**
     * {@code WITH_SE}: the margin's standard error equals √(x̃ᵀ C x̃) computed in memory (1e-12
     * relative: the same sum, in another order for sparse text rows), the interval is σ(z ∓ 1.96·se),
     * for every input format; a model without covariance.json is refused with a clear message.
     */
    @Test
    void standardErrorsEqualTheInMemoryQuadraticForm(@TempDir Path dir) throws IOException {
        LogisticModel model = Models.model(0.0, new double[] {2.5, 2.0, 1.5}, NAMES);
        // A symmetric positive definite covariance, intercept first, with off-diagonal terms.
        double[][] c = {{0.9, 0.1, -0.2, 0.05}, {0.1, 0.5, 0.12, -0.03}, {-0.2, 0.12, 0.7, 0.2}, {0.05, -0.03, 0.2, 0.4}};
        org.bernoulli.inference.ParameterCovariance covariance = new org.bernoulli.inference.ParameterCovariance(
                List.of("(Intercept)", "a", "b", "c"), c);
        Path modelDir = dir.resolve("model");
        org.bernoulli.files.ModelDirectory.write(org.bernoulli.files.LocalFileStore.INSTANCE, modelDir.toString(), model,
                Map.of("covariance.json", org.bernoulli.inference.SummaryJson.write(covariance)), false);
        Map<String, ScoreSource> sources = everyFormat(dir);
        for (Map.Entry<String, ScoreSource> e : sources.entrySet()) {
            Path out = dir.resolve("se-" + e.getKey().replace(' ', '-'));
            ScoringJob.run(spark, new ScoringRequest(modelDir.toString(), e.getValue(), out.toString(),
                    ScoringRequest.OutputFormat.PARQUET, 0.5, BadRecordPolicy.FAIL, false, true));
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            assertEquals(X.length, rows.size());
            for (Row r : rows) {
                int i = e.getKey().equals("libsvm") ? (int) (r.<Long>getAs("source_line") - 1)
                        : Integer.parseInt(r.<String>getAs("id").substring(1));
                double se = covariance.marginStandardError(X[i]);
                double z = model.margin(X[i]);
                double half = org.bernoulli.inference.WaldInference.Z_975 * se;
                assertEquals(se, r.<Double>getAs("margin_se"), 1e-12 * se, e.getKey() + " se " + i);
                assertEquals(Logistic.sigmoid(z - half), r.<Double>getAs("probability_low"),
                        1e-12 * Logistic.sigmoid(z - half) + 1e-300, e.getKey() + " low " + i);
                assertEquals(Logistic.sigmoid(z + half), r.<Double>getAs("probability_high"),
                        1e-12 * Logistic.sigmoid(z + half), e.getKey() + " high " + i);
            }
        }
        Path bare = dir.resolve("bare");
        Models.write(bare, 0.0, new double[] {2.5, 2.0, 1.5}, NAMES);
        var refused = assertThrows(org.bernoulli.data.BadInputException.class, () -> ScoringJob.run(spark,
                new ScoringRequest(bare.toString(), sources.get("csv"), dir.resolve("none").toString(),
                        ScoringRequest.OutputFormat.PARQUET, 0.5, BadRecordPolicy.FAIL, false, true)));
        assertTrue(refused.getMessage().contains("covariance.json") && refused.getMessage().contains("{STATS=on}"),
                refused.getMessage());
        assertFalse(Files.exists(dir.resolve("none")));
    }

    /** The rows X, Y written in every input format (CSV with an id and a kept column, LIBSVM, three Parquet layouts). */
    private static Map<String, ScoreSource> everyFormat(Path dir) throws IOException {
        Path csv = csv(dir, "in.csv", "id,label,a,b,c,note", csvLines());
        StringBuilder libsvm = new StringBuilder();
        for (int i = 0; i < X.length; i++) {
            libsvm.append((int) Y[i]);
            for (int j = 0; j < 3; j++) {
                if (X[i][j] != 0) {
                    libsvm.append(' ').append(j + 1).append(':').append(X[i][j]);
                }
            }
            libsvm.append('\n');
        }
        Files.writeString(dir.resolve("in.libsvm"), libsvm);
        Path columns = dir.resolve("columns.parquet");
        Path vectors = dir.resolve("vectors.parquet");
        Path arrays = dir.resolve("arrays.parquet");
        parquetInputs(columns, vectors, arrays);
        return Map.of(
                "csv", new ScoreSource(csv.toString(), InputFormat.CSV, "label", "id", List.of("note"), null),
                "libsvm", new ScoreSource(dir.resolve("in.libsvm").toString(), InputFormat.LIBSVM, "label", null, List.of(), null),
                "parquet columns", new ScoreSource(columns.toString(), InputFormat.PARQUET, "label", "id", List.of(), null),
                "parquet vector", new ScoreSource(vectors.toString(), InputFormat.PARQUET, "label", "id", List.of(), null),
                "parquet array", new ScoreSource(arrays.toString(), InputFormat.PARQUET, "label", "id", List.of(), "xs"));
    }

    private static void parquetInputs(Path columns, Path vectors, Path arrays) {
        List<Row> named = new ArrayList<>();
        List<Row> vec = new ArrayList<>();
        List<Row> arr = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            named.add(RowFactory.create("r" + i, Y[i], X[i][0], X[i][1], X[i][2]));
            vec.add(RowFactory.create("r" + i, Y[i], Vectors.dense(X[i])));
            arr.add(RowFactory.create("r" + i, Y[i], List.of(X[i][0], X[i][1], X[i][2])));
        }
        StructType base = new StructType().add("id", DataTypes.StringType).add("label", DataTypes.DoubleType);
        spark.createDataFrame(named, base.add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType)).write().parquet(columns.toString());
        spark.createDataFrame(vec, base.add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()))
                .write().parquet(vectors.toString());
        Dataset<Row> a = spark.createDataFrame(arr.stream().map(r -> RowFactory.create(r.get(0), r.get(1),
                ((List<?>) r.get(2)).toArray())).toList(), // a Java array: the form every Scala line converts
                base.add("xs", DataTypes.createArrayType(DataTypes.DoubleType)));
        a.write().parquet(arrays.toString());
    }

    @Test
    void skipAndQuarantineAccountForEveryRow(@TempDir Path dir) throws IOException {
        model(dir);
        List<String> lines = new ArrayList<>(csvLines());
        lines.set(2, "r2,1,abc,0,0,k2");
        lines.set(5, "r5,7,1,1,1,k5");
        lines.add("r8,1,1,2,k8");
        Path in = csv(dir, "bad.csv", "id,label,a,b,c,note", lines);
        ScoreSource source = new ScoreSource(in.toString(), InputFormat.CSV, "label", "id", List.of("note"), null);

        RowAccounting skipped = score(dir.resolve("model"), source, dir.resolve("skip"),
                BadRecordPolicy.parse("skip"));
        assertEquals(new RowAccounting(9, 6, 3), skipped);
        assertEquals(6, spark.read().parquet(dir.resolve("skip").toString()).count());
        String accounting = Files.readString(dir.resolve("skip").resolve(RowAccounting.FILE));
        assertTrue(accounting.contains("\"rowsRead\" : 9") && accounting.contains("\"rowsRejected\" : 3"), accounting);

        Path quarantine = dir.resolve("rejected");
        RowAccounting q = score(dir.resolve("model"), source, dir.resolve("q"),
                BadRecordPolicy.parse("quarantine:" + quarantine));
        assertEquals(q.rowsRead(), q.rowsScored() + q.rowsRejected());
        List<Row> rejected = spark.read().json(quarantine.toString()).orderBy("source_line").collectAsList();
        assertEquals(3, rejected.size());
        assertEquals(List.of(4L, 7L, 10L), rejected.stream().map(r -> r.<Long>getAs("source_line")).toList());
        assertTrue(rejected.get(0).<String>getAs("reason").contains("'abc' is not a number"));
        assertTrue(rejected.get(1).<String>getAs("reason").contains("label 7"));
        assertTrue(rejected.get(2).<String>getAs("reason").contains("expected 6 cells"));
        assertEquals("r8,1,1,2,k8", rejected.get(2).<String>getAs("line"));
        assertTrue(rejected.get(0).<String>getAs("source_file").endsWith("bad.csv"));
    }

    @Test
    void badParquetRowsFailWithFileAndRowOrAreSkipped(@TempDir Path dir) {
        model(dir);
        Path in = dir.resolve("in.parquet");
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
        spark.createDataFrame(List.of(RowFactory.create(1.0, 1.0, 2.0, 3.0), RowFactory.create(0.0, Double.NaN, 0.0, 1.0),
                RowFactory.create(1.0, 1.0, null, 0.0)), schema).coalesce(1).write().parquet(in.toString());
        ScoreSource source = new ScoreSource(in.toString(), InputFormat.PARQUET, "label", null, List.of(), null);
        BadInputException e = assertThrows(BadInputException.class,
                () -> score(dir.resolve("model"), source, dir.resolve("out"), BadRecordPolicy.FAIL));
        assertTrue(e.getMessage().contains("row 1: feature 'a' is NaN") && e.getMessage().contains(".parquet"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
        RowAccounting a = score(dir.resolve("model"), source, dir.resolve("out"), BadRecordPolicy.parse("skip"));
        assertEquals(new RowAccounting(3, 1, 2), a);
    }

    @Test
    void mismatchesAndBadModelsAreClearErrorsAndWriteNothing(@TempDir Path dir) throws IOException {
        model(dir);
        Path model = dir.resolve("model");
        Path out = dir.resolve("out");
        Map<String, Path> inputs = Map.of(
                "lacks 1 of the model's 3 features: [c]", csv(dir, "missing.csv", "label,a,b", List.of("1,1,2")),
                "not features of the model: [d]", csv(dir, "extra.csv", "label,a,b,c,d", List.of("1,1,2,3,4")));
        for (Map.Entry<String, Path> e : inputs.entrySet()) {
            BadInputException error = assertThrows(BadInputException.class, () -> score(model,
                    new ScoreSource(e.getValue().toString(), InputFormat.CSV, "label", null, List.of(), null), out,
                    BadRecordPolicy.FAIL));
            assertTrue(error.getMessage().contains(e.getKey()) && error.getMessage().contains("[a, b, c]"),
                    error.getMessage());
        }
        Files.writeString(dir.resolve("wide.libsvm"), "1 1:1 2:1\n0 3:1 5:2\n");
        BadInputException wide = assertThrows(BadInputException.class, () -> score(model,
                new ScoreSource(dir.resolve("wide.libsvm").toString(), InputFormat.LIBSVM, "label", null, List.of(), null),
                out, BadRecordPolicy.FAIL));
        assertTrue(wide.getMessage().contains("wide.libsvm line 2: feature index 5 exceeds the model's feature count 3"),
                wide.getMessage());

        ScoreSource good = new ScoreSource(csv(dir, "ok.csv", "label,a,b,c", List.of("1,1,2,3")).toString(),
                InputFormat.CSV, "label", null, List.of(), null);
        assertThrows(BadInputException.class, () -> score(dir.resolve("no-model"), good, out, BadRecordPolicy.FAIL));
        Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(dir.resolve("corrupt/model.json"), "{\"formatVersion\": 1, \"intercept\": ");
        ModelFormatException corrupt = assertThrows(ModelFormatException.class,
                () -> score(dir.resolve("corrupt"), good, out, BadRecordPolicy.FAIL));
        assertTrue(corrupt.getMessage().contains("corrupt/model.json is not a valid Bernoulli model"), corrupt.getMessage());
        assertFalse(Files.exists(out), "nothing written by any failed run");

        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "existing");
        BadInputException exists = assertThrows(BadInputException.class, () -> score(model, good, out, BadRecordPolicy.FAIL));
        assertTrue(exists.getMessage().contains("already exists") && exists.getMessage().contains("{OVERWRITE}"));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), s.toList(), "existing output untouched");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".out.")), "no staging left behind");
        }
    }
}
