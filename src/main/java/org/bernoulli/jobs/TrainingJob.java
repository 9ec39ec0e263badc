package org.bernoulli.jobs;

import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.Setting;
import org.bernoulli.data.UsageException;
import org.bernoulli.formula.BinomialTotals;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.ParameterCovariance;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.CountedBlocks;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.optim.StopReason;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.report.HtmlReport;
import org.bernoulli.report.PathPoint;
import org.bernoulli.report.ReportJson;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.train.DataRequirements;
import org.bernoulli.train.EvaluationLog;
import org.bernoulli.train.ModelFitting;
import org.bernoulli.train.ModelInference;
import org.bernoulli.train.TrainingSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole training job: check the output, read and cache the data, fit ({@link ModelFitting}),
 * write the model directory — on Spark, or on the driver alone ({@link TrainingEngine}). Nothing is
 * written unless the fit succeeds.
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    /**
     * The model and, when inference ran, its summary and (with drop1) the tests per term.
     *
     * @param model       the binary model written, or null for a model of more than two classes
     * @param categorical the model of more than two classes written, or null for a binary one
     */
    public record Outcome(LogisticModel model, ModelSummary summary, org.bernoulli.train.Drop1.Table drop1,
                          org.bernoulli.model.CategoricalModel categorical,
                          List<org.bernoulli.inference.AverageMarginalEffect> margins) {

        /** The model written, of either kind. */
        public org.bernoulli.model.FittedModel written() {
            return model != null ? model : categorical;
        }
    }

    private TrainingJob() {
    }

    /** Runs the job and returns the model it wrote. */
    public static LogisticModel run(SparkSession spark, TrainingRequest request) {
        return execute(spark, request).model();
    }

    /** Runs the job on Spark and returns the model it wrote with its summary (null when inference was off). */
    public static Outcome execute(SparkSession spark, TrainingRequest request) {
        return execute(new TrainingEngine.OnSpark(spark), request);
    }

    /**
     * Runs the job on an engine and returns the model it wrote with its summary (null when inference
     * was off); the settings its warnings and notes name are in plain words.
     */
    public static Outcome execute(TrainingEngine engine, TrainingRequest request) {
        return execute(engine, request, Setting.PLAIN);
    }

    /**
     * The same, with the warnings and notes it logs and writes naming settings as {@code words} says
     * (the command line's flags, for its train command).
     */
    public static Outcome execute(TrainingEngine engine, TrainingRequest request, Setting.Wording words) {
        PhaseClock clock = new PhaseClock();
        long start = System.nanoTime();
        // On Spark, the first touch of a file system starts Hadoop's (user, shell, metrics): part of this phase.
        clock.begin(PhaseClock.CHECKING);
        Checkpoints c = request.checkpoints();
        FileStore files = engine.files(request.input().path(), request.outputDir(), c == null ? null : c.dir());
        OutputPaths.check(files, request.input().path() == null ? List.of()
                        : List.of(new OutputPaths.Named("{INPUT}", request.input().path())),
                OutputPaths.of(new OutputPaths.Named("{OUTPUT}", request.outputDir()),
                        c == null ? null : new OutputPaths.Named(c.resume() ? "{RESUME}" : "{CHECKPOINT_DIR}", c.dir())));
        StagedOutput.checkWritable(files, request.outputDir(), request.overwrite());
        clock.begin("reading and statistics");
        Read read = read(engine, request, words);
        try (TrainingSet data = read.data()) {
            LOG.info("read {} rows, {} features, {} partitions from {}; held in {} (engine {})",
                    data.statistics().rows(), data.numFeatures(), data.partitions(), request.inputName(),
                    engine.describeCache(data), engine.name());
            if (data.passesOnTheDriver()) {
                LOG.info("small data ({} rows x {} features): passes run on the driver", data.statistics().rows(),
                        data.numFeatures());
            }
            if (request.fit().inference().margins() && data.frame() != null) {
                MarginsStep.refuseUnsupported(data.frame().design()); // before the fit, not after
            }
            clock.begin("fit");
            // What the run is doing, for the Spark UI's job descriptions.
            AtomicReference<String> stage = new AtomicReference<>("starting point");
            CountedBlocks<FeatureBlock> counted = new CountedBlocks<>(
                    data.dataLoss(request.aggregationDepth(), stage::get).blocks());
            BlockDataLoss passes = new BlockDataLoss(counted, data.numFeatures());
            clock.countPasses(counted::passes);
            if (read.classes() != null) {
                CategoricalTraining.Result r = CategoricalTraining.run(engine, request, data, read.classes(), counted,
                        TrainingProgress.of(TrainingProgress.iterations(request), stage, clock), clock, words, start);
                return finished(clock, request, "mean cross-entropy", new Outcome(null, r.summary(), r.drop1(),
                        r.model(), r.margins()));
            }
            ModelFitting.Fitted fitted = withNotes(fit(files, request, data, passes, stage, clock), request, read,
                    data).worded(words);
            clock.end();
            fitted.fit().warnings().forEach(LOG::warn);
            LogisticModel model = new LogisticModel(LogisticModel.FORMAT_VERSION, fitted.fit().intercept(),
                    fitted.fit().coefficients(), data.numFeatures(), data.featureNames(), fitted.settings().penalty(),
                    fitted.fit().provenance(data.statistics(), request.settings().stopRule(), request.inputName(),
                            request.input().format().name().toLowerCase(Locale.ROOT), data.partitions(),
                            engine.sparkVersion(), (System.nanoTime() - start) / 1e9));
            if (data.frame() != null) {
                model = model.withEncoding(data.frame().design().encoding());
            }
            model = model.withTraining(model.training().withData(request.fittedData(data, read.classFactors())));
            List<org.bernoulli.inference.AverageMarginalEffect> margins = margins(engine, request, data, fitted, clock);
            stage.set("evaluation");
            model = writeArtifacts(engine, request, data, passes, fitted, model, margins, clock);
            return finished(clock, request, "mean BCE", new Outcome(model, fitted.summary() == null ? null
                    : fitted.summary().summary(), fitted.drop1(), null, margins));
        }
    }

    /** The average marginal effects when asked for ({@code MARGINS}): one more read of the input. */
    private static List<org.bernoulli.inference.AverageMarginalEffect> margins(TrainingEngine engine,
            TrainingRequest request, TrainingSet data, ModelFitting.Fitted fitted, PhaseClock clock) {
        if (!request.fit().inference().margins()) {
            return null;
        }
        if (fitted.summary() == null) {
            throw new org.bernoulli.data.UsageException("{MARGINS}: the effects' standard errors need inference, which "
                    + "is off for " + data.numFeatures() + " features; give {STATS=on}");
        }
        clock.begin("marginal effects");
        return MarginsStep.compute(engine, request.input(), data.frame().design(), new double[][] {fitted.packed()},
                fitted.summary().inverse().covariance(), true, request.fit().inference().marginsAtMeans()).effects();
    }

    /** The run's last lines in the log: its phases, passes and outcome. */
    private static Outcome finished(PhaseClock clock, TrainingRequest request, String meanLoss, Outcome outcome) {
        clock.end();
        LOG.info("phases: " + clock.describe());
        LOG.info("passes over the data by phase: " + clock.describePasses());
        LOG.info(summaryLine(outcome.written().training(), meanLoss, request.outputDir()));
        return outcome;
    }

    /**
     * The training data, checked for what a fit needs, with class weights applied (their factors and
     * note); the classes of a response of more than two (null for two).
     */
    private record Read(TrainingSet data, double[] classFactors, String classNote, List<String> classes) {
    }

    /**
     * Reads and caches the data and checks it before any optimizer runs (degenerate data is named
     * before class weights touch it); then applies class weights.
     */
    private static Read read(TrainingEngine engine, TrainingRequest request, Setting.Wording words) {
        TrainingSet read = engine.read(request.input(), request.aggregationDepth());
        try {
            if (read.frame() != null) {
                LOG.info("formula {}: {} coefficient columns; {}", read.frame().design().formula().text(),
                        read.numFeatures(), read.frame().design().describeResponse());
                if (read.frame().omittedLine() != null) {
                    LOG.warn(Setting.render(read.frame().omittedLine(), words));
                }
            }
            if (request.fit().firth() && read.statistics().offsetRows() > 0) {
                throw new UsageException("{FIRTH} with offsets (offset() in {FORMULA}) is not supported; fit without "
                        + "one of them");
            }
            List<String> classes = CategoricalTraining.classes(request, read);
            if (classes != null) { // classes are counted by the categorical fit
                CategoricalTraining.check(request, classes.size());
                DataRequirements.checkRows(read.statistics(), read.featureNames(), request.input().weightColumn(),
                        "input " + request.inputName());
            } else {
                DataRequirements.check(read.statistics(), read.featureNames(), request.input().weightColumn(),
                        "input " + request.inputName());
            }
            if (request.fit().path() != null && request.fit().path().folds() > 0) {
                DataRequirements.checkFoldCount(request.fit().path().folds(), read.statistics());
            }
            if (request.classWeights() == null) {
                return new Read(read, null, null, classes);
            }
            double[] factors = request.classWeights().factors(read.statistics());
            String note = request.classWeights().describe(factors);
            LOG.info(note);
            return new Read(read.withClassWeights(factors[0], factors[1], request.aggregationDepth()), factors, note,
                    null);
        } catch (RuntimeException | Error e) {
            read.close();
            throw e;
        }
    }

    /**
     * The fit stage on the data term, counted and — when asked — checkpointed, with the run's
     * progress: iterations logged, stages labelling the passes, phases timed.
     */
    private static ModelFitting.Fitted fit(FileStore files, TrainingRequest request, TrainingSet data,
                                           BlockDataLoss passes, AtomicReference<String> stage, PhaseClock clock) {
        FeatureStatistics statistics = data.statistics();
        Checkpoints checkpoints = request.checkpoints();
        EvaluationLog log = checkpoints == null ? null
                : checkpoints.log(files, request.checkpointOptions(), statistics, passes);
        IterationMonitor logged = TrainingProgress.iterations(request);
        FirthDataLoss loss = log != null ? log : passes;
        IterationMonitor monitor = log == null ? logged
                : checkpoints.monitor(files, request.checkpointOptions(), statistics, log, logged);
        try {
            return ModelFitting.fit(data, loss, passes, request.fit(), request.input().clusterColumn(),
                    TrainingProgress.of(monitor, stage, clock));
        } catch (ModelInference.OneCluster e) { // the rows' clusters: named with the input
            throw new BadInputException("input " + request.inputName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The notes a model needs: class weights (standard errors then treat the reweighted weights as
     * frequencies), counts that are not whole numbers (as R warns), offsets (scoring adds them only
     * when told), the King–Zeng correction.
     */
    private static ModelFitting.Fitted withNotes(ModelFitting.Fitted fitted, TrainingRequest request, Read read,
                                                 TrainingSet data) {
        ModelFitting.Fitted f = fitted;
        if (read.classNote() != null) {
            f = f.withWarningAndNote(read.classNote(), read.classNote()
                    + "; standard errors treat the reweighted case weights as frequencies");
        }
        BinomialTotals counts = data.frame() == null ? null : data.frame().counts();
        if (counts != null && counts.nonIntegerRows() > 0) {
            f = f.withNote(counts.nonIntegerRows() + (counts.nonIntegerRows() == 1 ? " row has" : " rows have")
                    + " counts in cbind() that are not whole numbers (R's glm warns alike: non-integer #successes in a "
                    + "binomial glm!); they are fitted as weights, and the binomial coefficients of the log-likelihood "
                    + "and AIC are those of the gamma function");
        }
        String offsets = request.input().offsetColumn();
        if (offsets != null) {
            f = f.withWarning("fitted with the offsets in column '" + offsets + "': score, evaluate and report add "
                    + "them to the margin when given {OFFSET_COLUMN} " + offsets + " (without it, a margin is b + w·x)");
        }
        return request.sampling() == null ? f : f.corrected(request.sampling());
    }

    /**
     * The artifacts stage: the model directory with what the fit stage fitted, written all or nothing;
     * returns the model as written (with its phase times).
     */
    private static LogisticModel writeArtifacts(TrainingEngine engine, TrainingRequest request, TrainingSet data,
                                                BlockDataLoss passes, ModelFitting.Fitted fitted, LogisticModel model,
                                                List<org.bernoulli.inference.AverageMarginalEffect> margins,
                                                PhaseClock clock) {
        Map<String, String> files = new LinkedHashMap<>();
        ModelSummary summary = fitted.summary() == null ? null : fitted.summary().summary();
        if (summary != null) {
            files.put(ModelDirectory.SUMMARY_FILE, SummaryJson.write(summary));
            files.put(ModelDirectory.COVARIANCE_FILE,
                    SummaryJson.write(ParameterCovariance.of(fitted.summary().inverse(), data.featureNames())));
        }
        List<PathPoint> points = fitted.path() == null ? List.of() : PathPoint.of(fitted.path(), data.statistics());
        if (fitted.path() != null) {
            files.put(ModelDirectory.PATH_FILE, ReportJson.writePath(points));
        }
        if (fitted.curve() != null) {
            files.put(ModelDirectory.CV_FILE, ReportJson.writeCurve(fitted.curve()));
        }
        if (fitted.drop1() != null) {
            files.put(ModelDirectory.DROP1_FILE, SummaryJson.write(fitted.drop1()));
        }
        if (margins != null) {
            files.put(ModelDirectory.MARGINS_FILE, SummaryJson.write(margins));
        }
        boolean counts = data.frame() != null && data.frame().counts() != null;
        if (request.report() && counts) {
            // The evaluation counts rows, not trials: on the successes and failures of counts it would
            // weigh a group of 500 trials like one of 5.
            LOG.warn("no report for binomial counts: its evaluation (log loss, AUC, calibration) counts rows, not "
                    + "trials; the summary has the fit's deviance and AIC");
        }
        if (request.report() && !counts) {
            clock.begin("evaluation and report");
            DataEvaluation evaluation = engine.evaluate(data, passes.blocks(), fitted.packed(),
                    "the training data, " + request.inputName(), ReportJob.THRESHOLD);
            List<IterationRecord> history = fitted.fit().optimization().history();
            files.put(ModelDirectory.HISTORY_FILE, ReportJson.writeHistory(history));
            files.put(ModelDirectory.EVALUATION_FILE, ReportJson.writeEvaluation(evaluation));
            files.put(ModelDirectory.REPORT_FILE, HtmlReport.render(new HtmlReport.Content(request.outputDir(), model,
                    summary, history, evaluation, points, fitted.curve(), Instant.now().toString(), fitted.drop1(), null,
                    margins)));
        }
        clock.begin("writing");
        // model.json records the phases up to writing; writing itself is logged.
        LogisticModel timed = model.withTraining(model.training().withPhaseSeconds(clock.ended()));
        ModelDirectory.write(engine.files(request.outputDir()), request.outputDir(), timed, files, request.overwrite());
        return timed;
    }

    /** The run in one line: how it ended, its cost and its result. */
    static String summaryLine(TrainingProvenance t, String meanLoss, String outputDir) {
        return String.format(Locale.ROOT, "done: %s after %d iterations (%d passes, %s) in %.1fs; objective %.12g, "
                        + "%s %.12g; model written to %s", StopReason.valueOf(t.stopReason()).description(),
                t.iterations(), t.passes(), t.optimizer(), t.seconds(), t.objective(), meanLoss, t.meanLoss(), outputDir);
    }
}
