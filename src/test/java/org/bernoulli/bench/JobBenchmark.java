package org.bernoulli.bench;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The whole-job benchmark's processes besides {@code bernoulli train} ({@code scripts/bench-job}):
 * <ul>
 *   <li>{@code generate ROWS FEATURES PATH}: a LIBSVM file of ROWS dense rows of FEATURES standard
 *       normal features and a 0/1 label drawn from a logistic model (seeded, so every run reads the
 *       same file);</li>
 *   <li>{@code mllib-train PATH OUT}: the MLlib job a Spark user writes for the same task — start
 *       Spark (embedded, {@code local[*]} as Bernoulli's default), read the file (Spark's
 *       {@code libsvm} source, or CSV with a header, its {@code label} column and the rest assembled
 *       by {@code VectorAssembler}), fit {@code LogisticRegression} with its defaults (no penalty),
 *       write the model — printing a RESULT line with the final mean BCE of its fit;</li>
 *   <li>{@code to-csv LIBSVM CSV}: the same rows as CSV with a header ({@code label,x1,…,xd});</li>
 *   <li>{@code mllib-score MODEL PATH OUT}: the MLlib scoring job — start Spark, load the MLlib model
 *       {@code mllib-train} wrote, read the file (the {@code libsvm} source; for CSV, Spark's CSV
 *       reader with the schema given, every column a double, and a {@code VectorAssembler}),
 *       {@code transform}, and write label, margin ({@code rawPrediction[1]}), probability
 *       ({@code probability[1]}) and prediction as Parquet — printing a RESULT line when written.</li>
 * </ul>
 */
public final class JobBenchmark {

    private JobBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("generate")) {
            generate(Long.parseLong(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        if (args[0].equals("to-csv")) {
            toCsv(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        SparkSession spark = SparkSession.builder().appName("mllib-train").master("local[*]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            if (args[0].equals("mllib-score")) {
                mllibScore(spark, args[1], args[2], args[3]);
            } else {
                mllibTrain(spark, args[1], args[2]);
            }
        } finally {
            spark.stop();
        }
    }

    private static void generate(long rows, int d, Path path) throws IOException {
        Random random = new Random(20261202L);
        double[] beta = new double[d];
        for (int j = 0; j < d; j++) {
            beta[j] = (j % 2 == 0 ? 1 : -1) * 0.5 / (1 + j % 4);
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.US_ASCII)) {
            double[] x = new double[d];
            StringBuilder line = new StringBuilder();
            for (long i = 0; i < rows; i++) {
                double eta = -0.3;
                for (int j = 0; j < d; j++) {
                    x[j] = random.nextGaussian();
                    eta += beta[j] * x[j];
                }
                line.setLength(0);
                line.append(random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? '1' : '0');
                for (int j = 0; j < d; j++) {
                    line.append(' ').append(j + 1).append(':').append(String.format(Locale.ROOT, "%.6f", x[j]));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    /** A dense LIBSVM file as CSV: label, then every feature (0 where the line has none). */
    private static void toCsv(Path libsvm, Path csv) throws IOException {
        int d = 0;
        try (java.util.stream.Stream<String> lines = Files.lines(libsvm)) {
            d = lines.limit(1000).mapToInt(l -> l.trim().split("\\s+").length - 1).max().orElse(0);
        }
        try (java.util.stream.Stream<String> lines = Files.lines(libsvm);
             BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            StringBuilder header = new StringBuilder("label");
            for (int j = 1; j <= d; j++) {
                header.append(",x").append(j);
            }
            out.write(header.append('\n').toString());
            int width = d;
            for (String line : (Iterable<String>) lines::iterator) {
                String[] tokens = line.trim().split("\\s+");
                String[] cells = new String[width + 1];
                Arrays.fill(cells, "0");
                cells[0] = tokens[0];
                for (int t = 1; t < tokens.length; t++) {
                    int colon = tokens[t].indexOf(':');
                    cells[Integer.parseInt(tokens[t].substring(0, colon))] = tokens[t].substring(colon + 1);
                }
                out.write(String.join(",", cells));
                out.write('\n');
            }
        }
    }

    private static void mllibScore(SparkSession spark, String modelDir, String path, String out) {
        LogisticRegressionModel model = LogisticRegressionModel.load(modelDir);
        Dataset<Row> data;
        if (path.endsWith(".csv")) {
            org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                    .add("label", "double");
            String[] features = new String[model.numFeatures()];
            for (int j = 0; j < features.length; j++) {
                features[j] = "x" + (j + 1);
                schema = schema.add(features[j], "double");
            }
            data = new VectorAssembler().setInputCols(features).setOutputCol("features")
                    .transform(spark.read().option("header", "true").schema(schema).csv(path));
        } else {
            data = spark.read().format("libsvm").option("numFeatures", model.numFeatures()).load(path);
        }
        Dataset<Row> scored = model.transform(data).select(org.apache.spark.sql.functions.col("label"),
                org.apache.spark.ml.functions.vector_to_array(org.apache.spark.sql.functions.col("rawPrediction"), "float64")
                        .getItem(1).as("margin"),
                org.apache.spark.ml.functions.vector_to_array(org.apache.spark.sql.functions.col("probability"), "float64")
                        .getItem(1).as("probability"),
                org.apache.spark.sql.functions.col("prediction"));
        scored.write().mode("overwrite").parquet(out);
        System.out.println("RESULT mllib-score written to " + out);
    }

    private static void mllibTrain(SparkSession spark, String path, String out) throws IOException {
        Dataset<Row> data;
        if (path.endsWith(".csv")) {
            Dataset<Row> table = spark.read().option("header", "true").option("inferSchema", "true").csv(path);
            String[] features = Arrays.stream(table.columns()).filter(c -> !c.equals("label")).toArray(String[]::new);
            data = new VectorAssembler().setInputCols(features).setOutputCol("features").transform(table);
        } else {
            data = spark.read().format("libsvm").load(path);
        }
        LogisticRegressionModel model = new LogisticRegression().fit(data);
        model.write().overwrite().save(out);
        double[] history = model.summary().objectiveHistory();
        System.out.printf(Locale.ROOT, "RESULT mllib-train iterations=%d meanBCE=%.12g%n", model.summary().totalIterations(),
                history[history.length - 1]);
    }
}
