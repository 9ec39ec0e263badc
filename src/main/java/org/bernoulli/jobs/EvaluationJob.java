package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BadInputException;
import org.bernoulli.files.AtomicFile;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.model.FittedModel;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.JobFailures;
import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.ClassTally;
import org.bernoulli.stats.Metrics;
import org.bernoulli.stats.MulticlassMetrics;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * {@code evaluate}: a model's metrics on labelled data ({@link MarginEvaluation}: log loss, Brier
 * score, confusion matrix, exact ROC and precision–recall areas), with the rows that cannot be
 * evaluated failed or counted.
 */
public final class EvaluationJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EvaluationJob.class);


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
            ScoringRequest.checkThreshold(threshold);
            if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
                throw new IllegalArgumentException("evaluate takes {BAD_RECORDS=fail} or skip; quarantine rows with "
                        + "score");
            }
        }
    }

    private EvaluationJob() {
    }

    /** The outputs kept off the inputs and checked writable, and the model read. */
    private static FittedModel check(FileStore files, Request request) {
        OutputPaths.check(files, OutputPaths.of(request.source().path() == null ? null
                        : new OutputPaths.Named("{INPUT}", request.source().path()),
                        ModelDirectory.modelFile("{MODEL}", request.modelDir())),
                OutputPaths.of(OutputPaths.named("{METRICS_OUT}", request.metricsOut())));
        FittedModel model = ModelDirectory.readAny(files, request.modelDir());
        ScoringRequest.checkThreshold(request.threshold(), model);
        if (request.metricsOut() != null) {
            StagedOutput.checkWritable(files, request.metricsOut(), request.overwrite());
        }
        return model;
    }

    /** Evaluates a binary model on the driver alone, with no Spark session ({@link DriverEvaluation}). */
    public static BinaryClassificationMetrics runOnDriver(Request request) {
        return binary(evaluateOnDriver(request));
    }

    /** Evaluates a binary model with Spark's jobs. */
    public static BinaryClassificationMetrics run(SparkSession spark, Request request) {
        return binary(evaluate(spark, request));
    }

    private static BinaryClassificationMetrics binary(Metrics metrics) {
        if (metrics instanceof BinaryClassificationMetrics b) {
            return b;
        }
        throw new IllegalStateException("the model has more than two classes");
    }

    /** Evaluates a model of two classes or more on the driver alone, with no Spark session ({@link DriverEvaluation}). */
    public static Metrics evaluateOnDriver(Request request) {
        PhaseClock clock = new PhaseClock();
        clock.begin(PhaseClock.CHECKING);
        Configuration conf = new Configuration();
        FileStore files = new HadoopFileStore(conf);
        FittedModel model = check(files, request);
        clock.begin("reading and evaluation");
        Metrics metrics = model instanceof LogisticModel binary
                ? DriverEvaluation.evaluate(conf, request.source(), binary, request.policy(), request.threshold(),
                "evaluate").metrics()
                : metrics(DriverEvaluation.tallyClasses(conf, request.source(), model, request.policy(), "evaluate"),
                model.classes());
        if (request.metricsOut() != null) {
            clock.begin("writing");
            writeJson(files, request.metricsOut(), metrics.toMap(), request.overwrite());
        }
        clock.end();
        LOG.info("phases: " + clock.describe() + " (engine local)");
        return metrics;
    }

    /** Evaluates a model of two classes or more with Spark's jobs. */
    public static Metrics evaluate(SparkSession spark, Request request) {
        PhaseClock clock = new PhaseClock();
        clock.begin(PhaseClock.CHECKING);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        FileStore files = new HadoopFileStore(conf);
        FittedModel model = check(files, request);
        clock.begin("reading and evaluation");
        ScoredRows.Prepared input = ScoringInput.read(spark, request.source(), model,
                request.policy().mode() == BadRecordPolicy.Mode.FAIL, false);
        if (!input.hasLabel()) {
            throw new BadInputException("evaluate needs labels: " + request.source().describe() + " has no label column '"
                    + request.source().labelColumn() + "' (set it with {LABEL_COLUMN})");
        }
        try {
            boolean failFast = request.policy().mode() == BadRecordPolicy.Mode.FAIL;
            Metrics metrics = model.classes() == null ? evaluate(spark, input, request.threshold(), failFast)
                    : metrics(tallyClasses(input, model.classes(), failFast), model.classes());
            if (request.metricsOut() != null) {
                clock.begin("writing");
                writeJson(files, request.metricsOut(), metrics.toMap(), request.overwrite());
            }
            clock.end();
            LOG.info("phases: " + clock.describe());
            return metrics;
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw ScoringInput.locate(input, JobFailures.translate(e, conf));
        }
    }

    private static MulticlassMetrics metrics(TalliedClasses tallied, List<String> classes) {
        return tallied.tally().metrics(classes, tallied.rejected());
    }

    /**
     * The tally of a model of more than two classes from the rows' margins and classes: a
     * {@link ClassTally} per partition, merged on the driver.
     */
    static TalliedClasses tallyClasses(ScoredRows.Prepared input, List<String> classes, boolean failOnBadRows) {
        int m = classes.size() - 1;
        org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[m + 1];
        columns[0] = col(ScoredRows.LABEL);
        for (int k = 0; k < m; k++) {
            columns[k + 1] = col(ScoredRows.margin(k));
        }
        try (GoodRows good = GoodRows.of(input, failOnBadRows, columns)) {
            // Fills the cache (every row, the rejected ones counted) before the pass over the good rows.
            good.rejected();
            int k = classes.size();
            ClassTally tally = good.rows().javaRDD().mapPartitions((java.util.Iterator<Row> it) -> {
                ClassTally t = new ClassTally(k);
                double[] eta = new double[k - 1];
                while (it.hasNext()) {
                    Row r = it.next();
                    for (int c = 0; c < eta.length; c++) {
                        eta[c] = r.getDouble(c + 1);
                    }
                    t.add(eta, (int) r.getDouble(0));
                }
                return List.of(t).iterator();
            }).fold(new ClassTally(k), ClassTally::merge);
            MarginEvaluation.checkTotals(tally.rows(), tally.lossSum(), good.rejected());
            return new TalliedClasses(tally, good.rejected());
        }
    }

    /** The metrics of the rows of a prepared input (label and margin columns). */
    static BinaryClassificationMetrics evaluate(SparkSession spark, ScoredRows.Prepared input, double threshold,
                                                boolean failOnBadRows) {
        try (GoodRows good = GoodRows.of(input, failOnBadRows)) {
            return MarginEvaluation.metrics(spark, good.marginsAndLabels(), good::rejected, threshold);
        }
    }

    /**
     * The rows of a prepared input that can be evaluated, as columns {@code z} (margin) and
     * {@code y} (label), persisted with the rejected rows until closed; {@link #rejected()} counts the
     * others from the persisted rows. (Counted, not observed: an observed metric of a plan that turns out
     * empty is never reported on Spark 3.5, where waiting for it would not end.)
     */
    static final class GoodRows implements AutoCloseable {
        private final Dataset<Row> all;
        private final Dataset<Row> zy;
        private long rejected = -1;

        private GoodRows(Dataset<Row> all) {
            this.all = all;
            this.zy = all.filter(col(ScoredRows.REASON).isNull()).drop(ScoredRows.REASON);
        }

        static GoodRows of(ScoredRows.Prepared input, boolean failOnBadRows) {
            return of(input, failOnBadRows, col(ScoredRows.MARGIN).as("z"), col(ScoredRows.LABEL).as("y"));
        }

        /** The good rows as {@code columns}. */
        static GoodRows of(ScoredRows.Prepared input, boolean failOnBadRows, org.apache.spark.sql.Column... columns) {
            Dataset<Row> rows = input.rows();
            if (failOnBadRows) {
                rows = rows.filter(ScoringInput.failOnBadRow());
            }
            org.apache.spark.sql.Column[] kept = java.util.Arrays.copyOf(columns, columns.length + 1);
            kept[columns.length] = col(ScoredRows.REASON);
            return new GoodRows(rows.select(kept).persist(StorageLevel.MEMORY_AND_DISK()));
        }

        Dataset<Row> marginsAndLabels() {
            return zy;
        }

        /** The good rows, in the columns asked for. */
        Dataset<Row> rows() {
            return zy;
        }

        long rejected() {
            if (rejected < 0) {
                rejected = all.filter(col(ScoredRows.REASON).isNotNull()).count();
            }
            return rejected;
        }

        @Override
        public void close() {
            all.unpersist(false);
        }
    }

    private static void writeJson(FileStore files, String path, Map<String, Object> json, boolean overwrite) {
        try {
            AtomicFile.write(files, path, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(json), "metrics", overwrite);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the metrics: " + e.getMessage(), e);
        }
    }
}
