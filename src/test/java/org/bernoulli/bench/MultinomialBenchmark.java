package org.bernoulli.bench;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.RFormula;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 * The multinomial benchmark's processes besides {@code bernoulli train --formula}:
 * <ul>
 *   <li>{@code generate factors ROWS PATH}: a Parquet table with text factors {@code region} (30
 *       levels), {@code product} (12) and {@code channel} (3), numbers {@code x1 … x3}, and a response
 *       {@code y} of 4 classes drawn from a softmax model of those terms;</li>
 *   <li>{@code generate wide ROWS PATH}: a Parquet table of 20 numbers {@code x1 … x20} and a response
 *       {@code y} of 5 classes drawn from a softmax model of them;</li>
 *   <li>{@code mllib PATH FORMULA}: what a Spark user writes today — read the same file, Spark's
 *       {@code RFormula}, the result cached, {@code LogisticRegression(family = "multinomial")}
 *       (standardization false, regParam 0, tight tolerance) — printing a RESULT line with its fit
 *       seconds, iterations and final objective (the mean cross-entropy).</li>
 * </ul>
 */
public final class MultinomialBenchmark {

    private MultinomialBenchmark() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("bernoulli-multinomial-bench").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            if (args[0].equals("generate")) {
                generate(spark, args[1], Long.parseLong(args[2]), args[3]);
            } else {
                mllib(spark, args[1], args[2]);
            }
        } finally {
            spark.stop();
        }
    }

    private static void generate(SparkSession spark, String kind, long rows, String path) {
        Dataset<Row> d = spark.range(rows).toDF();
        String[] eta;
        if (kind.equals("factors")) {
            d = d.withColumn("region", concat(lit("r"), expr("cast(pmod(hash(id, 1), 30) as string)")))
                    .withColumn("product", concat(lit("p"), expr("cast(pmod(hash(id, 2), 12) as string)")))
                    .withColumn("channel", when(rand(3).lt(0.3), lit("phone")).when(rand(4).lt(0.5), lit("store"))
                            .otherwise(lit("web")));
            for (int j = 1; j <= 3; j++) {
                d = d.withColumn("x" + j, randn(10 + j));
            }
            eta = new String[4];
            for (int k = 1; k < 4; k++) {
                eta[k] = "(" + (0.2 * k) + " + " + (0.3 / k) + " * (pmod(hash(id, 1), 30) / 30.0 - 0.5)"
                        + " + " + (-0.2 * k) + " * (pmod(hash(id, 2), 12) / 12.0 - 0.5)"
                        + " + case when channel = 'web' then " + (0.1 * k) + " else 0 end"
                        + " + " + (0.3 - 0.2 * k) + " * x1 + " + (0.1 * k) + " * x2 - 0.2 * x3)";
            }
        } else {
            for (int j = 1; j <= 20; j++) {
                d = d.withColumn("x" + j, randn(10 + j));
            }
            eta = new String[5];
            for (int k = 1; k < 5; k++) {
                StringBuilder e = new StringBuilder("(" + (0.1 * k));
                for (int j = 1; j <= 20; j++) {
                    e.append(" + ").append(String.format(java.util.Locale.ROOT, "%.3f", 0.3 * Math.sin(k * j))).append(" * x")
                            .append(j);
                }
                eta[k] = e.append(")").toString();
            }
        }
        // Draw the class from the softmax: the first k whose cumulative probability passes a uniform draw.
        Column total = lit(1.0);
        Column[] e = new Column[eta.length];
        for (int k = 1; k < eta.length; k++) {
            e[k] = exp(expr(eta[k]));
            total = total.plus(e[k]);
        }
        Column u = rand(99).multiply(total);
        Column cumulative = lit(1.0);
        Column y = when(u.lt(cumulative), lit("c0"));
        for (int k = 1; k < eta.length; k++) {
            cumulative = cumulative.plus(e[k]);
            y = y.when(u.lt(cumulative), lit("c" + k));
        }
        d = d.withColumn("y", y.otherwise(lit("c" + (eta.length - 1)))).drop("id");
        d.write().mode("overwrite").parquet(path);
    }

    private static void mllib(SparkSession spark, String path, String formula) {
        long start = System.nanoTime();
        Dataset<Row> data = spark.read().parquet(path);
        // alphabetDesc drops the first level in sorted order, as R (and Bernoulli) do.
        Dataset<Row> coded = new RFormula().setFormula(formula).setStringIndexerOrderType("alphabetDesc").fit(data)
                .transform(data).select("features", "label").persist(StorageLevel.MEMORY_AND_DISK());
        long rows = coded.count();
        long fitStart = System.nanoTime();
        LogisticRegressionModel m = new LogisticRegression().setFamily("multinomial").setStandardization(false)
                .setRegParam(0).setMaxIter(1000).setTol(1e-10).fit(coded);
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
        double[] history = m.summary().objectiveHistory();
        System.out.printf(java.util.Locale.ROOT, "RESULT mllib rows=%d classes=%d features=%d iterations=%d "
                        + "objective=%.12f fit_seconds=%.3f seconds_in_process=%.3f%n", rows, m.numClasses(),
                m.numFeatures(), m.summary().totalIterations(), history[history.length - 1], fitSeconds,
                (System.nanoTime() - start) / 1e9);
    }
}
