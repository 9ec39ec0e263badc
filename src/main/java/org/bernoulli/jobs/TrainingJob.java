package org.bernoulli.jobs;

import org.bernoulli.spark.ModelDirectory;
import org.bernoulli.spark.OutputPaths;
import org.bernoulli.spark.StagedOutput;
import org.bernoulli.spark.TrainingCheckpoint;
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
import org.bernoulli.train.Fit;
import org.bernoulli.train.LogisticTrainer;
import org.bernoulli.train.TrainerSettings;
import org.bernoulli.train.TrainingSet;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.CountedBlocks;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.ParameterCovariance;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.train.EvaluationLog;
import org.bernoulli.train.FirthFitter;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.train.ModelInference;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.NegativeSampling;
import org.bernoulli.train.ClassWeights;
import org.bernoulli.train.RegularizationPath;
import org.bernoulli.train.CrossValidation;
import org.bernoulli.train.DataRequirements;
import org.bernoulli.train.Drop1;
import org.bernoulli.train.FactorSeparation;
import org.bernoulli.report.PathPoint;
import java.util.concurrent.atomic.AtomicReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The whole training job: check the output, read and cache the data, fit, write the model
 * directory — on Spark, or on the driver alone ({@link TrainingEngine}). Nothing is written unless
 * the fit succeeds.
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
     * @param path             fit a regularization path ending at the model's penalty; null for one fit
     * @param sampling         the rate at which the input's negatives were sampled, for the intercept
     *                         correction; null when they were not
     * @param classWeights     factors for the case weights of each class; null for none
     * @param inference        what the inference adds to the Wald summary: robust errors, drop1
     */
    public record Request(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                          int aggregationDepth, StatsMode stats, boolean firth, Checkpoints checkpoints,
                          IterationMonitor progress, boolean report, PathSpec path, NegativeSampling sampling,
                          ClassWeights classWeights, Inference inference) {

        /** Checks the options together; each message names the settings ({@link org.bernoulli.data.Setting}). */
        public Request {
            if (outputDir == null || outputDir.isBlank()) {
                throw new IllegalArgumentException("{OUTPUT}: a model directory is required");
            }
            if (aggregationDepth < 0) {
                throw new IllegalArgumentException("{AGGREGATION_DEPTH} must be at least 1, or 0 for automatic, got "
                        + aggregationDepth);
            }
            if (firth && settings.regParam() > 0) {
                throw new IllegalArgumentException("{FIRTH} and {REG_PARAM} are alternative penalties; choose one");
            }
            if (firth && settings.bounds() != null) {
                throw new IllegalArgumentException("{FIRTH} with {LOWER_BOUNDS}/{UPPER_BOUNDS} is not supported");
            }
            if (firth && input.offsetColumn() != null) {
                throw new IllegalArgumentException("{FIRTH} with {OFFSET_COLUMN} is not supported; fit without one "
                        + "of them");
            }
            if (path != null && (firth || checkpoints != null)) {
                throw new IllegalArgumentException("{REG_PATH} and {CV} fit penalized models: not with {FIRTH}, and "
                        + "without checkpoints (each fit of the path is short)");
            }
            CovarianceType covariance = inference.covariance();
            if (covariance.robust() && (firth || settings.regParam() > 0 || path != null || stats == StatsMode.OFF)) {
                throw new IllegalArgumentException("{COVARIANCE} " + covariance.id() + ": robust standard errors are "
                        + "computed for maximum-likelihood fits with inference; not with {FIRTH}, {REG_PARAM}, "
                        + "{REG_PATH}, {CV} or {STATS=off}");
            }
            if (input.clusterColumn() != null && !covariance.robust()) {
                throw new IllegalArgumentException("{CLUSTER_COLUMN} '" + input.clusterColumn() + "' gives "
                        + "cluster-robust standard errors: with {COVARIANCE=hc0} or hc1 (the default with clusters), "
                        + "not fisher");
            }
            if ((inference.drop1() || inference.profileCi() != null) && (firth || settings.regParam() > 0
                    || path != null || stats == StatsMode.OFF || settings.bounds() != null)) {
                throw new IllegalArgumentException((inference.drop1() ? "{DROP1}" : "{PROFILE_CI}") + ": likelihood-"
                        + "ratio tests and profile intervals are computed for maximum-likelihood fits with inference; "
                        + "not with {FIRTH}, {REG_PARAM}, {REG_PATH}, {CV}, bounds or {STATS=off}");
            }
            if (stats == StatsMode.ON && !inferenceApplies(settings)) {
                throw new IllegalArgumentException("{STATS=on}: Wald standard errors need a smooth penalty on the raw "
                        + "coefficients and no bounds; with {ELASTIC_NET} > 0 (coefficients at exactly 0), "
                        + "{STANDARDIZATION=true} or bounds use {STATS=off} or auto");
            }
        }

        /**
         * Whether Wald inference applies: maximum likelihood, or an L2 penalty on the raw
         * coefficients (the penalized information is then I + λ·diag(1, …, 1, 0)).
         */
        static boolean inferenceApplies(TrainerSettings settings) {
            Regularization r = settings.penalty();
            return settings.bounds() == null && (r.regParam() == 0 || (r.elasticNetParam() == 0 && !r.standardization()));
        }

        /**
         * The options that define the run, by name: a checkpoint records them, and a resumed run must
         * have the same ({@link TrainingCheckpoint#checkCompatible}).
         */
        Map<String, String> checkpointOptions() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("input", input.toString());
            m.put("settings", settings.toString());
            m.put("aggregation depth", Integer.toString(aggregationDepth));
            m.put("stats", stats.toString());
            m.put("firth", Boolean.toString(firth));
            m.put("class weights", String.valueOf(classWeights));
            m.put("covariance", inference.covariance().id());
            m.put("drop1", Boolean.toString(inference.drop1()));
            m.put("profile-ci", String.valueOf(inference.profileCi()));
            return m;
        }

        /** Standard errors from the Fisher information. */
        public Request(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                       int aggregationDepth, StatsMode stats, boolean firth, Checkpoints checkpoints,
                       IterationMonitor progress, boolean report, PathSpec path, NegativeSampling sampling,
                       ClassWeights classWeights) {
            this(input, outputDir, overwrite, settings, aggregationDepth, stats, firth, checkpoints, progress, report,
                    path, sampling, classWeights, Inference.WALD);
        }

        /** Maximum likelihood or L2 with automatic inference. */
        public Request(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                       int aggregationDepth) {
            this(input, outputDir, overwrite, settings, aggregationDepth, StatsMode.AUTO, false, null, null, true, null,
                    null, null);
        }
    }

    /**
     * What the inference adds to the Wald summary.
     *
     * @param covariance where the standard errors come from: the Fisher information or a robust sandwich
     * @param drop1      whether to test each term by the likelihood ratio of the fit without it
     * @param profileCi  the coefficients (by name) to give profile-likelihood intervals: empty for
     *                   all, null for none
     */
    public record Inference(CovarianceType covariance, boolean drop1, List<String> profileCi) {
        /** R's summary(glm): Fisher errors, no tests per term, no profile intervals. */
        public static final Inference WALD = new Inference(CovarianceType.FISHER, false, null);

        /** Without profile intervals. */
        public Inference(CovarianceType covariance, boolean drop1) {
            this(covariance, drop1, null);
        }

        public Inference {
            java.util.Objects.requireNonNull(covariance, "covariance");
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
            checkEvery(every);
        }

        /**
         * The checkpointing the options ask for: none without a directory (the interval is checked
         * all the same). {@code RESUME DIR} keeps checkpointing into DIR.
         *
         * @param checkpointDir {@code CHECKPOINT_DIR}, or null
         * @param resume        {@code RESUME}, or null
         */
        public static Checkpoints of(String checkpointDir, int every, String resume) {
            checkEvery(every);
            if (resume != null && checkpointDir != null && !resume.equals(checkpointDir)) {
                throw new IllegalArgumentException("{RESUME} " + resume + " and {CHECKPOINT_DIR} " + checkpointDir
                        + " differ; {RESUME} keeps checkpointing into its own directory");
            }
            String dir = resume != null ? resume : checkpointDir;
            return dir == null ? null : new Checkpoints(dir, every, resume != null);
        }

        private static void checkEvery(int every) {
            if (every < 1) {
                throw new IllegalArgumentException("{CHECKPOINT_EVERY} must be at least 1, got " + every);
            }
        }
    }

    /**
     * A regularization path: {@code length} penalties equally spaced in log λ from λmax (every
     * coefficient 0) down to the settings' λ, or to {@code minRatio}·λmax when that λ is 0; with
     * {@code folds} ≥ 2, λ is chosen by K-fold cross-validation (folds by a hash seeded with
     * {@code seed}), else the model is the path's last fit.
     */
    public record PathSpec(int length, double minRatio, int folds, long seed) {
        /** Penalties of the path that {@code CV} cross-validates when {@code REG_PATH} is not given. */
        public static final int DEFAULT_CV_LENGTH = 20;

        public PathSpec {
            if (length < 2) {
                throw new IllegalArgumentException("{REG_PATH}: a path needs at least 2 penalties, got " + length);
            }
            checkMinRatio(minRatio);
            checkFolds(folds);
        }

        /**
         * The path the options ask for, or null for a single fit (both 0). Every value is checked, given
         * or not: a negative {@code REG_PATH} is refused, never read as "the default path".
         *
         * @param regPath {@code REG_PATH}: 0 for none (a path of {@value #DEFAULT_CV_LENGTH} with CV), else ≥ 2
         * @param cv      {@code CV}: 0 for none, else ≥ 2
         */
        public static PathSpec of(int regPath, double minRatio, int cv, long seed) {
            checkLength(regPath);
            checkMinRatio(minRatio);
            checkFolds(cv);
            if (regPath == 0 && cv == 0) {
                return null;
            }
            return new PathSpec(regPath > 0 ? regPath : DEFAULT_CV_LENGTH, minRatio, cv, seed);
        }

        private static void checkLength(int length) {
            if (length < 0 || length == 1) {
                throw new IllegalArgumentException("{REG_PATH} must be 0 (a single fit) or at least 2 penalties, got "
                        + length);
            }
        }

        private static void checkMinRatio(double minRatio) {
            if (!(minRatio > 0 && minRatio < 1)) {
                throw new IllegalArgumentException("{PATH_MIN_RATIO} must be in (0, 1), got " + minRatio);
            }
        }

        private static void checkFolds(int folds) {
            if (folds == 1 || folds < 0) {
                throw new IllegalArgumentException("{CV} must be 0 (off) or at least 2 folds, got " + folds);
            }
        }

        /** A path without cross-validation. */
        public PathSpec(int length, double minRatio) {
            this(length, minRatio, 0, 0);
        }
    }

    /** The model and, when inference ran, its summary and (with DROP1) the tests per term. */
    public record Outcome(LogisticModel model, ModelSummary summary, Drop1.Table drop1) {
    }

    private TrainingJob() {
    }

    /** Runs the job and returns the model it wrote. */
    public static LogisticModel run(SparkSession spark, Request request) {
        return execute(spark, request).model();
    }

    /** Runs the job on Spark and returns the model it wrote with its summary (null when inference was off). */
    public static Outcome execute(SparkSession spark, Request request) {
        return execute(new TrainingEngine.OnSpark(spark), request);
    }

    /**
     * Runs the job on an engine and returns the model it wrote with its summary (null when inference
     * was off); the settings its warnings and notes name are in plain words.
     */
    public static Outcome execute(TrainingEngine engine, Request request) {
        return execute(engine, request, org.bernoulli.data.Setting.PLAIN);
    }

    /**
     * The same, with the warnings and notes it logs and writes naming settings as {@code words} says
     * (the command line's flags, for its train command).
     */
    public static Outcome execute(TrainingEngine engine, Request request, org.bernoulli.data.Setting.Wording words) {
        PhaseClock clock = new PhaseClock();
        long start = System.nanoTime();
        // The first touch of a file system starts Hadoop's (user, shell, metrics): part of this phase.
        clock.begin(PhaseClock.CHECKING);
        Configuration conf = engine.hadoopConfiguration();
        Checkpoints c = request.checkpoints();
        OutputPaths.check(conf, request.input().path() == null ? List.of()
                        : List.of(new OutputPaths.Named("{INPUT}", request.input().path())),
                OutputPaths.of(new OutputPaths.Named("{OUTPUT}", request.outputDir()),
                        c == null ? null : new OutputPaths.Named(c.resume() ? "{RESUME}" : "{CHECKPOINT_DIR}", c.dir())));
        StagedOutput.checkWritable(conf, request.outputDir(), request.overwrite());
        clock.begin("reading and statistics");
        Read read = read(engine, request, words);
        try (TrainingSet data = read.data()) {
            LOG.info("read {} rows, {} features, {} partitions from {}; held in {} (engine {})",
                    data.statistics().rows(), data.numFeatures(), data.partitions(), inputName(request.input()),
                    engine.describeCache(data), engine.name());
            clock.begin("fit");
            // What the run is doing, for the Spark UI's job descriptions.
            AtomicReference<String> stage = new AtomicReference<>("starting point");
            CountedBlocks<FeatureBlock> counted = new CountedBlocks<>(
                    data.dataLoss(request.aggregationDepth(), stage::get).blocks());
            BlockDataLoss passes = new BlockDataLoss(counted, data.numFeatures());
            clock.countPasses(counted::passes);
            Fitted fitted = fit(conf, request, data, passes, stage, clock).withNotes(request, read.classNote(),
                    data.frame() == null ? null : data.frame().counts());
            clock.end();
            fitted = fitted.worded(words);
            fitted.fit().warnings().forEach(LOG::warn);
            LogisticModel model = new LogisticModel(LogisticModel.FORMAT_VERSION, fitted.fit().intercept(),
                    fitted.fit().coefficients(), data.numFeatures(), data.featureNames(), fitted.settings().penalty(),
                    fitted.fit().provenance(data.statistics(), request.settings().stopRule(), inputName(request.input()),
                            request.input().format().name().toLowerCase(), data.partitions(), engine.sparkVersion(),
                            (System.nanoTime() - start) / 1e9));
            if (data.frame() != null) {
                model = model.withEncoding(data.frame().design().encoding());
            }
            model = model.withTraining(model.training().withData(fittedData(request.input(), data,
                    read.classFactors())));
            stage.set("evaluation");
            model = writeArtifacts(engine, request, data, passes, fitted, model, clock);
            clock.end();
            LOG.info("phases: " + clock.describe());
            LOG.info("passes over the data by phase: " + clock.describePasses());
            LOG.info(summaryLine(model, request.outputDir()));
            return new Outcome(model, fitted.summary() == null ? null : fitted.summary().summary(), fitted.drop1());
        }
    }

    /** The input as the output names it: its path, or its catalog table. */
    static String inputName(InputSpec input) {
        return input.source() != null ? input.source().describe(input.path()) : input.path();
    }

    /** What the model's likelihood is of: the rows' digest, and the response, weights and offsets that made them. */
    static org.bernoulli.model.FittedData fittedData(InputSpec input, TrainingSet data, double[] classFactors) {
        String response;
        String offsets;
        if (data.frame() != null) {
            org.bernoulli.formula.Design design = data.frame().design();
            response = design.describeResponse();
            offsets = design.offsetLabels().isEmpty() ? null : String.join(" + ", design.offsetLabels());
        } else {
            response = input.format() == org.bernoulli.data.InputFormat.LIBSVM ? "the LIBSVM label"
                    : "label column '" + input.labelColumn() + "'";
            offsets = input.offsetColumn() == null ? null : "column '" + input.offsetColumn() + "'";
        }
        return new org.bernoulli.model.FittedData(org.bernoulli.model.FittedData.digest(data.statistics().rowsDigest()),
                response, input.weightColumn(), classFactors, offsets);
    }

    /** For data of binomial counts, what the summary needs of them; null for Bernoulli rows. */
    private static org.bernoulli.inference.BinomialCounts binomialCounts(TrainingSet data) {
        if (data.frame() == null || data.frame().counts() == null) {
            return null;
        }
        org.bernoulli.formula.BinomialTotals t = data.frame().counts();
        return new org.bernoulli.inference.BinomialCounts(t.observations(), t.saturatedLogLikelihood(),
                t.logBinomialCoefficients());
    }

    /** The training data, checked for what a fit needs, with class weights applied (their factors and note). */
    private record Read(TrainingSet data, double[] classFactors, String classNote) {
    }

    /**
     * Reads and caches the data and checks it before any optimizer runs (degenerate data is named
     * before class weights touch it); then applies class weights.
     */
    private static Read read(TrainingEngine engine, Request request, org.bernoulli.data.Setting.Wording words) {
        TrainingSet read = engine.read(request.input(), request.aggregationDepth());
        try {
            if (read.frame() != null) {
                LOG.info("formula {}: {} coefficient columns; {}", read.frame().design().formula().text(),
                        read.numFeatures(), read.frame().design().describeResponse());
                if (read.frame().omittedLine() != null) {
                    LOG.warn(org.bernoulli.data.Setting.render(read.frame().omittedLine(), words));
                }
            }
            if (request.firth() && read.statistics().offsetRows() > 0) {
                throw new org.bernoulli.data.UsageException("{FIRTH} with offsets (offset() in {FORMULA}) is not "
                        + "supported; fit without one of them");
            }
            DataRequirements.check(read.statistics(), read.featureNames(), request.input().weightColumn(),
                    "input " + inputName(request.input()));
            if (request.path() != null && request.path().folds() > 0) {
                DataRequirements.checkFoldCount(request.path().folds(), read.statistics());
            }
            if (request.classWeights() == null) {
                return new Read(read, null, null);
            }
            double[] factors = request.classWeights().factors(read.statistics());
            String note = request.classWeights().describe(factors);
            LOG.info(note);
            return new Read(read.withClassWeights(factors[0], factors[1], request.aggregationDepth()), factors, note);
        } catch (RuntimeException | Error e) {
            read.close();
            throw e;
        }
    }

    /**
     * What the fit stage fitted.
     *
     * @param fit      the model's fit
     * @param summary  its inference, or null when off
     * @param path     the regularization path, or null
     * @param curve    the cross-validation curve, or null
     * @param settings the settings of the model's fit (at the chosen penalty on a path)
     */
    record Fitted(Fit fit, WaldInference.Result summary, List<RegularizationPath.Step> path,
                  CrossValidation.Curve curve, TrainerSettings settings, Drop1.Table drop1) {

        /** The fit's warnings and the summary's notes with their settings worded as {@code words} says. */
        Fitted worded(org.bernoulli.data.Setting.Wording words) {
            java.util.function.UnaryOperator<String> w = text -> org.bernoulli.data.Setting.render(text, words);
            WaldInference.Result s = summary == null ? null
                    : new WaldInference.Result(summary.summary().mapNotes(w), summary.inverse());
            return new Fitted(fit.mapWarnings(w), s, path, curve, settings, drop1);
        }

        /**
         * The notes a model needs: class weights (standard errors then treat the reweighted weights
         * as frequencies), offsets (scoring adds them only when told), the King–Zeng correction.
         */
        Fitted withNotes(Request request, String classNote, org.bernoulli.formula.BinomialTotals counts) {
            Fit f = fit;
            WaldInference.Result s = summary;
            if (classNote != null) {
                f = f.withWarning(classNote);
                if (s != null) {
                    s = new WaldInference.Result(s.summary().withNote(classNote
                            + "; standard errors treat the reweighted case weights as frequencies"), s.inverse());
                }
            }
            if (counts != null && counts.nonIntegerRows() > 0) {
                String note = counts.nonIntegerRows() + (counts.nonIntegerRows() == 1 ? " row has" : " rows have")
                        + " counts in cbind() that are not whole numbers (R's glm warns alike: non-integer "
                        + "#successes in a binomial glm!); they are fitted as weights, and the binomial coefficients "
                        + "of the log-likelihood and AIC are those of the gamma function";
                f = f.withWarning(note);
                if (s != null) {
                    s = new WaldInference.Result(s.summary().withNote(note), s.inverse());
                }
            }
            String offsets = request.input().offsetColumn();
            if (offsets != null) {
                f = f.withWarning("fitted with the offsets in column '" + offsets + "': score, evaluate and report "
                        + "add them to the margin when given {OFFSET_COLUMN} " + offsets
                        + " (without it, a margin is b + w·x)");
            }
            NegativeSampling sampling = request.sampling();
            if (sampling != null) {
                f = sampling.correct(f);
                if (s != null) {
                    s = new WaldInference.Result(sampling.correct(s.summary()), s.inverse());
                }
            }
            return new Fitted(f, s, path, curve, settings, drop1);
        }
    }

    /**
     * The fit stage: the data term (checkpointed when asked), the aliasing check, then Firth's fit, a
     * path (cross-validated or not) or a single fit, and inference.
     */
    private static Fitted fit(Configuration conf, Request request, TrainingSet data, BlockDataLoss passes,
                              AtomicReference<String> stage, PhaseClock clock) {
        FirthDataLoss loss = passes;
        if (data.passesOnTheDriver()) {
            LOG.info("small data ({} rows x {} features): passes run on the driver", data.statistics().rows(),
                    data.numFeatures());
        }
        FeatureStatistics statistics = data.statistics();
        List<String> names = data.featureNames();
        EvaluationLog log = checkpointLog(conf, request.checkpoints(), request.checkpointOptions(), statistics, loss);
        if (log != null) {
            loss = log;
        }
        IterationMonitor checkpointing = checkpointingMonitor(conf, request.progress(), request.checkpoints(),
                request.checkpointOptions(), request.settings().stopRule().maxIterations(), statistics, log);
        IterationMonitor monitor = (r, x) -> {
            stage.set("iteration " + (r.iteration() + 1));
            return checkpointing.accept(r, x);
        };
        TrainerSettings settings = request.settings();
        boolean inference = request.firth() || (request.stats().enabled(data.numFeatures())
                && Request.inferenceApplies(settings));
        boolean[] aliased = new boolean[data.numFeatures()];
        if (inference && settings.regParam() == 0 && request.path() == null) {
            stage.set("aliasing check");
            aliased = ModelInference.aliasedColumns(loss, statistics);
        }
        if (!request.firth() && settings.regParam() == 0 && settings.bounds() == null && request.path() == null
                && data.frame() != null) {
            FactorSeparation.check(statistics, aliased, data.frame().design());
        }
        stage.set("iteration 1");
        if (request.firth()) {
            var stop = settings.stopRule();
            FirthFitter fitter = new FirthFitter(stop.maxIterations(), stop.gradientTol());
            FirthFitter.Result firth = fitter.fit(loss, statistics, aliased, monitor);
            Fit fit = new Fit(firth.intercept(), firth.coefficients(), "firth", firth.optimization(),
                    firth.atSolution(), firth.optimization().stopReason().converged() ? List.of()
                    : List.of("Firth's iterations " + firth.optimization().stopReason().description()));
            WaldInference.Result summary = ModelInference.summarize(firth, statistics, names, aliased);
            stage.set("penalized likelihood-ratio tests");
            clock.begin("penalized likelihood-ratio tests");
            FirthFitter.PenalizedTests tests = fitter.penalizedLrTests(loss, statistics, aliased, firth, names);
            ModelSummary tested = summary.summary().withPenalizedLrTests(tests.tests());
            for (String note : tests.notes()) {
                tested = tested.withNote(note);
            }
            return new Fitted(fit, new WaldInference.Result(tested, summary.inverse()), null, null, settings, null);
        }
        Fit fit;
        List<RegularizationPath.Step> path = null;
        CrossValidation.Curve curve = null;
        if (request.path() != null) {
            int chosen;
            // The folds are checked before the path is fitted, so that a fold without rows or
            // classes stops the run before its longest part.
            stage.set("cross-validation folds");
            try (PathTraining.Folds folds = PathTraining.folds(request.path(), passes, statistics)) {
                path = PathTraining.fitPath(request.path(), settings, loss, statistics, names, stage, monitor);
                chosen = path.size() - 1;
                if (folds != null) {
                    stage.set("cross-validation");
                    curve = PathTraining.crossValidate(request.path(), settings, folds, path, names);
                    chosen = curve.best();
                }
            }
            RegularizationPath.Step step = path.get(chosen);
            fit = step.fit();
            settings = settings.withRegParam(step.regParam());
        } else {
            fit = new LogisticTrainer(settings).fit(loss, statistics, names, aliased, monitor);
        }
        WaldInference.Result summary = null;
        if (inference && Request.inferenceApplies(settings)) {
            stage.set("inference");
            clock.begin("inference");
            try {
                summary = ModelInference.summarize(loss, statistics, fit, names, settings.regParam(), aliased,
                        binomialCounts(data), request.inference().covariance(), request.input().clusterColumn());
            } catch (org.bernoulli.data.BadInputException e) { // the rows' clusters: named with the input
                throw new org.bernoulli.data.BadInputException("input " + inputName(request.input()) + ": "
                        + e.getMessage(), e);
            }
        }
        if (summary != null && data.frame() != null) {
            summary = ModelInference.withTermTests(summary, fit, aliased, statistics, data.frame().design());
        }
        if (summary != null && request.inference().profileCi() != null) {
            stage.set("profile intervals");
            clock.begin("profile intervals");
            summary = profileIntervals(loss, fit, aliased, names, summary, request.inference().profileCi());
        }
        Drop1.Table drop1 = null;
        if (summary != null && request.inference().drop1()) {
            stage.set("drop1");
            clock.begin("drop1");
            drop1 = Drop1.of(loss, statistics, names, aliased, settings, fit, summary.summary(),
                    data.frame() != null ? data.frame().design().droppableTerms() : Drop1.columnTerms(names));
        }
        return new Fitted(fit, summary, path, curve, settings, drop1);
    }

    /**
     * The summary with profile-likelihood intervals for the coefficients named (all when none is
     * named), and a note for each bound that could not be computed.
     *
     * @throws org.bernoulli.data.UsageException naming a coefficient that is not estimated
     */
    private static WaldInference.Result profileIntervals(FirthDataLoss loss, Fit fit, boolean[] aliased,
                                                         List<String> names, WaldInference.Result summary,
                                                         List<String> wanted) {
        int d = names.size();
        double[] packed = java.util.Arrays.copyOf(fit.coefficients(), d + 1);
        packed[d] = fit.intercept();
        ModelSummary s = summary.summary();
        java.util.Set<String> estimated = new java.util.HashSet<>();
        s.estimatedCoefficients().forEach(c -> estimated.add(c.name()));
        for (String w : wanted) {
            if (!estimated.contains(w)) {
                throw new org.bernoulli.data.UsageException("{PROFILE_CI} " + w + ": not an estimated coefficient; "
                        + "the coefficients are " + String.join(", ", estimated));
            }
        }
        org.bernoulli.train.ProfileLikelihood profile = new org.bernoulli.train.ProfileLikelihood(loss, packed, aliased);
        List<org.bernoulli.inference.CoefficientEstimate> rows = new java.util.ArrayList<>();
        List<String> notes = new java.util.ArrayList<>();
        for (org.bernoulli.inference.CoefficientEstimate c : s.coefficients()) {
            if (!c.estimated() || !wanted.isEmpty() && !wanted.contains(c.name())) {
                rows.add(c);
                continue;
            }
            int j = c.name().equals("(Intercept)") ? d : names.indexOf(c.name());
            org.bernoulli.train.ProfileLikelihood.Interval interval = profile.interval(j, c.stdError());
            if (interval.low() == null || interval.high() == null) {
                notes.add("the profile-likelihood interval of " + c.name() + " could not be computed "
                        + (interval.low() == null && interval.high() == null ? "on either side"
                        : interval.low() == null ? "below" : "above")
                        + ": the constrained fits did not converge (fitted probabilities numerically 0 or 1); the "
                        + "Wald interval stands alone there");
            }
            rows.add(c.withProfile(interval.low(), interval.high()));
        }
        ModelSummary withProfiles = s.withCoefficients(rows);
        for (String note : notes) {
            withProfiles = withProfiles.withNote(note);
        }
        return new WaldInference.Result(withProfiles, summary.inverse());
    }

    /**
     * The log of evaluations for checkpoints, with a resumed run's recorded evaluations first; null
     * without checkpoints.
     */
    private static EvaluationLog checkpointLog(Configuration conf, Checkpoints checkpoints, Map<String, String> options,
                                               FeatureStatistics statistics, FirthDataLoss loss) {
        if (checkpoints == null) {
            return null;
        }
        List<EvaluationLog.Entry> recorded = List.of();
        if (checkpoints.resume()) {
            TrainingCheckpoint previous = TrainingCheckpoint.load(conf, checkpoints.dir());
            previous.checkCompatible(options, TrainingCheckpoint.digest(statistics), checkpoints.dir());
            recorded = previous.entries();
            LOG.info("resuming from iteration {} ({} recorded evaluations in {})", previous.iteration(),
                    recorded.size(), checkpoints.dir());
        }
        return new EvaluationLog(loss, recorded);
    }

    /**
     * The artifacts stage: the model directory with what the fit stage fitted, written all or nothing;
     * returns the model as written (with its phase times).
     */
    private static LogisticModel writeArtifacts(TrainingEngine engine, Request request, TrainingSet data,
                                                BlockDataLoss passes, Fitted fitted, LogisticModel model,
                                                PhaseClock clock) {
        Configuration conf = engine.hadoopConfiguration();
        Map<String, String> files = new LinkedHashMap<>();
        ModelSummary summary = fitted.summary() == null ? null : fitted.summary().summary();
        if (summary != null) {
            files.put(ModelDirectory.SUMMARY_FILE, SummaryJson.write(summary));
            files.put(ModelDirectory.COVARIANCE_FILE,
                    SummaryJson.write(ParameterCovariance.of(fitted.summary().inverse(), data.featureNames())));
        }
        List<PathPoint> points = fitted.path() == null ? List.of()
                : PathTraining.pathPoints(fitted.path(), data.statistics());
        if (fitted.path() != null) {
            files.put(ModelDirectory.PATH_FILE, ReportJson.writePath(points));
        }
        if (fitted.curve() != null) {
            files.put(ModelDirectory.CV_FILE, ReportJson.writeCurve(fitted.curve()));
        }
        if (fitted.drop1() != null) {
            files.put(ModelDirectory.DROP1_FILE, SummaryJson.write(fitted.drop1()));
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
            files.putAll(reportFiles(engine, inputName(request.input()), request.outputDir(), data, passes, model,
                    fitted.fit().optimization().history(), summary, points, fitted.curve(), fitted.drop1()));
        }
        clock.begin("writing");
        // model.json records the phases up to writing; writing itself is logged.
        LogisticModel timed = model.withTraining(model.training().withPhaseSeconds(clock.ended()));
        ModelDirectory.write(conf, request.outputDir(), timed, files, request.overwrite());
        return timed;
    }

    /**
     * The report and its inputs: the iteration history, and the model's metrics and curve counts on
     * the cached training data (one more pass over the blocks, {@link TrainingEngine#evaluate}).
     */
    private static Map<String, String> reportFiles(TrainingEngine engine, String input, String outputDir,
                                                   TrainingSet data, BlockDataLoss passes, LogisticModel model,
                                                   List<IterationRecord> history, ModelSummary summary,
                                                   List<PathPoint> path, CrossValidation.Curve curve,
                                                   Drop1.Table drop1) {
        double[] packed = java.util.Arrays.copyOf(model.coefficients(), model.numFeatures() + 1);
        packed[model.numFeatures()] = model.intercept();
        DataEvaluation evaluation = engine.evaluate(data, passes.blocks(), packed, "the training data, " + input,
                ReportJob.THRESHOLD);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ModelDirectory.HISTORY_FILE, ReportJson.writeHistory(history));
        files.put(ModelDirectory.EVALUATION_FILE, ReportJson.writeEvaluation(evaluation));
        files.put(ModelDirectory.REPORT_FILE, HtmlReport.render(new HtmlReport.Content(outputDir, model,
                summary, history, evaluation, path, curve, Instant.now().toString(), drop1)));
        return files;
    }

    /**
     * Logs each iteration and, when checkpointing, writes a checkpoint every K iterations — but not
     * while a resumed run is still replaying its log (those iterations are already on disk).
     */
    private static IterationMonitor checkpointingMonitor(Configuration conf, IterationMonitor given, Checkpoints c,
                                                         Map<String, String> options, int maxIterations,
                                                         FeatureStatistics statistics, EvaluationLog log) {
        IterationMonitor progress = given != null ? given : (r, x) -> logIteration(r, maxIterations);
        if (log == null) {
            return progress;
        }
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
}
