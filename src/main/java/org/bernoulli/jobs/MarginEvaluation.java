package org.bernoulli.jobs;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BadInputException;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.RankCurve;
import org.bernoulli.stats.ScoreHistogram;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * What the training job, {@code evaluate} and {@code report} all compute from margins and labels
 * (columns {@code z} and {@code y}): log loss (mean BCE), Brier score and the confusion matrix in one
 * aggregation; exact areas under the ROC and precision–recall curves from the examples grouped by
 * distinct margin and sorted distributedly (no binning), in two passes over the sorted groups; and
 * the label counts by margin bin that the report's curves and calibration are drawn from. Margins,
 * not probabilities, are ranked: σ rounds large margins to exactly 1, which would create ties that
 * the model did not make.
 */
final class MarginEvaluation {

    private MarginEvaluation() {
    }

    /**
     * The metrics of margins and labels (columns {@code z} and {@code y}).
     *
     * @param rejected the number of input rows left out, asked for after the first action
     */
    public static BinaryClassificationMetrics metrics(SparkSession spark, Dataset<Row> good, LongSupplier rejected,
                                                      double threshold) {
        try {
            spark.sparkContext().setJobDescription("Bernoulli: evaluate (log loss, Brier, confusion matrix)");
            Column z = col("z");
            Column y = col("y");
            Column positive = y.equalTo(1.0);
            Column negative = y.equalTo(0.0);
            double cut = org.bernoulli.math.Logistic.logit(threshold);
            Column predicted = z.geq(cut);
            Column notPredicted = z.lt(cut);
            Column loss = softplus(when(positive, negate(z)).otherwise(z));
            Row totals = good.agg(count(lit(1)), sum(loss), sum(pow(ScoredRows.probability(z).minus(y), 2)),
                    sum(when(positive.and(predicted), 1L).otherwise(0L)),
                    sum(when(negative.and(predicted), 1L).otherwise(0L)),
                    sum(when(negative.and(notPredicted), 1L).otherwise(0L)),
                    sum(when(positive.and(notPredicted), 1L).otherwise(0L))).first();
            long n = totals.getLong(0);
            long left = rejected.getAsLong();
            // Over no rows the sums are null: the count says so first.
            checkTotals(n, n == 0 ? 0.0 : totals.getDouble(1), left);
            double[] areas = areas(spark, good);
            return new BinaryClassificationMetrics(n, left, totals.getDouble(1) / n, totals.getDouble(2) / n,
                    areas[0], areas[1], threshold, totals.getLong(3), totals.getLong(4), totals.getLong(5),
                    totals.getLong(6));
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Refuses an evaluation without rows — saying whether the input had none or every row was rejected
     * — or whose log losses sum past the largest double (every row's loss is finite, as its margin is;
     * only their sum can overflow).
     *
     * @param rejected the input's rows left out as bad rows
     */
    static void checkTotals(long rows, double lossSum, long rejected) {
        if (rows == 0 && rejected > 0) {
            throw new BadInputException("nothing to evaluate: all " + rejected + " rows of the input were rejected as "
                    + "bad rows ({BAD_RECORDS=skip}); {BAD_RECORDS=fail} names the first and why");
        }
        if (rows == 0) {
            throw new BadInputException("no rows to evaluate in the input");
        }
        if (!Double.isFinite(lossSum)) {
            throw new BadInputException("the log losses of the " + rows + " rows sum to more than the largest double, "
                    + "1.8e308: the margins are far out of range (mean BCE would not be finite)");
        }
    }

    /** softplus(u) = max(u, 0) + log1p(e^−|u|), exact for every u. */
    private static Column softplus(Column u) {
        return greatest(u, lit(0.0)).plus(log1p(exp(negate(abs(u)))));
    }

    /** Exact AUC and average precision: group by margin, sort, then two passes over the sorted groups. */
    private static double[] areas(SparkSession spark, Dataset<Row> good) {
        spark.sparkContext().setJobDescription("Bernoulli: evaluate (exact ROC and PR areas)");
        JavaRDD<Row> groups = good.groupBy("z")
                .agg(sum(when(col("y").equalTo(1.0), 1L).otherwise(0L)).as("pos"), count(lit(1)).as("n"))
                .orderBy("z")
                .javaRDD()
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<RankCurve.AucPartial> partials = groups.mapPartitions((Iterator<Row> it) -> {
                RankCurve.AucPartial partial = new RankCurve.AucPartial();
                while (it.hasNext()) {
                    Row g = it.next();
                    long pos = g.getLong(1);
                    partial.add(pos, g.getLong(2) - pos);
                }
                return List.of(partial).iterator();
            }, true).collect();
            if (partials.size() != groups.getNumPartitions()) {
                throw new IllegalStateException("expected one partial per partition");
            }
            double auc = RankCurve.auc(partials);
            long totalPositives = partials.stream().mapToLong(RankCurve.AucPartial::positives).sum();
            long totalNegatives = partials.stream().mapToLong(RankCurve.AucPartial::negatives).sum();
            long[] positivesBelow = new long[partials.size()];
            long[] negativesBelow = new long[partials.size()];
            for (int p = 1; p < partials.size(); p++) {
                positivesBelow[p] = positivesBelow[p - 1] + partials.get(p - 1).positives();
                negativesBelow[p] = negativesBelow[p - 1] + partials.get(p - 1).negatives();
            }
            List<Double> ap = groups.mapPartitionsWithIndex((index, it) -> {
                RankCurve.AveragePrecisionPartial partial = new RankCurve.AveragePrecisionPartial(totalPositives,
                        totalNegatives, positivesBelow[index], negativesBelow[index]);
                while (it.hasNext()) {
                    Row g = it.next();
                    long pos = g.getLong(1);
                    partial.add(pos, g.getLong(2) - pos);
                }
                return List.of(partial.value()).iterator();
            }, true).collect();
            double averagePrecision = 0;
            for (double v : ap) {
                averagePrecision += v;
            }
            return new double[] {auc, averagePrecision};
        } catch (IllegalArgumentException e) {
            // One class only: the ranking areas are undefined, the other metrics are not.
            return new double[] {Double.NaN, Double.NaN};
        } finally {
            groups.unpersist(false);
        }
    }

    /**
     * The exact metrics and the curve counts of margins and labels (columns {@code z}, {@code y}).
     *
     * @param rejected    input rows left out, asked for after the first action
     * @param description what the data is, shown on the page
     */
    public static DataEvaluation evaluate(SparkSession spark, Dataset<Row> marginsAndLabels, LongSupplier rejected,
                                          String description, double threshold) {
        BinaryClassificationMetrics metrics = metrics(spark, marginsAndLabels, rejected, threshold);
        spark.sparkContext().setJobDescription("Bernoulli: report (label counts by score for the curves)");
        try {
            ScoreHistogram histogram = marginsAndLabels.javaRDD().mapPartitions((Iterator<Row> rows) -> {
                ScoreHistogram h = new ScoreHistogram();
                while (rows.hasNext()) {
                    Row r = rows.next();
                    h.add(r.getDouble(0), r.getDouble(1));
                }
                return List.of(h).iterator();
            }).reduce(ScoreHistogram::merge);
            return new DataEvaluation(description, metrics, histogram.counts());
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }
}
