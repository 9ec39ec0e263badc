package org.bernoulli.bench;

import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.InputFormat;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.jobs.BadRecordPolicy;
import org.bernoulli.jobs.ScoreSource;
import org.bernoulli.jobs.ScoringJob;
import org.bernoulli.files.ModelDirectory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

/**
 * Scoring throughput, Bernoulli {@code score} against MLlib {@code LogisticRegressionModel.transform},
 * in one JVM and one run: the same generated Parquet input (id, label and d numeric feature
 * columns), the same coefficients, the same output (id, label, margin, probability, prediction as
 * Parquet). Repetitions alternate between the two; medians are reported.
 *
 * <p>Arguments: rows (default 10,000,000), features (20), repetitions (3), work directory, and the
 * --bad-records policy of the Bernoulli run (fail).
 */
public final class ScoringBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Path.of(args.length > 3 ? args[3] : "target/bench-score");
        BadRecordPolicy policy = BadRecordPolicy.parse(args.length > 4 ? args[4] : "fail");
        SparkSession spark = SparkSession.builder().appName("bernoulli-scoring-benchmark").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        try {
            run(spark, rows, d, reps, work, policy);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, long rows, int d, int reps, Path work, BadRecordPolicy policy)
            throws Exception {
        Files.createDirectories(work);
        Path input = work.resolve("input-" + rows + "x" + d + ".parquet");
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        Random random = new Random(1);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = random.nextGaussian() * 0.3;
        }
        double b = -0.4;
        if (!Files.exists(input.resolve("_SUCCESS"))) {
            long t = System.nanoTime();
            List<Column> cols = new ArrayList<>(List.of(col("id"),
                    when(rand(7).lt(0.4), lit(1.0)).otherwise(lit(0.0)).as("label")));
            for (int j = 0; j < d; j++) {
                cols.add(randn(100 + j).as(names.get(j)));
            }
            spark.range(0, rows, 1, 16).select(cols.toArray(new Column[0])).write().parquet(input.toString());
            System.out.printf("generated %,d rows x %d features in %.1f s%n", rows, d, (System.nanoTime() - t) / 1e9);
        }
        Path modelDir = work.resolve("model");
        deleteRecursively(modelDir);
        TrainingProvenance provenance = TrainingProvenance.of(new TrainingProvenance.Input("benchmark", "parquet", rows,
                rows, 0), new TrainingProvenance.Solver("none", 0, 0, 0), new TrainingProvenance.Course(0, 0,
                "MAX_ITERATIONS", false, 0, 0, 0, 0, new double[] {0}), TrainingProvenance.Run.now(0, spark.version(), 0));
        ModelDirectory.write(org.bernoulli.files.LocalFileStore.INSTANCE, modelDir.toString(),
                new LogisticModel(1, b, w, d, names, Regularization.l2(0), provenance), false);
        LogisticRegressionModel mllib = new LogisticRegressionModel("mllib-bench", Vectors.dense(w), b);
        VectorAssembler assembler = new VectorAssembler().setInputCols(names.toArray(new String[0]))
                .setOutputCol("features");

        double[] bernoulli = new double[reps];
        double[] mllibSeconds = new double[reps];
        for (int r = 0; r < reps; r++) {
            // Alternate which goes first, so that neither always pays for a cold JVM or page cache.
            if (r % 2 == 1) {
                mllibSeconds[r] = runMllib(spark, mllib, assembler, input, work.resolve("out-mllib"));
            }
            Path out = work.resolve("out-bernoulli");
            deleteRecursively(out);
            long t = System.nanoTime();
            org.bernoulli.jobs.RowAccounting a = ScoringJob.run(spark, new org.bernoulli.jobs.ScoringRequest(modelDir.toString(),
                    new ScoreSource(input.toString(), InputFormat.PARQUET, "label", "id", List.of(), null),
                    out.toString(), org.bernoulli.jobs.ScoringRequest.OutputFormat.PARQUET, 0.5, policy, false));
            bernoulli[r] = (System.nanoTime() - t) / 1e9;
            if (a.rowsScored() != rows) {
                throw new IllegalStateException("scored " + a.rowsScored() + " of " + rows);
            }

            if (r % 2 == 0) {
                mllibSeconds[r] = runMllib(spark, mllib, assembler, input, work.resolve("out-mllib"));
            }
            System.out.printf("repetition %d: Bernoulli %.2f s, MLlib %.2f s%n", r + 1, bernoulli[r], mllibSeconds[r]);
        }
        double mb = median(bernoulli);
        double mm = median(mllibSeconds);
        System.out.printf("RESULT rows=%d features=%d reps=%d bernoulli_s=%.2f mllib_s=%.2f "
                        + "bernoulli_rows_per_s=%.0f mllib_rows_per_s=%.0f throughput_ratio=%.2f%n",
                rows, d, reps, mb, mm, rows / mb, rows / mm, mm / mb);
        System.out.println("bernoulli runs " + Arrays.toString(bernoulli) + ", mllib runs " + Arrays.toString(mllibSeconds));
    }

    /** MLlib's way: assemble the feature vector, transform, keep the positive-class columns; seconds. */
    private static double runMllib(SparkSession spark, LogisticRegressionModel mllib, VectorAssembler assembler,
                                   Path input, Path out) throws Exception {
        deleteRecursively(out);
        long t = System.nanoTime();
        Dataset<Row> scored = mllib.transform(assembler.transform(spark.read().parquet(input.toString())));
        scored.select(col("id"), col("label"), vector_to_array(col("rawPrediction"), "float64").getItem(1).as("margin"),
                        vector_to_array(col("probability"), "float64").getItem(1).as("probability"), col("prediction"))
                .write().parquet(out.toString());
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void deleteRecursively(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
