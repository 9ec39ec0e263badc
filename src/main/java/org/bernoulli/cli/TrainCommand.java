package org.bernoulli.cli;

import org.bernoulli.data.Family;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabelCoding;
import org.bernoulli.data.LibSvmParser;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.Lbfgs;
import org.bernoulli.optim.StopRule;
import org.bernoulli.spark.SparkSessions;
import org.bernoulli.jobs.EngineChoice;
import org.bernoulli.jobs.TrainingEngine;
import org.bernoulli.jobs.TrainingJob;
import org.bernoulli.train.ClassWeights;
import org.bernoulli.train.CoefficientBounds;
import org.bernoulli.train.NegativeSampling;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli train}: fit a logistic regression and write a model directory. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Fit a logistic regression by maximizing the Bernoulli likelihood: minimize the mean binary "
                    + "cross-entropy (the negative log-likelihood divided by the total weight) plus the "
                    + "elastic-net penalty λ·((1−α)/2·‖w‖² + α·‖w‖₁) (--reg-param λ, --elastic-net α; 0 by "
                    + "default), the intercept unpenalized.",
            "Writes MODEL_DIR/model.json; nothing is written unless the fit succeeds."})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read option values from FILE, one 'name = value' per line (e.g. reg-param = 0.01; see "
                    + "conf/train.properties); options on the command line override them.")
    private String config;

    // Required, on the command line or in --config (checked in call()).
    @Option(names = "--input", paramLabel = "PATH",
            description = "Training data: a file, a directory of part files or a glob, on any Hadoop file system. "
                    + "Required.")
    private String input;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "libsvm, csv, parquet, orc, json, or any other Spark data source by name (with "
                    + "--read-option). Default: from the file name (.csv; .libsvm, .svm, .txt; .parquet or a directory "
                    + "of Parquet parts; .orc; .json).")
    private String format;

    @Option(names = "--table", paramLabel = "NAME",
            description = "Read a table of the Spark session's catalog instead of --input.")
    private String table;

    @Option(names = "--read-option", paramLabel = "KEY=VALUE",
            description = "An option of the Spark data source (repeatable), e.g. --read-option mergeSchema=true.")
    private List<String> readOptions;

    @Option(names = "--formula", paramLabel = "'RESPONSE ~ TERMS'",
            description = "R's model formula over the data's columns: + - : * . -1 +0, factor(x), I(expr) with "
                    + "+ - * / ^, log, log1p, exp, sqrt, abs, offset(expr); the response a 0/1 number, a boolean, a "
                    + "two-valued text column or cbind(successes, failures). Text and boolean columns are factors "
                    + "coded by treatment contrasts; coefficients are named as R names them. Default: the label "
                    + "column and numeric features.")
    private String formula;

    @Option(names = "--na-action", paramLabel = "fail|omit", defaultValue = "fail",
            description = "A missing value in a column the formula uses: fail names it (file, line or row, column); "
                    + "omit leaves the row out and counts it (R's na.omit). Default: ${DEFAULT-VALUE}.")
    private String naAction;

    @Option(names = "--na-values", paramLabel = "A,B", split = ",",
            description = "CSV cells that mean missing besides an empty cell and NA. Default: none.")
    private List<String> naValues;

    @Option(names = "--family", paramLabel = "NAME", defaultValue = "auto",
            description = "The likelihood of the response: binomial (two classes), multinomial (three or more: "
                    + "baseline-category logits against a reference class), or auto (by the number of classes of the "
                    + "formula's response). Without --formula, multinomial reads the labels as class indices 0, 1, "
                    + "..., K-1 (as Spark MLlib's). Default: ${DEFAULT-VALUE}.")
    private String family;

    @Option(names = "--reference-class", paramLabel = "LEVEL",
            description = "The reference class of a multinomial response, whose linear predictor is 0. Default: R's "
                    + "rule, the first class in sorted order.")
    private String referenceClass;

    @Option(names = "--positive-label", paramLabel = "VALUE",
            description = "The value of a two-valued text response that is 1. Default: R's rule, the second in "
                    + "sorted order.")
    private String positiveLabel;

    @Option(names = "--max-levels", paramLabel = "N", defaultValue = "" + FormulaOptions.DEFAULT_MAX_LEVELS,
            description = "The most levels a factor may have; more is an error naming the column (an ID column "
                    + "caught by '.'). Default: ${DEFAULT-VALUE}.")
    private int maxLevels;

    @Option(names = "--output", paramLabel = "MODEL_DIR", description = "Model directory to write. Required.")
    private String output;

    @Option(names = "--overwrite", description = "Replace MODEL_DIR if it exists.")
    private boolean overwrite;

    @Option(names = "--reg-param", paramLabel = "λ", defaultValue = "0",
            description = "Penalty λ ≥ 0 (L2, or elastic net with --elastic-net); 0 is the plain maximum-likelihood "
                    + "fit. Default: ${DEFAULT-VALUE}.")
    private double regParam;

    @Option(names = "--elastic-net", paramLabel = "α", defaultValue = "0",
            description = "Elastic-net mixing α in [0, 1]: the penalty is λ·((1−α)/2·‖w‖² + α·‖w‖₁) (MLlib's "
                    + "elasticNetParam); 0 is L2, 1 the lasso. With α > 0 coefficients can be exactly 0 and "
                    + "inference is off. Default: ${DEFAULT-VALUE}.")
    private double elasticNet;

    @Option(names = "--standardization", paramLabel = "BOOL", arity = "1", defaultValue = "false",
            description = "Whether the penalty applies to the coefficients of standardized features "
                    + "(w·σ, σ the unbiased standard deviation), as MLlib's standardization=true, or to the raw "
                    + "coefficients (false). The fit is always computed on standardized features and reported "
                    + "on the raw scale either way. Default: ${DEFAULT-VALUE}.")
    private boolean standardization;

    @Option(names = "--reg-path", paramLabel = "N", defaultValue = "0",
            description = "Fit a regularization path of N penalties, equally spaced in log lambda from lambda max "
                    + "(every coefficient 0) down to --reg-param (or to --path-min-ratio x lambda max when it is 0), "
                    + "each fit warm-started from the previous one; the model is the last fit and path.json holds "
                    + "every fit. 0: one fit. Default: ${DEFAULT-VALUE}.")
    private int regPath;

    @Option(names = "--path-min-ratio", paramLabel = "R", defaultValue = "0.001",
            description = "With --reg-path and --reg-param 0: the smallest penalty as a fraction of lambda max. "
                    + "Default: ${DEFAULT-VALUE}.")
    private double pathMinRatio;

    @Option(names = "--class-weight", paramLabel = "WEIGHTS", defaultValue = "none",
            description = "balanced, none or c0,c1: multiply each example's case weight by its class's factor "
                    + "(balanced: W/(2·W_y), both classes then weigh W/2). The probabilities then refer to the "
                    + "reweighted classes. Default: ${DEFAULT-VALUE}.")
    private String classWeight;

    @Option(names = "--cv", paramLabel = "K", defaultValue = "0",
            description = "Choose lambda by K-fold cross-validation over the regularization path (--reg-path, "
                    + org.bernoulli.train.PathSpec.DEFAULT_CV_LENGTH + " penalties unless given): the lowest held-out mean BCE wins; cv.json and the "
                    + "report hold the curve. All folds are fitted in one pass per round. 0: off. Default: ${DEFAULT-VALUE}.")
    private int cv;

    @Option(names = "--cv-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the fold assignment (a hash of each row's content). Default: ${DEFAULT-VALUE}.")
    private long cvSeed;

    @Option(names = "--lower-bounds", paramLabel = "L",
            description = "Lower bounds on the raw coefficients: one value for all, or one per feature, "
                    + "comma-separated (-inf for none), e.g. 0 for non-negative coefficients. The intercept is free. "
                    + "Needs --optimizer newton or auto (up to 4,096 features). Default: none.")
    private String lowerBounds;

    @Option(names = "--upper-bounds", paramLabel = "U",
            description = "Upper bounds on the raw coefficients, as --lower-bounds (inf for none). Default: none.")
    private String upperBounds;

    @Option(names = "--negative-sampling-rate", paramLabel = "R",
            description = "The input's negatives were sampled, each kept with probability R (every positive kept): "
                    + "the intercept is corrected by log(R) (King-Zeng prior correction) so that scored "
                    + "probabilities refer to the whole population. Default: no sampling.")
    private Double negativeSamplingRate;

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "" + TrainerSettings.DEFAULT_MAX_ITERATIONS,
            description = "Iteration limit. Default: ${DEFAULT-VALUE}.")
    private int maxIter;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "" + TrainerSettings.DEFAULT_TOLERANCE,
            description = "Stop when the objective changed by at most T (relative) over the last 5 iterations. "
                    + "Default: ${DEFAULT-VALUE}.")
    private double tol;

    @Option(names = "--grad-tol", paramLabel = "G", defaultValue = "" + TrainerSettings.DEFAULT_GRADIENT_TOLERANCE,
            description = "Stop when the largest gradient component (standardized scale) is at most G. "
                    + "Default: ${DEFAULT-VALUE}.")
    private double gradTol;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "auto",
            description = "gd (gradient descent), agd (accelerated), lbfgs, newton (exact Hessian; proximal Newton "
                    + "with an L1 penalty), tron (trust-region Newton, Hessian-vector products), owlqn "
                    + "(orthant-wise L-BFGS, for L1 on wide data) or auto (newton up to "
                    + OptimizerChoice.NEWTON_MAX_FEATURES + " features, or up to "
                    + OptimizerChoice.NEWTON_MAX_SPARSE_FEATURES + " when rows store at most "
                    + OptimizerChoice.NEWTON_MAX_FEATURES + " values; else lbfgs, or owlqn with an L1 penalty). "
                    + "Default: ${DEFAULT-VALUE}.")
    private OptimizerChoice optimizer;

    @Option(names = "--stats", paramLabel = "MODE", defaultValue = "auto",
            description = "Maximum-likelihood inference after the fit (standard errors, z and p values, deviance, "
                    + "AIC, BIC, likelihood-ratio test; summary.json and covariance.json in the model directory): "
                    + "on, off, or auto (on up to " + StatsMode.AUTO_MAX_FEATURES + " features). "
                    + "Default: ${DEFAULT-VALUE}.")
    private StatsMode stats;

    @Option(names = "--firth",
            description = "Firth's bias-reduced logistic regression: maximize log L + 1/2 log det I. Finite estimates "
                    + "even on separable data, with standard errors. Not combined with --reg-param.")
    private boolean firth;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Write the training state to DIR every --checkpoint-every iterations (atomically), so that "
                    + "a run whose driver is lost can continue with --resume DIR.")
    private String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "10",
            description = "Iterations between checkpoints. Default: ${DEFAULT-VALUE}.")
    private int checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run checkpointed in DIR, with the same options and data (anything else is "
                    + "refused); ends with the model the uninterrupted run would have given. Keeps checkpointing "
                    + "into DIR.")
    private String resume;

    @Option(names = "--quiet", description = "No progress lines: only warnings, errors and the result.")
    private boolean quiet;

    @Option(names = "--json-log",
            description = "Progress as one JSON object per iteration on standard error (iteration, objective, "
                    + "gradientNorm, step, passes, seconds, maxRemainingSeconds), then one with \"done\": true "
                    + "and the outcome, for machines; other progress logging off.")
    private boolean jsonLog;

    @Option(names = "--report", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Evaluate the model on its training data and write report.html (convergence, ROC, "
                    + "precision-recall, calibration, coefficients, provenance) with evaluation.json and "
                    + "history.json beside the model; --no-report skips the extra pass and sort. Default: on.")
    private boolean report;

    @Option(names = "--lbfgs-memory", paramLabel = "M", defaultValue = "" + Lbfgs.DEFAULT_MEMORY,
            description = "Correction pairs kept by L-BFGS. Default: ${DEFAULT-VALUE}.")
    private int lbfgsMemory;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the cached training data. Default: one per input split.")
    private int partitions;

    @Option(names = "--aggregation-depth", paramLabel = "D",
            defaultValue = "0",
            description = "Depth of the aggregation tree for the per-partition sums; 0 chooses it from the partition "
                    + "count and the number of features (1 for a few partitions of narrow data). Default: ${DEFAULT-VALUE}.")
    private int aggregationDepth;

    @Option(names = "--num-features", paramLabel = "D", defaultValue = "0",
            description = "LIBSVM: number of features, at most " + LibSvmParser.MAX_FEATURES + ". Default: the largest "
                    + "index in the data (an index above " + LibSvmParser.MAX_INFERRED_FEATURES + " is then an error).")
    private int numFeatures;

    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
            description = "CSV: the label column (0/1 or -1/+1). Default: ${DEFAULT-VALUE}.")
    private String labelColumn;

    @Option(names = "--feature-columns", paramLabel = "NAME", split = ",",
            description = "CSV: the feature columns, comma-separated. Default: every column but label and weight.")
    private List<String> featureColumns;

    @Option(names = "--weight-column", paramLabel = "NAME",
            description = "CSV: a column of non-negative case weights. Default: every row weighs 1.")
    private String weightColumn;

    @Option(names = "--offset-column", paramLabel = "NAME",
            description = "CSV: a column of offsets, fixed terms added to each row's margin (R's offset(), e.g. a "
                    + "log exposure); not a feature. Scoring computes b + w·x without it. Default: none.")
    private String offsetColumn;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    private String master;

    @Option(names = "--covariance", paramLabel = "fisher|hc0|hc1",
            description = "Where the summary's standard errors, z, p and intervals come from: fisher, the inverse "
                    + "Fisher information (R's summary(glm)); hc0, the robust sandwich I^-1 (sum of s_i s_i') I^-1 "
                    + "(R's sandwich::vcovHC type HC0); hc1, HC0 times n/(n - p) (Stata's vce(robust)). With "
                    + "--cluster-column the sums are over the clusters' scores, and hc1 is times G/(G - 1) (n - 1)/(n - p). "
                    + "Robust errors: maximum-likelihood fits only. Default: fisher; hc1 with --cluster-column.")
    private org.bernoulli.inference.CovarianceType covariance;

    @Option(names = "--cluster-column", paramLabel = "NAME",
            description = "CSV: a column whose values (as text) group the rows into clusters — users, sessions, "
                    + "stores — for cluster-robust standard errors (R's sandwich::vcovCL, Stata's vce(cluster NAME)); "
                    + "never a feature. Needs at least 2 clusters. Default: none (rows independent).")
    private String clusterColumn;

    @Option(names = "--drop1",
            description = "Test each term by the likelihood ratio of the fit without it (R's drop1(fit, test = \"LRT\"): "
                    + "a factor is one term; without a formula each column is one; terms inside an interaction stay): "
                    + "printed and written to drop1.json. Maximum-likelihood fits only.")
    private boolean drop1;

    @Option(names = "--margins",
            description = "Average marginal effects of the formula's variables on the probability (Stata's margins, "
                    + "dydx(*); R's marginaleffects::avg_slopes): for a number the mean over rows of dP/dx through "
                    + "every column it enters, for a factor, text or boolean column the mean of P(level) - "
                    + "P(reference) for each other level; weighted by the case weights; delta-method standard errors "
                    + "from the covariance of the fit (--covariance, --cluster-column). One more read of the data; "
                    + "printed and written to margins.json. Binary formula models.")
    private boolean margins;

    @Option(names = "--margins-at", paramLabel = "means",
            description = "Also the marginal effects at the means (Stata's margins, dydx(*) atmeans): every number at "
                    + "its mean, every factor at its levels' shares, an interaction or I(x^2) computed from those; "
                    + "the effect of a level with the factor set to it. Implies --margins. Default: none.")
    private MarginsAt marginsAt;

    @Option(names = "--profile-ci", paramLabel = "NAME,…", arity = "0..1", fallbackValue = "",
            description = "95%% profile-likelihood intervals (R's confint(glm)): for every coefficient, or for those "
                    + "named (comma-separated, R's names); each bound the root of deviance(beta_j fixed) - deviance = "
                    + "qchisq(0.95, 1) with the others refitted; in the table and in summary.json (profileCiLow, "
                    + "profileCiHigh). Maximum-likelihood fits only.")
    private String profileCi;

    @Option(names = "--engine", paramLabel = "auto|local|spark", defaultValue = "auto",
            description = "Where the run runs: local reads, fits and reports on this JVM with no Spark session (LIBSVM "
                    + "and CSV files of this machine); spark on a Spark session; auto picks local for an embedded "
                    + "master, local LIBSVM/CSV files (plain or gzip) of at most 256 MiB (and an eighth of the heap) "
                    + "and no --partitions, else spark. Default: ${DEFAULT-VALUE}.")
    private EngineChoice engine;

    @Override
    public Integer call() {
        for (String[] required : new String[][] {{"--input", table != null ? "" : input}, {"--output", output}}) {
            if (required[1] == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '" + required[0]
                        + "' (on the command line or in --config)");
            }
        }
        if (quiet && jsonLog) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--quiet and --json-log exclude each other");
        }
        org.bernoulli.jobs.TrainingRequest request = UsageErrors.build(spec.commandLine(), this::request);
        org.apache.logging.log4j.Level before = org.apache.logging.log4j.LogManager.getLogger("org.bernoulli").getLevel();
        if (quiet || jsonLog) {
            // Bernoulli's own INFO lines off for this run; warnings and errors still show.
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.bernoulli",
                    org.apache.logging.log4j.Level.WARN);
        }
        try {
            return train(request);
        } finally {
            if (quiet || jsonLog) {
                org.apache.logging.log4j.core.config.Configurator.setLevel("org.bernoulli", before);
            }
        }
    }

    /** The options as the job's request; each value record checks its own values (a refusal is exit 2). */
    private org.bernoulli.jobs.TrainingRequest request() {
        InputFormats.Source source = InputFormats.resolve(format, input, table, readOptions, spec.commandLine());
        FormulaOptions formulaOptions = formula == null ? null
                : new FormulaOptions(formula, naAction, naValues, positiveLabel, maxLevels, Family.parse(family),
                referenceClass);
        if (formula == null && (naValues != null || positiveLabel != null || !"fail".equals(naAction)
                || referenceClass != null)) {
            throw new IllegalArgumentException("--na-action, --na-values, --positive-label and --reference-class "
                    + "apply with --formula");
        }
        // Without a formula, --family multinomial reads the labels as class indices 0, 1, …, K − 1 (as MLlib's).
        InputSpec inputSpec = new InputSpec(input, source.format(), numFeatures,
                labelColumn, featureColumns, weightColumn, partitions, offsetColumn, source.table(), formulaOptions,
                clusterColumn, formula == null && Family.parse(family) == Family.MULTINOMIAL ? LabelCoding.CLASS_INDEX
                : LabelCoding.BINARY);
        CoefficientBounds bounds = lowerBounds == null && upperBounds == null ? null
                : CoefficientBounds.parse(lowerBounds, upperBounds);
        TrainerSettings settings = new TrainerSettings(new Regularization(regParam, elasticNet, standardization),
                new StopRule(maxIter, tol, gradTol), optimizer, lbfgsMemory, bounds);
        IterationMonitor progress = quiet ? IterationMonitor.NONE
                : jsonLog ? TrainOutput.jsonProgress(spec.commandLine().getErr(), maxIter) : null;
        org.bernoulli.train.FitSpec fit = new org.bernoulli.train.FitSpec(settings, firth, stats,
                org.bernoulli.train.PathSpec.of(regPath, pathMinRatio, cv, cvSeed),
                new org.bernoulli.train.InferenceOptions(covariance != null ? covariance
                        : clusterColumn != null ? org.bernoulli.inference.CovarianceType.HC1
                        : org.bernoulli.inference.CovarianceType.FISHER, drop1,
                        profileCi == null ? null : profileCi.isBlank() ? List.of()
                                : java.util.Arrays.stream(profileCi.split(",")).map(String::strip).toList(), margins,
                        marginsAt == MarginsAt.MEANS));
        return new org.bernoulli.jobs.TrainingRequest(inputSpec, output, overwrite, fit, aggregationDepth,
                org.bernoulli.jobs.Checkpoints.of(checkpointDir, checkpointEvery, resume), progress, report,
                negativeSamplingRate == null ? null : new NegativeSampling(negativeSamplingRate),
                ClassWeights.parse(classWeight));    }

    private Integer train(org.bernoulli.jobs.TrainingRequest request) {
        TrainingJob.Outcome outcome;
        if (engine.resolve(master, request.input()) == EngineChoice.LOCAL) {
            outcome = TrainingJob.execute(new TrainingEngine.OnDriver(), request, Flags.WORDS);
        } else {
            try (SparkSessions.Handle session = SparkSessions.open(master, "Bernoulli train")) {
                outcome = TrainingJob.execute(new TrainingEngine.OnSpark(session.session()), request, Flags.WORDS);
            }
        }
        if (jsonLog) {
            TrainOutput.printJsonSummary(spec.commandLine().getErr(), outcome.written(), output);
        }
        TrainOutput.print(spec.commandLine().getOut(), outcome, output);
        return ExitCodes.OK;
    }
}
