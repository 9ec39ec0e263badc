package org.bernoulli.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.files.AtomicFile;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.report.ClassEvaluation;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.report.HtmlReport;
import org.bernoulli.report.ReportJson;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.JobFailures;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Makes {@code report.html} for a model directory: from what training stored beside the model
 * ({@code summary.json}, {@code history.json}, {@code path.json}, {@code evaluation.json} on the
 * training data), or
 * with the evaluation recomputed on other labelled data, e.g. a validation set.
 */
public final class ReportJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportJob.class);


    /** The probability threshold of the report's confusion-matrix figures. */
    public static final double THRESHOLD = 0.5;

    /**
     * @param modelDir the model directory
     * @param source   labelled data to evaluate on, or null to use the stored training evaluation
     * @param policy   fail or skip rows that cannot be evaluated
     * @param output   where to write the page; null for {@code modelDir/report.html}
     */
    public record Request(String modelDir, ScoreSource source, BadRecordPolicy policy, String output) {
        public Request {
            if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
                throw new IllegalArgumentException("report takes {BAD_RECORDS=fail} or skip; quarantine rows with "
                        + "score");
            }
        }

        public String outputPath() {
            return output != null ? output : new Path(modelDir, ModelDirectory.REPORT_FILE).toString();
        }
    }

    /**
     * Where the page went and the evaluation it shows (null when there was none): of a binary model, or
     * of a model of more classes.
     */
    public record Outcome(String path, DataEvaluation evaluation, ClassEvaluation classEvaluation) {
    }

    private ReportJob() {
    }

    /**
     * Runs on the driver alone, with no Spark session: the page from the model directory, and with
     * {@code DATA} the evaluation of LIBSVM or CSV files of this machine ({@link DriverEvaluation}).
     */
    public static Outcome runOnDriver(Request request) {
        return run(null, new Configuration(), request);
    }

    public static Outcome run(SparkSession spark, Request request) {
        return run(spark, spark.sparkContext().hadoopConfiguration(), request);
    }

    /** @param spark the session, or null to evaluate {@code DATA} on the driver */
    private static Outcome run(SparkSession spark, Configuration conf, Request request) {
        PhaseClock clock = new PhaseClock();
        clock.begin(PhaseClock.CHECKING);
        FileStore files = new HadoopFileStore(conf);
        List<OutputPaths.Named> inputs = new java.util.ArrayList<>(ModelDirectory.filesRead("{MODEL}", request.modelDir(),
                ModelDirectory.MODEL_FILE, ModelDirectory.SUMMARY_FILE, ModelDirectory.HISTORY_FILE,
                ModelDirectory.PATH_FILE, ModelDirectory.CV_FILE, ModelDirectory.EVALUATION_FILE,
                ModelDirectory.DROP1_FILE, ModelDirectory.MARGINS_FILE));
        if (request.source() != null && request.source().path() != null) {
            inputs.add(new OutputPaths.Named("{DATA}", request.source().path()));
        }
        OutputPaths.check(files, inputs, List.of(new OutputPaths.Named("{OUTPUT}", request.outputPath())));
        // The page replaces what is there; that it can be written at all is known before the evaluation.
        org.bernoulli.files.StagedOutput.checkWritable(files, request.outputPath(), true);
        org.bernoulli.model.FittedModel fitted = ModelDirectory.readAny(files, request.modelDir());
        if (!(fitted instanceof LogisticModel model)) {
            return classReport(spark, conf, files, request, fitted, clock);
        }
        DataEvaluation evaluation;
        if (request.source() != null) {
            clock.begin("reading and evaluation");
            evaluation = spark == null ? DriverEvaluation.evaluate(conf, request.source(), model, request.policy(),
                    THRESHOLD, "report {DATA}") : evaluate(spark, request.source(), model, request.policy());
        } else {
            String stored = ModelDirectory.readOptional(files, request.modelDir(), ModelDirectory.EVALUATION_FILE);
            evaluation = stored == null ? null : ReportJson.readEvaluation(stored,
                    new Path(request.modelDir(), ModelDirectory.EVALUATION_FILE).toString());
        }
        clock.begin("rendering and writing");
        String page = render(files, request.modelDir(), model, evaluation, null);
        // The page is documented to be replaced: report remakes it.
        AtomicFile.write(files, request.outputPath(), page.getBytes(StandardCharsets.UTF_8), "the report", true);
        clock.end();
        LOG.info("phases: " + clock.describe());
        return new Outcome(request.outputPath(), evaluation, null);
    }

    /**
     * The page of a model of more than two classes: its evaluation on {@code DATA} (a {@link ClassTally} on the
     * driver or on Spark) or the one training stored, with the summary, history and drop1 found beside it.
     */
    private static Outcome classReport(SparkSession spark, Configuration conf, FileStore files, Request request,
                                       org.bernoulli.model.FittedModel model, PhaseClock clock) {
        ClassEvaluation evaluation;
        if (request.source() != null) {
            clock.begin("reading and evaluation");
            boolean failFast = request.policy().mode() == BadRecordPolicy.Mode.FAIL;
            TalliedClasses tallied;
            if (spark == null) {
                tallied = DriverEvaluation.tallyClasses(conf, request.source(), model, request.policy(), "report {DATA}");
            } else {
                ScoredRows.Prepared input = ScoringInput.read(spark, request.source(), model, failFast, false);
                if (!input.hasLabel()) {
                    throw new BadInputException("report {DATA} needs labels: " + request.source().describe()
                            + " has no label column '" + request.source().labelColumn() + "' (set it with "
                            + "{LABEL_COLUMN})");
                }
                try {
                    tallied = EvaluationJob.tallyClasses(input, model.classes(), failFast);
                } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
                    throw ScoringInput.locate(input, JobFailures.translate(e, conf));
                }
            }
            evaluation = new ClassEvaluation(request.source().describe(),
                    tallied.tally().metrics(model.classes(), tallied.rejected()), tallied.tally().calibration());
        } else {
            String stored = ModelDirectory.readOptional(files, request.modelDir(), ModelDirectory.EVALUATION_FILE);
            evaluation = stored == null ? null : ReportJson.readClassEvaluation(stored,
                    new Path(request.modelDir(), ModelDirectory.EVALUATION_FILE).toString());
        }
        clock.begin("rendering and writing");
        String page = render(files, request.modelDir(), model, null, evaluation);
        AtomicFile.write(files, request.outputPath(), page.getBytes(StandardCharsets.UTF_8), "the report", true);
        clock.end();
        LOG.info("phases: " + clock.describe());
        return new Outcome(request.outputPath(), null, evaluation);
    }

    /**
     * The page for a model directory of either kind, with the summary and history found beside the model
     * and the evaluation of a binary model or of one of more classes.
     */
    private static String render(FileStore files, String modelDir, org.bernoulli.model.FittedModel model,
                                 DataEvaluation evaluation, ClassEvaluation classEvaluation) {
        String summaryText = ModelDirectory.readOptional(files, modelDir, ModelDirectory.SUMMARY_FILE);
        ModelSummary summary = summaryText == null ? null
                : SummaryJson.readSummary(summaryText, new Path(modelDir, ModelDirectory.SUMMARY_FILE).toString());
        String historyText = ModelDirectory.readOptional(files, modelDir, ModelDirectory.HISTORY_FILE);
        List<IterationRecord> history = historyText == null ? List.of()
                : ReportJson.readHistory(historyText, new Path(modelDir, ModelDirectory.HISTORY_FILE).toString());
        String pathText = ModelDirectory.readOptional(files, modelDir, ModelDirectory.PATH_FILE);
        List<org.bernoulli.report.PathPoint> path = pathText == null ? List.of()
                : ReportJson.readPath(pathText, new Path(modelDir, ModelDirectory.PATH_FILE).toString());
        String cvText = ModelDirectory.readOptional(files, modelDir, ModelDirectory.CV_FILE);
        org.bernoulli.train.CrossValidation.Curve curve = cvText == null ? null
                : ReportJson.readCurve(cvText, new Path(modelDir, ModelDirectory.CV_FILE).toString());
        String drop1Text = ModelDirectory.readOptional(files, modelDir, ModelDirectory.DROP1_FILE);
        org.bernoulli.train.Drop1.Table drop1 = drop1Text == null ? null
                : ReportJson.readDrop1(drop1Text, new Path(modelDir, ModelDirectory.DROP1_FILE).toString());
        String marginsText = ModelDirectory.readOptional(files, modelDir, ModelDirectory.MARGINS_FILE);
        List<org.bernoulli.inference.AverageMarginalEffect> margins = marginsText == null ? null
                : ReportJson.readMargins(marginsText, new Path(modelDir, ModelDirectory.MARGINS_FILE).toString());
        return HtmlReport.render(new HtmlReport.Content(modelDir, model, summary, history, evaluation, path, curve,
                Instant.now().toString(), drop1, classEvaluation, margins));
    }

    private static DataEvaluation evaluate(SparkSession spark, ScoreSource source, LogisticModel model,
                                           BadRecordPolicy policy) {
        boolean failFast = policy.mode() == BadRecordPolicy.Mode.FAIL;
        ScoredRows.Prepared input = ScoringInput.read(spark, source, model, failFast, false);
        if (!input.hasLabel()) {
            throw new BadInputException("report {DATA} needs labels: " + source.describe() + " has no label column '"
                    + source.labelColumn() + "' (set it with {LABEL_COLUMN})");
        }
        try (EvaluationJob.GoodRows good = EvaluationJob.GoodRows.of(input, failFast)) {
            return MarginEvaluation.evaluate(spark, good.marginsAndLabels(), good::rejected, source.describe(), THRESHOLD);
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw ScoringInput.locate(input, JobFailures.translate(e, spark.sparkContext().hadoopConfiguration()));
        }
    }
}
