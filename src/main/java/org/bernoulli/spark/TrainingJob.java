package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.InputSpec;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.report.HtmlReport;
import org.bernoulli.report.ReportJson;
import org.bernoulli.score.ReportJob;
import org.bernoulli.train.Fit;
import org.bernoulli.train.LogisticTrainer;
import org.bernoulli.train.TrainerSettings;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.InMemoryDataLoss;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.ParameterCovariance;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.train.EvaluationLog;
import org.bernoulli.train.FirthFitter;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.train.ModelInference;
import org.bernoulli.train.StatsMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The whole training job on Spark: check the output, read and cache the data, fit, write the
 * model directory. Nothing is written unless the fit succeeds.
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    /**
     * @param input            the training data
     * @param outputDir        the model directory to write
     * @param overwrite        whether an existing model directory may be replaced
     * @param settings         penalty and stop rule
     * @param aggregationDepth aggregation tree depth
     * @param stats            whether to follow the fit with inference (summary.json, covariance.json)
     * @param firth            Firth's bias-reduced fit instead of maximum likelihood (implies stats)
     * @param checkpoints      where and how often to checkpoint, and whether to resume; null for none
     * @param progress         receives every iteration; null for one log line per iteration
     * @param report           whether to evaluate the model on its training data and write
     *                         {@code report.html}, {@code evaluation.json} and {@code history.json}
     */
    public record Request(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                          int aggregationDepth, StatsMode stats, boolean firth, Checkpoints checkpoints,
                          IterationMonitor progress, boolean report) {

        public Request {
            if (firth && settings.regParam() > 0) {
                throw new IllegalArgumentException("--firth and --reg-param are alternative penalties; choose one");
            }
            if (stats == StatsMode.ON && !inferenceApplies(settings)) {
                throw new IllegalArgumentException("--stats on: Wald standard errors need a smooth penalty on the raw "
                        + "coefficients; with --elastic-net > 0 (coefficients at exactly 0) or --standardization true "
                        + "use --stats off or auto");
            }
        }

        /**
         * Whether Wald inference applies: maximum likelihood, or an L2 penalty on the raw
         * coefficients (the penalized information is then I + λ·diag(1, …, 1, 0)).
         */
        static boolean inferenceApplies(TrainerSettings settings) {
            Regularization r = settings.penalty();
            return r.regParam() == 0 || (r.elasticNetParam() == 0 && !r.standardization());
        }

        /** Maximum likelihood or L2 with automatic inference. */
        public Request(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                       int aggregationDepth) {
            this(input, outputDir, overwrite, settings, aggregationDepth, StatsMode.AUTO, false, null, null, true);
        }
    }

    /**
     * Checkpointing of a training run.
     *
     * @param dir    the checkpoint directory (any Hadoop file system)
     * @param every  write a checkpoint every this many iterations
     * @param resume whether to continue from the checkpoint in {@code dir}
     */
    public record Checkpoints(String dir, int every, boolean resume) {
        public Checkpoints {
            if (every < 1) {
                throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + every);
            }
        }
    }

    /** The model and, when inference ran, its summary. */
    public record Outcome(LogisticModel model, ModelSummary summary) {
    }

    private TrainingJob() {
    }

    /** Runs the job and returns the model it wrote. */
    public static LogisticModel run(SparkSession spark, Request request) {
        return execute(spark, request).model();
    }

    /** Runs the job and returns the model it wrote with its summary (null when inference was off). */
    public static Outcome execute(SparkSession spark, Request request) {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        StagedOutput.checkWritable(conf, request.outputDir(), request.overwrite());
        try (TrainingData data = TrainingDataReader.read(spark, request.input(), request.aggregationDepth())) {
            LOG.info("read {} rows, {} features, {} partitions from {}", data.statistics().rows(), data.numFeatures(),
                    data.partitions(), request.input().path());
            // What the run is doing, for the Spark UI's job descriptions.
            java.util.concurrent.atomic.AtomicReference<String> stage =
                    new java.util.concurrent.atomic.AtomicReference<>("starting point");
            DataLoss loss = data.dataLoss(request.aggregationDepth(), stage::get);
            if (loss instanceof InMemoryDataLoss) {
                LOG.info("small data ({} rows x {} features): passes run on the driver", data.statistics().rows(),
                        data.numFeatures());
            }
            FeatureStatistics statistics = data.statistics();
            List<String> names = data.featureNames();
            Checkpoints checkpoints = request.checkpoints();
            EvaluationLog log = null;
            if (checkpoints != null) {
                List<EvaluationLog.Entry> recorded = List.of();
                if (checkpoints.resume()) {
                    TrainingCheckpoint previous = TrainingCheckpoint.load(conf, checkpoints.dir());
                    previous.checkCompatible(TrainingCheckpoint.options(request), TrainingCheckpoint.digest(statistics),
                            checkpoints.dir());
                    recorded = previous.entries();
                    LOG.info("resuming from iteration {} ({} recorded evaluations in {})", previous.iteration(),
                            recorded.size(), checkpoints.dir());
                }
                log = new EvaluationLog(loss, recorded);
                loss = log;
            }
            IterationMonitor checkpointing = checkpointingMonitor(conf, request, statistics, log);
            IterationMonitor monitor = (r, x) -> {
                stage.set("iteration " + (r.iteration() + 1));
                return checkpointing.accept(r, x);
            };
            boolean inference = request.firth() || (request.stats().enabled(data.numFeatures())
                    && Request.inferenceApplies(request.settings()));
            boolean[] aliased = new boolean[data.numFeatures()];
            if (inference && request.settings().regParam() == 0) {
                stage.set("aliasing check");
                aliased = ModelInference.aliasedColumns(loss, statistics);
                for (int j = 0; j < aliased.length; j++) {
                    if (aliased[j]) {
                        LOG.warn("{} is a linear combination of the intercept and earlier columns: held at 0, "
                                + "not estimated", names.get(j));
                    }
                }
            }
            stage.set("iteration 1");
            Fit fit;
            WaldInference.Result summary = null;
            if (request.firth()) {
                var stop = request.settings().stopRule();
                FirthFitter.Result firth = new FirthFitter(stop.maxIterations(), stop.gradientTol())
                        .fit(loss, statistics, aliased, monitor);
                fit = new Fit(firth.intercept(), firth.coefficients(), "firth", firth.optimization(),
                        firth.atSolution(), firth.optimization().stopReason().converged() ? List.of()
                        : List.of("Firth's iterations " + firth.optimization().stopReason().description()));
                summary = ModelInference.summarize(firth, statistics, names, aliased);
            } else {
                fit = new LogisticTrainer(request.settings())
                        .fit(loss, statistics, names, aliased, monitor);
                if (inference) {
                    stage.set("inference");
                    summary = ModelInference.summarize(loss, statistics, fit, names, request.settings().regParam(),
                            aliased);
                }
            }
            fit.warnings().forEach(w -> LOG.warn(w));
            LogisticModel model = new LogisticModel(LogisticModel.FORMAT_VERSION, fit.intercept(), fit.coefficients(),
                    data.numFeatures(), data.featureNames(), request.settings().penalty(),
                    provenance(spark, request, data, fit, (System.nanoTime() - start) / 1e9));
            Map<String, String> extra = new LinkedHashMap<>();
            if (summary != null) {
                extra.put(ModelDirectory.SUMMARY_FILE, SummaryJson.write(summary.summary()));
                extra.put(ModelDirectory.COVARIANCE_FILE,
                        SummaryJson.write(ParameterCovariance.of(summary.inverse(), names)));
            }
            if (request.report()) {
                extra.putAll(reportFiles(spark, request, data, model, fit, summary == null ? null : summary.summary()));
            }
            ModelDirectory.write(conf, request.outputDir(), model, extra, request.overwrite());
            LOG.info(summaryLine(model, request.outputDir()));
            return new Outcome(model, summary == null ? null : summary.summary());
        }
    }

    /**
     * The report and its inputs: the iteration history, and the model's metrics and curve counts on
     * the cached training data (one more pass, plus a sort of the distinct margins for the exact AUC).
     */
    private static Map<String, String> reportFiles(SparkSession spark, Request request, TrainingData data,
                                                   LogisticModel model, Fit fit, ModelSummary summary) {
        double[] packed = java.util.Arrays.copyOf(model.coefficients(), model.numFeatures() + 1);
        packed[model.numFeatures()] = model.intercept();
        DataEvaluation evaluation = ReportJob.evaluate(spark, data.marginsAndLabels(spark, packed), () -> 0L,
                "the training data, " + request.input().path());
        List<IterationRecord> history = fit.optimization().history();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ModelDirectory.HISTORY_FILE, ReportJson.writeHistory(history));
        files.put(ModelDirectory.EVALUATION_FILE, ReportJson.writeEvaluation(evaluation));
        files.put(ModelDirectory.REPORT_FILE, HtmlReport.render(new HtmlReport.Content(request.outputDir(), model,
                summary, history, evaluation, Instant.now().toString())));
        return files;
    }

    /**
     * Logs each iteration and, when checkpointing, writes a checkpoint every K iterations — but not
     * while a resumed run is still replaying its log (those iterations are already on disk).
     */
    private static IterationMonitor checkpointingMonitor(Configuration conf, Request request,
                                                         FeatureStatistics statistics, EvaluationLog log) {
        int maxIterations = request.settings().stopRule().maxIterations();
        IterationMonitor progress = request.progress() != null ? request.progress()
                : (r, x) -> logIteration(r, maxIterations);
        if (log == null) {
            return progress;
        }
        Checkpoints c = request.checkpoints();
        Map<String, String> options = TrainingCheckpoint.options(request);
        long digest = TrainingCheckpoint.digest(statistics);
        return (r, x) -> {
            progress.accept(r, x);
            if (r.iteration() > 0 && r.iteration() % c.every() == 0 && !log.replaying()) {
                TrainingCheckpoint.save(conf, c.dir(), new TrainingCheckpoint(options, digest, r.iteration(),
                        log.entries()));
                LOG.info("checkpoint at iteration {} written to {}", r.iteration(), c.dir());
            }
            return true;
        };
    }

    /** One line per iteration, with a bound on the time left when the iteration limit is reached. */
    private static boolean logIteration(IterationRecord r, int maxIterations) {
        String left = r.iteration() > 0 ? String.format("  at most %.0fs more", maxRemainingSeconds(r, maxIterations))
                : "";
        LOG.info(String.format("iteration %4d  objective %.12g  |grad| %.3e  step %.3e  passes %d  %.2fs%s",
                r.iteration(), r.objective(), r.gradientNorm(), r.step(), r.passes(), r.seconds(), left));
        return true;
    }

    /** The run in one line: how it ended, its cost and its result. */
    static String summaryLine(LogisticModel model, String outputDir) {
        TrainingProvenance t = model.training();
        return String.format(java.util.Locale.ROOT,
                "done: %s after %d iterations (%d passes, %s) in %.1fs; objective %.12g, mean BCE %.12g; "
                        + "model written to %s", org.bernoulli.optim.StopReason.valueOf(t.stopReason()).description(),
                t.iterations(), t.passes(), t.optimizer(), t.seconds(), t.objective(), t.meanLoss(), outputDir);
    }

    /**
     * Seconds until the iteration limit at the mean pace so far: an upper bound on the time left,
     * since convergence usually stops the run earlier.
     */
    public static double maxRemainingSeconds(IterationRecord r, int maxIterations) {
        return r.iteration() == 0 ? Double.NaN
                : r.seconds() / r.iteration() * Math.max(0, maxIterations - r.iteration());
    }

    private static TrainingProvenance provenance(SparkSession spark, Request request, TrainingData data, Fit fit,
                                                 double seconds) {
        var opt = fit.optimization();
        var stop = request.settings().stopRule();
        double[] history = opt.history().stream().mapToDouble(IterationRecord::objective).toArray();
        String version = TrainingJob.class.getPackage().getImplementationVersion();
        return new TrainingProvenance(request.input().path(), request.input().format().name().toLowerCase(),
                data.statistics().rows(), data.statistics().weightSum(), data.statistics().positiveRows(),
                fit.optimizer(), stop.maxIterations(), stop.objectiveTol(), stop.gradientTol(), data.partitions(),
                opt.iterations(), opt.passes(), opt.stopReason().name(), opt.stopReason().converged(), opt.value(),
                fit.atSolution().meanLoss(), -fit.atSolution().negLogLikelihood(),
                opt.history().get(opt.history().size() - 1).gradientNorm(), history, fit.warnings(), spark.version(),
                version != null ? version : "development", System.getProperty("java.version"), seconds,
                Instant.now().toString());
    }
}
