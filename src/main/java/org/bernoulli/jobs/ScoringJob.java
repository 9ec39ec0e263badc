package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.bernoulli.spark.Columns;
import org.bernoulli.inference.ParameterCovariance;
import org.bernoulli.inference.SummaryJson;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.spark.JobFailures;
import org.bernoulli.spark.ModelDirectory;
import org.bernoulli.spark.OutputPaths;
import org.bernoulli.spark.StagedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Batch scoring: one pass of partition-wise work, no shuffle. The model is read once on the
 * driver and its coefficients travel inside the task closures or the generated expression; every
 * input row yields one output row (or is rejected and counted). Output is written through Spark's
 * writers into a staging directory that is renamed into place only after the job succeeded, with
 * the row accounting ({@value #ACCOUNTING_FILE}) inside it.
 */
public final class ScoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

    /** The row accounting written into the output directory (ignored by Spark readers, like {@code _SUCCESS}). */
    public static final String ACCOUNTING_FILE = "_rows.json";

    public enum OutputFormat { PARQUET, CSV }

    /** Internal column: why a row was rejected (null for scored rows). */
    private static final String REJECTED = "__rejected";

    /**
     * @param modelDir     the model directory
     * @param source       the input
     * @param output       the output directory
     * @param outputFormat parquet or csv
     * @param threshold    predict 1 when σ(z) ≥ threshold, i.e. z ≥ logit(threshold)
     * @param policy       what to do with rows that cannot be scored
     * @param overwrite    whether existing outputs may be replaced
     * @param withStandardErrors add the margin's standard error and a 95 % interval for the
     *                     probability, from the model's covariance.json
     */
    public record Request(String modelDir, ScoreSource source, String output, OutputFormat outputFormat,
                          double threshold, BadRecordPolicy policy, boolean overwrite, boolean withStandardErrors) {
        public Request {
            checkThreshold(threshold);
        }

        public Request(String modelDir, ScoreSource source, String output, OutputFormat outputFormat,
                       double threshold, BadRecordPolicy policy, boolean overwrite) {
            this(modelDir, source, output, outputFormat, threshold, policy, overwrite, false);
        }
    }

    /** The phase of reading, scoring and writing the rows: one pass. */
    static final String SCORING_PHASE = "reading, scoring and writing";
    /** The phase of writing the rejected rows aside (Spark reads them again for it). */
    static final String QUARANTINE_PHASE = "quarantine";

    /** Rows read = rows scored + rows rejected. */
    public record Accounting(long rowsRead, long rowsScored, long rowsRejected) {
    }

    private ScoringJob() {
    }

    /** The model a request scores with, and I⁻¹ in packed order when it asks for standard errors. */
    record Checked(LogisticModel model, double[] covariance) {
    }

    /**
     * What every scoring run does before reading any row: the outputs kept off the inputs (the model
     * directory's files, the input), the model read, the outputs checked writable, the covariance
     * read when asked for.
     */
    static Checked check(Configuration conf, Request request) {
        BadRecordPolicy policy = request.policy();
        List<OutputPaths.Named> inputs = ModelDirectory.filesRead("{MODEL}", request.modelDir(),
                ModelDirectory.MODEL_FILE, ModelDirectory.COVARIANCE_FILE);
        if (request.source().path() != null) {
            inputs.add(new OutputPaths.Named("{INPUT}", request.source().path()));
        }
        OutputPaths.check(conf, inputs, OutputPaths.of(new OutputPaths.Named("{OUTPUT}", request.output()),
                        OutputPaths.named("{BAD_RECORDS} quarantine:", policy.quarantinePath())));
        LogisticModel model = ModelDirectory.read(conf, request.modelDir());
        StagedOutput.checkWritable(conf, request.output(), request.overwrite());
        if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
            StagedOutput.checkWritable(conf, policy.quarantinePath(), request.overwrite());
        }
        return new Checked(model, request.withStandardErrors() ? covariance(conf, request.modelDir(), model) : null);
    }

    /** Scores on the driver alone, with no Spark session ({@link DriverScoring}). */
    public static Accounting runOnDriver(Request request) {
        return DriverScoring.run(new Configuration(), request);
    }

    public static Accounting run(SparkSession spark, Request request) {
        PhaseClock clock = new PhaseClock();
        clock.begin(PhaseClock.CHECKING);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        BadRecordPolicy policy = request.policy();
        Checked checked = check(conf, request);
        LogisticModel model = checked.model();
        double[] covariance = checked.covariance();
        boolean quarantine = policy.mode() == BadRecordPolicy.Mode.QUARANTINE;
        ScoringInput.Prepared input = ScoringInput.read(spark, request.source(), model,
                policy.mode() == BadRecordPolicy.Mode.FAIL, request.source().idColumn() == null || quarantine,
                covariance);
        try (StagedOutput out = StagedOutput.begin(conf, request.output(), request.overwrite())) {
            // Project first (so that only the columns the output needs are read), then count, then drop
            // the rejected rows. With fail nothing is dropped: a bad Parquet row reaches the check in the
            // margin column.
            List<Column> columns = outputColumns(input, policy, request.threshold(), covariance != null);
            columns.add(col(ScoringInput.REASON).as(REJECTED));
            Observation observation = new Observation("bernoulli-row-accounting");
            Dataset<Row> counted = input.rows().select(columns.toArray(new Column[0])).observe(observation,
                    count(lit(1)).as("read"), count(col("margin")).as("scored"), count(col(REJECTED)).as("rejected"));
            Dataset<Row> scored = (policy.mode() == BadRecordPolicy.Mode.FAIL ? counted
                    : counted.filter(col(REJECTED).isNull())).drop(REJECTED);
            clock.begin(SCORING_PHASE);
            try {
                spark.sparkContext().setJobDescription("Bernoulli: score " + request.source().describe());
                var writer = scored.write().format(request.outputFormat().name().toLowerCase());
                if (request.outputFormat() == OutputFormat.CSV) {
                    writer = writer.option("header", "true");
                }
                writer.save(out.staging().toString());
            } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
                throw ScoringInput.locate(input, JobFailures.translate(e, conf));
            } finally {
                spark.sparkContext().setJobDescription(null);
            }
            Accounting accounting = accounting(observation);
            if (quarantine && accounting.rowsRejected() > 0) {
                clock.begin(QUARANTINE_PHASE);
                writeQuarantine(spark, conf, input, policy.quarantinePath(), request.overwrite());
            }
            clock.end();
            writeAccounting(out, request, accounting, clock);
            out.commit();
            LOG.info("phases: " + clock.describe());
            LOG.info("rows read {}, scored {}, rejected {}", accounting.rowsRead(), accounting.rowsScored(),
                    accounting.rowsRejected());
            return accounting;
        }
    }

    /** I⁻¹ in packed order from the model directory's covariance.json, checked against the model. */
    private static double[] covariance(Configuration conf, String modelDir, LogisticModel model) {
        String json = ModelDirectory.readOptional(conf, modelDir, ModelDirectory.COVARIANCE_FILE);
        if (json == null) {
            throw new org.bernoulli.data.BadInputException("{WITH_SE} needs " + ModelDirectory.COVARIANCE_FILE + " in "
                    + modelDir + ", written when the model is trained with inference ({STATS=on})");
        }
        String source = modelDir + "/" + ModelDirectory.COVARIANCE_FILE;
        ParameterCovariance c;
        try {
            c = SummaryJson.readCovariance(json, source);
        } catch (IllegalArgumentException e) {
            throw new org.bernoulli.data.BadInputException(e.getMessage(), e);
        }
        if (c.numFeatures() != model.numFeatures() || !c.parameters().subList(1, c.parameters().size())
                .equals(model.featureNames())) {
            throw new org.bernoulli.data.BadInputException(source + " describes other parameters than the model: "
                    + c.parameters().size() + " parameters, the model has " + (model.numFeatures() + 1));
        }
        return c.packed();
    }

    private static List<Column> outputColumns(ScoringInput.Prepared input, BadRecordPolicy policy, double threshold,
                                              boolean withStandardErrors) {
        Column margin = col(ScoringInput.MARGIN);
        if (policy.mode() == BadRecordPolicy.Mode.FAIL) {
            // Text input already failed on the first bad line; for Parquet the check runs here, in the
            // margin itself so that it cannot be pruned away.
            margin = when(ScoringInput.failOnBadRow(), margin);
        }
        List<Column> columns = new ArrayList<>();
        if (input.idColumn() != null) {
            columns.add(col(ScoringInput.ID).as(input.idColumn()));
        } else {
            columns.add(col(ScoringInput.FILE).as("source_file"));
            columns.add(col(ScoringInput.POSITION).as(input.positionName()));
        }
        if (input.hasLabel()) {
            columns.add(col(ScoringInput.LABEL).as("label"));
        }
        columns.add(margin.as("margin"));
        columns.add(probability(col("margin")).as("probability"));
        columns.add(when(col(ScoringInput.MARGIN).geq(logit(threshold)), lit(1.0)).otherwise(lit(0.0)).as("prediction"));
        if (withStandardErrors) {
            // The Wald interval on the margin scale, mapped through σ: it stays inside (0, 1).
            Column se = col(ScoringInput.MARGIN_SE);
            double z = org.bernoulli.inference.WaldInference.Z_975;
            columns.add(se.as("margin_se"));
            columns.add(probability(col("margin").minus(se.multiply(z))).as("probability_low"));
            columns.add(probability(col("margin").plus(se.multiply(z))).as("probability_high"));
        }
        for (String name : input.keepColumns()) {
            columns.add(Columns.named(name));
        }
        return columns;
    }

    /**
     * σ(z) evaluated on the side where the exponential cannot overflow, so that probabilities near
     * 0 keep their full relative precision (no 1 − p cancellation).
     */
    public static Column probability(Column z) {
        return when(z.geq(0), lit(1.0).divide(lit(1.0).plus(exp(functions.negate(z)))))
                .otherwise(exp(z).divide(lit(1.0).plus(exp(z))));
    }

    /** logit(t) = log(t / (1 − t)): −∞ for t = 0 (everything positive), +∞ for t = 1 (nothing). */
    public static double logit(double threshold) {
        return Math.log(threshold) - Math.log1p(-threshold);
    }

    static void checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("{THRESHOLD} must be in [0, 1], got " + threshold);
        }
    }

    private static Accounting accounting(Observation observation) {
        Map<String, Object> m;
        try {
            m = observation.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting the row accounting", e);
        }
        long read = ((Number) m.get("read")).longValue();
        long scored = ((Number) m.get("scored")).longValue();
        long rejected = ((Number) m.get("rejected")).longValue();
        if (read != scored + rejected) {
            throw new IllegalStateException("row accounting does not add up: read " + read + ", scored " + scored
                    + ", rejected " + rejected);
        }
        return new Accounting(read, scored, rejected);
    }

    private static void writeQuarantine(SparkSession spark, Configuration conf, ScoringInput.Prepared input,
                                        String path, boolean overwrite) {
        try (StagedOutput q = StagedOutput.begin(conf, path, overwrite)) {
            spark.sparkContext().setJobDescription("Bernoulli: quarantine rejected rows to " + path);
            input.rows().filter(col(ScoringInput.REASON).isNotNull())
                    .select(col(ScoringInput.FILE).as("source_file"), col(ScoringInput.POSITION).as(input.positionName()),
                            col(ScoringInput.REASON).as("reason"), col(ScoringInput.RAW).as("line"))
                    .write().json(q.staging().toString());
            q.commit();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Writes {@value #ACCOUNTING_FILE}: the row counts, the policy, the input, the model, the
     * threshold and the seconds per phase of the run so far.
     */
    static void writeAccounting(StagedOutput out, Request request, Accounting a, PhaseClock clock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rowsRead", a.rowsRead());
        json.put("rowsScored", a.rowsScored());
        json.put("rowsRejected", a.rowsRejected());
        json.put("badRecords", request.policy().toString());
        json.put("input", request.source().describe());
        json.put("model", request.modelDir());
        json.put("threshold", request.threshold());
        json.put("phaseSeconds", clock.ended());
        try (FSDataOutputStream stream = out.fileSystem().create(new Path(out.staging(), ACCOUNTING_FILE), false)) {
            stream.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            throw org.bernoulli.data.WriteFailedException.writing(org.bernoulli.spark.StagedOutput.targetOf(
                    new Path(out.staging(), ACCOUNTING_FILE).toString()), e);
        }
    }
}
