package org.bernoulli.train;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.ElasticNetPenalty;
import org.bernoulli.math.FeatureScaling;
import org.bernoulli.math.LogisticObjective;
import org.bernoulli.math.LossAggregator;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.OptimizationResult;
import org.bernoulli.optim.Optimizer;
import org.bernoulli.optim.ProximalNewton;
import org.bernoulli.optim.StopReason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fits a logistic regression by maximizing the (optionally penalized) Bernoulli likelihood:
 * minimizes the objective of {@link LogisticObjective} over a {@link DataLoss}, local or distributed
 * alike (v the raw or the standardized coefficients, {@link Regularization}); with an L1 part
 * (α > 0) by OWL-QN, which gives exact zeros.
 *
 * <p>The optimizer works on virtually standardized features (see {@link FeatureScaling}) from the
 * intercept-only solution b = log(P/N), the log-odds of the weighted base rate, and the result is
 * mapped back to the raw scale. Without a penalty it watches for separation, where no finite
 * maximum-likelihood estimate exists, and stops with a {@link SeparationException} rather than
 * return a point on the way to infinity: when an iterate puts every example on its own label's
 * side of the hyperplane (a proof of separation), or when the fit ends with examples whose fitted
 * probabilities are numerically 0 or 1 (the sign R's glm warns about: margins beyond ±33.7 do not
 * occur at a finite optimum unless the data are (quasi-)separated or hold extreme outliers).
 */
public final class LogisticTrainer {
    /**
     * Consecutive iterations with fitted probabilities numerically 0 or 1, over which the parameter
     * norm grew, that end an unpenalized fit.
     */
    static final int EXTREME_PERSISTENCE = 25;

    private final TrainerSettings settings;

    public LogisticTrainer(TrainerSettings settings) {
        this.settings = settings;
    }

    /**
     * Fits the model.
     *
     * @param data         the data term
     * @param stats        feature statistics of the same data
     * @param featureNames names of the features, for messages
     * @param progress     receives each iteration (and may stop the fit)
     * @throws BadInputException   when the data cannot identify a logistic regression (no weight, one class)
     * @throws SeparationException when λ = 0 and the classes are separable
     */
    public Fit fit(DataLoss data, FeatureStatistics stats, List<String> featureNames, IterationMonitor progress) {
        return fit(data, stats, featureNames, new boolean[data.numFeatures()], progress);
    }

    /**
     * Fits the model with some features held at coefficient 0 (for example columns aliased with
     * others, which the data cannot determine).
     *
     * @param excluded one flag per feature
     */
    public Fit fit(DataLoss data, FeatureStatistics stats, List<String> featureNames, boolean[] excluded,
                   IterationMonitor progress) {
        return fit(data, stats, featureNames, excluded, null, progress);
    }

    /**
     * Fits the model from a given starting point — a warm start, e.g. the solution at a nearby
     * penalty on a regularization path.
     *
     * @param warmStart raw parameters (coefficients, then intercept), or null for the intercept-only fit
     */
    public Fit fit(DataLoss data, FeatureStatistics stats, List<String> featureNames, boolean[] excluded,
                   double[] warmStart, IterationMonitor progress) {
        DataRequirements.check(stats, featureNames, null, "the data");
        Regularization r = settings.penalty();
        ElasticNetPenalty penalty = ElasticNetPenalty.of(r.regParam(), r.elasticNetParam(), r.standardization(),
                stats.sampleStdDevs());
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(),
                penalty.l2()).withFixed(excluded);
        int d = data.numFeatures();
        double[] interceptOnly = new double[d + 1];
        interceptOnly[d] = Math.log(stats.positiveWeight() / stats.negativeWeight());
        double[] start = warmStart == null ? interceptOnly : scaling.toStandardized(warmStart);
        LogisticObjective objective = new LogisticObjective(
                new StartServedByStatistics(data, stats, scaling.toRaw(interceptOnly)), scaling, penalty.l2());

        boolean watchSeparation = settings.regParam() == 0.0;
        int[] separatedAt = {-1};
        int[] extremeRun = {0};
        double[] normAtRunStart = {0.0};
        IterationMonitor monitor = (record, x) -> {
            if (!progress.accept(record, x)) {
                return false;
            }
            LossEvaluation e = watchSeparation ? objective.evaluationAt(x) : null;
            if (e != null) {
                if (e.misclassifiedWeight() == 0.0) {
                    separatedAt[0] = record.iteration();
                    return false;
                }
                // Extreme fitted probabilities that persist while the coefficients keep growing mean the
                // fit is running off to infinity: stop now with the verdict the end of the fit would give.
                extremeRun[0] = e.extremeRows() > 0 ? extremeRun[0] + 1 : 0;
                if (extremeRun[0] == 1) {
                    normAtRunStart[0] = norm(x);
                }
                if (extremeRun[0] >= EXTREME_PERSISTENCE && norm(x) > normAtRunStart[0]) {
                    return false;
                }
            }
            return true;
        };
        double[] l1 = penalty.hasL1() ? standardizedL1(penalty, scaling) : null;
        OptimizerChoice optimizer = settings.optimizer().resolve(d, l1 != null, stats.storedPerRow());
        Optimizer method;
        double[][] box = null;
        if (settings.bounds() != null) {
            optimizer = OptimizerChoice.NEWTON;
            box = standardizedBounds(settings.bounds(), scaling, featureNames);
            method = new ProximalNewton(settings.stopRule(), l1 != null ? l1 : new double[d + 1], box[0], box[1]);
        } else {
            method = optimizer.create(settings.stopRule(), d, settings.lbfgsMemory(), l1);
        }
        OptimizationResult result = method.minimize(objective, start, monitor);
        double[] raw = scaling.toRaw(result.x());
        if (box != null) {
            // A coefficient on its bound in the optimizer's coordinates is on it exactly on the raw
            // scale too (βⱼ/sⱼ would round lⱼ·sⱼ/sⱼ to a neighbour of lⱼ).
            CoefficientBounds b = settings.bounds().forFeatures(d);
            for (int j = 0; j < d; j++) {
                if (!scaling.isFixed(j)) {
                    raw[j] = result.x()[j] == box[0][j] ? b.lower()[j] : result.x()[j] == box[1][j] ? b.upper()[j]
                            : Math.max(b.lower()[j], Math.min(b.upper()[j], raw[j]));
                }
            }
        }
        checkFinite(raw, result.value(), featureNames);
        if (separatedAt[0] >= 0) {
            throw new SeparationException(separationMessage("the classes are linearly separable: at iteration "
                    + separatedAt[0] + " the fitted hyperplane puts every example on the side of its own label",
                    raw, scaling, featureNames));
        }
        LossEvaluation atSolution = objective.evaluationAt(result.x());
        if (atSolution == null) {
            atSolution = data.evaluate(raw);
        }
        if (watchSeparation && atSolution.extremeRows() > 0) {
            throw new SeparationException(separationMessage("the classes appear to be separable: after "
                    + result.iterations() + " iterations " + atSolution.extremeRows() + " of " + atSolution.rows()
                    + " examples have fitted probabilities numerically 0 or 1 (|margin| > "
                    + String.format("%.1f", LossAggregator.EXTREME_MARGIN) + ")", raw, scaling, featureNames));
        }
        List<String> warnings = warnings(result, stats, excluded, featureNames);
        double[] coefficients = java.util.Arrays.copyOf(raw, d);
        return new Fit(raw[d], coefficients, optimizer.name().toLowerCase(), result, atSolution, warnings);
    }

    /** Most features for which bounds are supported: proximal Newton keeps the (d+1)² Hessian on the driver. */
    static final int BOUNDS_MAX_FEATURES = 4096;

    /**
     * Bounds on the raw coefficients in the optimizer's coordinates: βⱼ = wⱼ·sⱼ with sⱼ > 0, so
     * lⱼ ≤ wⱼ ≤ uⱼ is lⱼsⱼ ≤ βⱼ ≤ uⱼsⱼ; the intercept is free, a fixed feature stays at 0 (which its
     * bounds must allow).
     */
    private static double[][] standardizedBounds(CoefficientBounds given, FeatureScaling scaling,
                                                 List<String> featureNames) {
        int d = scaling.numFeatures();
        CoefficientBounds bounds = given.forFeatures(d);
        if (d > BOUNDS_MAX_FEATURES) {
            throw new IllegalArgumentException("bounds on coefficients are supported up to " + BOUNDS_MAX_FEATURES
                    + " features (the data has " + d + ")");
        }
        double[] lo = new double[d + 1];
        double[] hi = new double[d + 1];
        for (int j = 0; j < d; j++) {
            if (scaling.isFixed(j)) {
                if (bounds.lower()[j] > 0 || bounds.upper()[j] < 0) {
                    throw new IllegalArgumentException((featureNames.isEmpty() ? "feature " + (j + 1)
                            : featureNames.get(j)) + " is constant, so its coefficient is 0, outside its bounds ["
                            + bounds.lower()[j] + ", " + bounds.upper()[j] + "]");
                }
                continue;
            }
            lo[j] = bounds.lower()[j] * scaling.scales()[j];
            hi[j] = bounds.upper()[j] * scaling.scales()[j];
        }
        lo[d] = Double.NEGATIVE_INFINITY;
        hi[d] = Double.POSITIVE_INFINITY;
        return new double[][] {lo, hi};
    }

    /**
     * The L1 weights in the optimizer's coordinates: cⱼ|wⱼ| = (cⱼ/sⱼ)|βⱼ| since wⱼ = βⱼ/sⱼ; the
     * intercept and fixed features unpenalized.
     */
    private static double[] standardizedL1(ElasticNetPenalty penalty, FeatureScaling scaling) {
        int d = scaling.numFeatures();
        double[] l1 = new double[d + 1];
        for (int j = 0; j < d; j++) {
            l1[j] = scaling.isFixed(j) ? 0.0 : penalty.l1()[j] / scaling.scales()[j];
        }
        return l1;
    }

    private static double norm(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * A fit that ended at a non-finite point is refused rather than written: the data's scale is then
     * beyond what double arithmetic holds (offsets or values near the limits of the range).
     */
    private static void checkFinite(double[] raw, double objective, List<String> featureNames) {
        int d = raw.length - 1;
        for (int j = 0; j <= d; j++) {
            if (!Double.isFinite(raw[j])) {
                String name = j == d ? "the intercept" : "the coefficient of '" + (j < featureNames.size()
                        ? featureNames.get(j) : "x" + (j + 1)) + "'";
                throw new BadInputException("the fit reached a non-finite value (" + name + " is " + raw[j]
                        + "): the data's values or offsets are beyond what double arithmetic holds; rescale them");
            }
        }
        if (!Double.isFinite(objective)) {
            throw new BadInputException("the fit reached a non-finite objective (" + objective + "): the data's "
                    + "values or offsets are beyond what double arithmetic holds; rescale them");
        }
    }

    private static List<String> warnings(OptimizationResult result, FeatureStatistics stats, boolean[] excluded,
                                         List<String> featureNames) {
        List<String> warnings = new ArrayList<>();
        if (result.stopReason() == StopReason.MAX_ITERATIONS) {
            warnings.add("did not converge within " + result.iterations()
                    + " iterations; raise {MAX_ITER} or loosen {TOL}");
        } else if (result.stopReason() == StopReason.LINE_SEARCH_FAILED) {
            warnings.add("the line search could not decrease the objective further (numerical precision reached "
                    + "before the tolerances held)");
        }
        // Each column held at 0 is named once, under the one reason that holds for it.
        int d = stats.numFeatures();
        List<String> constant = IntStream.range(0, d).filter(j -> stats.isConstant(j) && stats.max()[j] != 0)
                .mapToObj(featureNames::get).collect(Collectors.toList());
        List<String> zero = IntStream.range(0, d).filter(j -> stats.isConstant(j) && stats.max()[j] == 0)
                .mapToObj(featureNames::get).collect(Collectors.toList());
        List<String> aliased = IntStream.range(0, d).filter(j -> excluded[j] && !stats.isConstant(j))
                .mapToObj(featureNames::get).collect(Collectors.toList());
        if (!constant.isEmpty()) {
            warnings.add("constant features kept at coefficient 0 (the intercept absorbs them): " + abbreviate(constant));
        }
        if (!zero.isEmpty()) {
            warnings.add("columns that are 0 in every row (an empty cell of an interaction, a level no row has) kept "
                    + "at coefficient 0: " + abbreviate(zero));
        }
        if (!aliased.isEmpty()) {
            warnings.add("columns that are linear combinations of the intercept and earlier columns (aliased, R's NA) "
                    + "kept at coefficient 0: " + abbreviate(aliased));
        }
        return warnings;
    }

    private static String separationMessage(String evidence, double[] raw, FeatureScaling scaling,
                                            List<String> featureNames) {
        int d = scaling.numFeatures();
        // Rank features by their standardized coefficient: the directions that separate the classes.
        List<String> leading = IntStream.range(0, d).boxed()
                .filter(j -> raw[j] != 0.0)
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(raw[j] * scaling.scales()[j])))
                .limit(5)
                .map(featureNames::get)
                .collect(Collectors.toList());
        return evidence + ", so the likelihood keeps growing as the coefficients grow and no finite "
                + "maximum-likelihood estimate exists (coefficients diverge, fitted probabilities go to 0 and 1). "
                + "Features with the largest standardized coefficients: " + String.join(", ", leading)
                + ". Fit with an L2 penalty instead, e.g. {REG_PARAM=0.01}, or with {FIRTH}, which gives finite "
                + "estimates with standard errors.";
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
    }
}
