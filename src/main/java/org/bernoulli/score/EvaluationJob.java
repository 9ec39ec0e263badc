package org.bernoulli.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BadInputException;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.spark.AtomicFile;
import org.bernoulli.spark.JobFailures;
import org.bernoulli.spark.ModelDirectory;
import org.bernoulli.spark.OutputPaths;
import org.bernoulli.spark.StagedOutput;
import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.RankCurve;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * Evaluates a model on labelled data: log loss (mean BCE), Brier score and the confusion matrix in
 * one aggregation; exact areas under the ROC and precision–recall curves from the examples grouped
 * by distinct margin and sorted distributedly (no binning), in two passes over the sorted groups.
 * Margins, not probabilities, are ranked: σ rounds large margins to exactly 1, which would create
 * ties that the model did not make.
 */
public final class EvaluationJob {

    /**
     * @param modelDir   the model directory
     * @param source     the labelled data
     * @param threshold  probability threshold of the confusion matrix
     * @param policy     fail or skip rows that cannot be evaluated
     * @param metricsOut where to write the metrics as JSON, or null
     * @param overwrite  whether an existing metrics file may be replaced
     */
    public record Request(String modelDir, ScoreSource source, double threshold, BadRecordPolicy policy,
                          String metricsOut, boolean overwrite) {
        public Request {
            ScoringJob.checkThreshold(threshold);
            if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
                throw new IllegalArgumentException("evaluate takes --bad-records fail or skip; quarantine rows with "
                        + "score");
            }
        }
    }

    private EvaluationJob() {
    }

    public static BinaryClassificationMetrics run(SparkSession spark, Request request) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputPaths.check(conf, OutputPaths.of(new OutputPaths.Named("--input", request.source().path()),
                        ModelDirectory.modelFile("--model", request.modelDir())),
                OutputPaths.of(OutputPaths.named("--metrics-out", request.metricsOut())));
        LogisticModel model = ModelDirectory.read(conf, request.modelDir());
        if (request.metricsOut() != null) {
            StagedOutput.checkWritable(conf, request.metricsOut(), request.overwrite());
        }
        ScoringInput.Prepared input = ScoringInput.read(spark, request.source(), model,
                request.policy().mode() == BadRecordPolicy.Mode.FAIL, false);
        if (!input.hasLabel()) {
            throw new BadInputException("evaluate needs labels: " + request.source().path() + " has no label column '"
                    + request.source().labelColumn() + "' (set it with --label-column)");
        }
        try {
            BinaryClassificationMetrics metrics = evaluate(spark, input, request.threshold(),
                    request.policy().mode() == BadRecordPolicy.Mode.FAIL);
            if (request.metricsOut() != null) {
                writeJson(conf, request.metricsOut(), metrics.toMap(), request.overwrite());
            }
            return metrics;
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw ScoringInput.locate(input, JobFailures.translate(e, conf));
        }
    }

    /** The metrics of the rows of a prepared input (label and margin columns). */
    static BinaryClassificationMetrics evaluate(SparkSession spark, ScoringInput.Prepared input, double threshold,
                                                boolean failOnBadRows) {
        try (GoodRows good = GoodRows.of(input, failOnBadRows)) {
            return metrics(spark, good.marginsAndLabels(), good::rejected, threshold);
        }
    }

    /**
     * The rows of a prepared input that can be evaluated, as columns {@code z} (margin) and
     * {@code y} (label), persisted until closed; {@link #rejected()} counts the others once an
     * action has run.
     */
    static final class GoodRows implements AutoCloseable {
        private final Dataset<Row> zy;
        private final Observation observation;

        private GoodRows(Dataset<Row> zy, Observation observation) {
            this.zy = zy;
            this.observation = observation;
        }

        static GoodRows of(ScoringInput.Prepared input, boolean failOnBadRows) {
            Observation observation = new Observation("bernoulli-evaluation-rows");
            Dataset<Row> rows = input.rows().observe(observation, count(col(ScoringInput.REASON)).as("rejected"));
            if (failOnBadRows) {
                rows = rows.filter(ScoringInput.failOnBadRow());
            }
            Dataset<Row> good = rows.filter(col(ScoringInput.REASON).isNull())
                    .select(col(ScoringInput.MARGIN).as("z"), col(ScoringInput.LABEL).as("y"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            return new GoodRows(good, observation);
        }

        Dataset<Row> marginsAndLabels() {
            return zy;
        }

        long rejected() {
            return ((Number) observed(observation).get("rejected")).longValue();
        }

        @Override
        public void close() {
            zy.unpersist(false);
        }
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
            double cut = ScoringJob.logit(threshold);
            Column predicted = z.geq(cut);
            Column notPredicted = z.lt(cut);
            Column loss = softplus(when(positive, negate(z)).otherwise(z));
            Row totals = good.agg(count(lit(1)), sum(loss), sum(pow(ScoringJob.probability(z).minus(y), 2)),
                    sum(when(positive.and(predicted), 1L).otherwise(0L)),
                    sum(when(negative.and(predicted), 1L).otherwise(0L)),
                    sum(when(negative.and(notPredicted), 1L).otherwise(0L)),
                    sum(when(positive.and(notPredicted), 1L).otherwise(0L))).first();
            long n = totals.getLong(0);
            if (n == 0) {
                throw new BadInputException("no rows to evaluate in the input");
            }
            if (!Double.isFinite(totals.getDouble(1))) {
                // Every row's loss is finite (its margin is); only their sum can overflow.
                throw new BadInputException("the log losses of the " + n + " rows sum to more than the largest double, "
                        + "1.8e308: the margins are far out of range (mean BCE would not be finite)");
            }
            long left = rejected.getAsLong();
            double[] areas = areas(spark, good);
            return new BinaryClassificationMetrics(n, left, totals.getDouble(1) / n, totals.getDouble(2) / n,
                    areas[0], areas[1], threshold, totals.getLong(3), totals.getLong(4), totals.getLong(5),
                    totals.getLong(6));
        } finally {
            spark.sparkContext().setJobDescription(null);
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

    private static Map<String, Object> observed(Observation observation) {
        try {
            return observation.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting the row counts", e);
        }
    }

    private static void writeJson(Configuration conf, String path, Map<String, Object> json, boolean overwrite) {
        try {
            AtomicFile.write(conf, path, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(json), "metrics", overwrite);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the metrics: " + e.getMessage(), e);
        }
    }
}
