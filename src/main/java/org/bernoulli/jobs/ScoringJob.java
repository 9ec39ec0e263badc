package org.bernoulli.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.spark.Columns;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.JobFailures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Batch scoring: one pass of partition-wise work, no shuffle. The model is read once on the
 * driver and its coefficients travel inside the task closures or the generated expression; every
 * input row yields one output row (or is rejected and counted). Output is written through Spark's
 * writers into a staging directory that is renamed into place only after the job succeeded, with
 * the row accounting ({@link RowAccounting}) inside it; or, for files of this machine, on the driver
 * alone ({@link DriverScoring}).
 */
public final class ScoringJob {

    /** Internal column: why a row was rejected (null for scored rows). */
    private static final String REJECTED = "__rejected";

    private ScoringJob() {
    }

    /** Scores on the driver alone, with no Spark session ({@link DriverScoring}). */
    public static RowAccounting runOnDriver(ScoringRequest request) {
        return ScoringRun.run(new DriverScoring(new Configuration()), request);
    }

    /** Scores with Spark's jobs: one pass, written by Spark's writers. */
    public static RowAccounting run(SparkSession spark, ScoringRequest request) {
        return ScoringRun.run(new OnSpark(spark), request);
    }

    /** The Spark engine of a scoring run. */
    private record OnSpark(SparkSession spark) implements ScoringRun.Engine {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public Configuration hadoopConfiguration() {
            return spark.sparkContext().hadoopConfiguration();
        }

        @Override
        public RowAccounting score(ScoringRequest request, ScoringChecks.Checked checked, StagedOutput out,
                                   PhaseClock clock) {
            Configuration conf = hadoopConfiguration();
            BadRecordPolicy policy = request.policy();
            double[][] covariances = checked.covariances();
            boolean quarantine = policy.mode() == BadRecordPolicy.Mode.QUARANTINE;
            ScoredRows.Prepared input = ScoringInput.read(spark, request.source(), checked.model(),
                    policy.mode() == BadRecordPolicy.Mode.FAIL, request.source().idColumn() == null || quarantine,
                    covariances);
            // Project first (so that only the columns the output needs are read), then count, then drop
            // the rejected rows. With fail nothing is dropped: a bad Parquet row reaches the check in the
            // margin column.
            List<String> classes = checked.classes();
            List<Column> columns = classes == null
                    ? outputColumns(input, policy, request.threshold(), covariances != null)
                    : classColumns(input, policy, classes, covariances != null);
            columns.add(col(ScoredRows.REASON).as(REJECTED));
            Observation observation = new Observation("bernoulli-row-accounting");
            // A column that is null for exactly the rejected rows counts the scored ones.
            String scoredColumn = (classes == null ? ScoredColumn.MARGIN : ScoredColumn.CLASS_PREDICTION).fixedName();
            Dataset<Row> counted = input.rows().select(columns.toArray(new Column[0])).observe(observation,
                    count(lit(1)).as("read"), count(col(scoredColumn)).as("scored"),
                    count(col(REJECTED)).as("rejected"));
            Dataset<Row> scored = (policy.mode() == BadRecordPolicy.Mode.FAIL ? counted
                    : counted.filter(col(REJECTED).isNull())).drop(REJECTED);
            clock.begin(ScoringChecks.SCORING_PHASE);
            try {
                spark.sparkContext().setJobDescription("Bernoulli: score " + request.source().describe());
                var writer = scored.write().format(request.outputFormat().name().toLowerCase());
                if (request.outputFormat() == ScoringRequest.OutputFormat.CSV) {
                    writer = writer.option("header", "true");
                }
                writer.save(out.staging().toString());
            } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
                throw ScoringInput.locate(input, JobFailures.translate(e, conf));
            } finally {
                spark.sparkContext().setJobDescription(null);
            }
            RowAccounting accounting = accounting(observation);
            if (quarantine && accounting.rowsRejected() > 0) {
                clock.begin(ScoringChecks.QUARANTINE_PHASE);
                writeQuarantine(spark, conf, input, policy.quarantinePath(), request.overwrite());
            }
            return accounting;
        }
    }

    private static List<Column> outputColumns(ScoredRows.Prepared input, BadRecordPolicy policy, double threshold,
                                              boolean withStandardErrors) {
        Column margin = col(ScoredRows.MARGIN);
        if (policy.mode() == BadRecordPolicy.Mode.FAIL) {
            // Text input already failed on the first bad line; for Parquet the check runs here, in the
            // margin itself so that it cannot be pruned away.
            margin = when(ScoringInput.failOnBadRow(), margin);
        }
        Column z = col(ScoredRows.MARGIN);
        Column se = col(ScoredRows.MARGIN_SE);
        double wald = org.bernoulli.inference.WaldInference.Z_975;
        List<Column> columns = new ArrayList<>();
        for (ScoredColumn.Slot slot : ScoredColumn.output(input.idColumn(), input.position(), input.hasLabel(),
                withStandardErrors, input.keepColumns())) {
            Column value = switch (slot.column()) {
                case ID -> col(ScoredRows.ID);
                case SOURCE_FILE -> col(ScoredRows.FILE);
                case SOURCE_LINE, SOURCE_ROW -> col(ScoredRows.POSITION);
                case LABEL -> col(ScoredRows.LABEL);
                case MARGIN -> margin;
                case PROBABILITY -> ScoredRows.probability(z);
                case PREDICTION -> when(z.geq(org.bernoulli.math.Logistic.logit(threshold)), lit(1.0)).otherwise(lit(0.0));
                case MARGIN_SE -> se;
                // The Wald interval on the margin scale, mapped through σ: it stays inside (0, 1).
                case PROBABILITY_LOW -> ScoredRows.probability(z.minus(se.multiply(wald)));
                case PROBABILITY_HIGH -> ScoredRows.probability(z.plus(se.multiply(wald)));
                case KEPT -> Columns.named(slot.name());
                default -> throw new IllegalStateException(slot.column() + " is not a column of a binary model");
            };
            columns.add(slot.column() == ScoredColumn.KEPT ? value : value.as(slot.name()));
        }
        return columns;
    }

    /**
     * The output columns of a model of more than two classes: the row's class, each class's
     * probability by the softmax of the margins (η₀ = 0 for the reference; from the largest margin, so
     * no exponential overflows — {@link org.bernoulli.math.Softmax}'s operations in its order), the most
     * probable class, and with standard errors each non-reference class's margin and its error.
     */
    private static List<Column> classColumns(ScoredRows.Prepared input, BadRecordPolicy policy, List<String> classes,
                                             boolean withStandardErrors) {
        int m = classes.size() - 1;
        Column[] eta = new Column[m];
        Column[] candidates = new Column[m + 1];
        candidates[0] = lit(0.0);
        for (int k = 0; k < m; k++) {
            eta[k] = col(ScoredRows.margin(k));
            candidates[k + 1] = eta[k];
        }
        Column scored = col(ScoredRows.MARGIN).isNotNull();
        Column max = org.apache.spark.sql.functions.greatest(candidates);
        Column[] terms = new Column[m + 1];
        terms[0] = org.apache.spark.sql.functions.exp(org.apache.spark.sql.functions.negate(max));
        Column total = terms[0];
        for (int k = 0; k < m; k++) {
            terms[k + 1] = org.apache.spark.sql.functions.exp(eta[k].minus(max));
            total = total.plus(terms[k + 1]);
        }
        // The first class whose margin is the largest: the reference when none is above 0.
        Column prediction = when(max.leq(lit(0.0)), lit(classes.get(0)));
        for (int k = 0; k < m; k++) {
            prediction = prediction.when(eta[k].equalTo(max), lit(classes.get(k + 1)));
        }
        prediction = when(scored, prediction);
        if (policy.mode() == BadRecordPolicy.Mode.FAIL) {
            prediction = when(ScoringInput.failOnBadRow(), prediction);
        }
        Column label = null;
        for (int k = 0; k < classes.size(); k++) {
            Column is = col(ScoredRows.LABEL).equalTo(lit((double) k));
            label = label == null ? when(is, lit(classes.get(k))) : label.when(is, lit(classes.get(k)));
        }
        List<Column> columns = new ArrayList<>();
        for (ScoredColumn.Slot slot : ScoredColumn.output(input.idColumn(), input.position(), input.hasLabel(),
                withStandardErrors, input.keepColumns(), classes)) {
            Column value = switch (slot.column()) {
                case ID -> col(ScoredRows.ID);
                case SOURCE_FILE -> col(ScoredRows.FILE);
                case SOURCE_LINE, SOURCE_ROW -> col(ScoredRows.POSITION);
                case CLASS_LABEL -> label;
                case CLASS_PROBABILITY -> when(scored, terms[slot.index()].divide(total));
                case CLASS_PREDICTION -> prediction;
                case CLASS_MARGIN -> eta[slot.index() - 1];
                case CLASS_MARGIN_SE -> col(ScoredRows.marginSe(slot.index() - 1));
                case KEPT -> Columns.named(slot.name());
                default -> throw new IllegalStateException(slot.column() + " is not a column of a model of classes");
            };
            columns.add(slot.column() == ScoredColumn.KEPT ? value : value.as(slot.name()));
        }
        return columns;
    }

    private static RowAccounting accounting(Observation observation) {
        Map<String, Object> m;
        try {
            m = observation.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting the row accounting", e);
        }
        return new RowAccounting(((Number) m.get("read")).longValue(), ((Number) m.get("scored")).longValue(),
                ((Number) m.get("rejected")).longValue());
    }

    private static void writeQuarantine(SparkSession spark, Configuration conf, ScoredRows.Prepared input,
                                        String path, boolean overwrite) {
        try (StagedOutput q = StagedOutput.begin(new HadoopFileStore(conf), path, overwrite)) {
            spark.sparkContext().setJobDescription("Bernoulli: quarantine rejected rows to " + path);
            input.rows().filter(col(ScoredRows.REASON).isNotNull())
                    .select(ScoredColumn.quarantine(input.position()).stream().map(slot -> col(switch (slot.column()) {
                        case SOURCE_FILE -> ScoredRows.FILE;
                        case REASON -> ScoredRows.REASON;
                        case LINE -> ScoredRows.RAW;
                        default -> ScoredRows.POSITION;
                    }).as(slot.name())).toArray(Column[]::new))
                    .write().json(q.staging().toString());
            q.commit();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }
}
