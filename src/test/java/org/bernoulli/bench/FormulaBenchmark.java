package org.bernoulli.bench;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.RFormula;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

/**
 * The formula benchmark's two processes besides {@code bernoulli train --formula}:
 * <ul>
 *   <li>{@code generate ROWS PATH}: a Parquet table of ROWS rows with two 50-level text factors
 *       ({@code region}, {@code product}), a two-level one ({@code channel}), five numbers
 *       ({@code x1 … x5}) and a 0/1 response drawn from a logistic model with those terms and
 *       {@code channel:x1};</li>
 *   <li>{@code mllib PATH FORMULA}: what a Spark user writes today — read the same file, Spark's
 *       {@code RFormula}, the result cached, {@code LogisticRegression} (standardization false,
 *       regParam 0, tight tolerance) — printing a RESULT line with its fit seconds, iterations, final
 *       mean BCE and the cached data's size.</li>
 * </ul>
 */
public final class FormulaBenchmark {

    private FormulaBenchmark() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("bernoulli-formula-bench").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            if (args[0].equals("generate")) {
                generate(spark, Long.parseLong(args[1]), args[2]);
            } else {
                mllib(spark, args[1], args[2]);
            }
        } finally {
            spark.stop();
        }
    }

    private static void generate(SparkSession spark, long rows, String path) {
        Dataset<Row> d = spark.range(rows)
                .withColumn("region", concat(lit("r"), expr("cast(pmod(hash(id, 1), 50) as string)")))
                .withColumn("product", concat(lit("p"), expr("cast(pmod(hash(id, 2), 50) as string)")))
                .withColumn("channel", when(rand(3).lt(0.4), lit("online")).otherwise(lit("store")));
        for (int j = 1; j <= 5; j++) {
            d = d.withColumn("x" + j, randn(10 + j));
        }
        // η = −0.5 + region and product effects (level/50 − 0.5) + 0.3·online + Σ βⱼxⱼ + 0.2·online·x1
        String eta = "-0.5 + (pmod(hash(id, 1), 50) / 50.0 - 0.5) + 0.5 * (pmod(hash(id, 2), 50) / 50.0 - 0.5)"
                + " + case when channel = 'online' then 0.3 + 0.2 * x1 else 0 end"
                + " + 0.4 * x1 - 0.3 * x2 + 0.2 * x3 - 0.1 * x4 + 0.05 * x5";
        d = d.withColumn("eta", expr(eta))
                .withColumn("y", when(rand(99).lt(lit(1.0).divide(lit(1.0).plus(exp(col("eta").multiply(-1))))),
                        lit(1)).otherwise(lit(0)))
                .drop("eta", "id");
        d.write().mode("overwrite").parquet(path);
    }

    private static void mllib(SparkSession spark, String path, String formula) {
        long start = System.nanoTime();
        Dataset<Row> data = spark.read().parquet(path);
        // alphabetDesc drops the first level in sorted order, as R (and Bernoulli) do.
        Dataset<Row> coded = new RFormula().setFormula(formula).setStringIndexerOrderType("alphabetDesc").fit(data)
                .transform(data).select("features", "label").persist(StorageLevel.MEMORY_AND_DISK());
        long rows = coded.count();
        long cached = 0;
        for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
            cached += info.memSize() + info.diskSize();
        }
        long fitStart = System.nanoTime();
        LogisticRegressionModel m = new LogisticRegression().setStandardization(false).setRegParam(0)
                .setMaxIter(1000).setTol(1e-10).fit(coded);
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
        double[] history = m.summary().objectiveHistory();
        System.out.printf(java.util.Locale.ROOT, "RESULT mllib rows=%d features=%d iterations=%d objective=%.12f "
                        + "fit_seconds=%.3f seconds_in_process=%.3f cached_mib=%.1f%n", rows, m.numFeatures(),
                m.summary().totalIterations(), history[history.length - 1], fitSeconds,
                (System.nanoTime() - start) / 1e9, cached / 1048576.0);
    }
}
