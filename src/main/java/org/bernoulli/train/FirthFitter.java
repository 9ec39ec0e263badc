package org.bernoulli.train;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.inference.InformationInverse;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.math.FeatureScaling;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.math.ModifiedScore;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.optim.OptimizationResult;
import org.bernoulli.optim.StopReason;

import java.util.ArrayList;
import java.util.List;

/**
 * Firth's bias-reduced logistic regression: maximizes the penalized log-likelihood
 *
 * <pre>
 *   l*(θ) = log L(θ) + ½ log det I(θ),     I(θ) = Σ wᵢpᵢ(1 − pᵢ) x̃ᵢx̃ᵢᵀ
 * </pre>
 *
 * (the Jeffreys-prior penalty), whose maximizer is finite even when the classes are separable.
 * Each iteration is a Fisher-scoring step θ ← θ + I(θ)⁻¹U*(θ) with U* the modified score
 * ({@link org.bernoulli.math.FirthScoreAggregator}), halved while l* would decrease, the step
 * capped at {@value #MAX_STEP} on the standardized scale (as logistf caps its steps). Two passes
 * per iteration: one for log L and I (the Hessian pass), one for U*, which needs I⁻¹ on every
 * executor. I is inverted on the standardized scale ({@link InformationInverse}); the estimate
 * does not depend on that choice, since the penalty changes by a constant under a linear
 * reparametrization.
 *
 * <p>Converged when the modified score per unit weight, on the standardized scale, is below the
 * gradient tolerance — the other optimizers' test — <em>and</em> the next Fisher step is below
 * {@value #STEP_TOLERANCE} of the largest standardized coefficient (at most {@value #MAX_POLISHING}
 * such iterations; a step no halving makes acceptable is then rounding). Newton's last steps
 * leave a maximum-likelihood fit within about 1e-10 of its optimum once the gradient test holds;
 * Fisher scoring converges only linearly, and on nearly separated data a gradient of 1e-7 still
 * leaves coefficients about 1e-5 (relative) from the maximizer, so the polishing steps — a few
 * passes each — bring the Firth estimate as close as the maximum-likelihood one.
 */
public final class FirthFitter {
    /** Largest step in any standardized coordinate per iteration. */
    static final double MAX_STEP = 5.0;
    static final int MAX_HALVINGS = 30;
    /** Largest standardized step, relative to 1 + the largest standardized coefficient, of a converged fit. */
    static final double STEP_TOLERANCE = 1e-10;
    /** Most iterations after the gradient test holds. */
    static final int MAX_POLISHING = 25;

    private final int maxIterations;
    private final double gradientTolerance;

    /**
     * @param maxIterations     iteration limit
     * @param gradientTolerance converged when the largest component of −U* / W on the standardized
     *                          scale (the gradient of the mean penalized loss) is at most this
     */
    public FirthFitter(int maxIterations, double gradientTolerance) {
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
    }

    /**
     * A finished Firth fit.
     *
     * @param coefficients       ŵ (0 for excluded columns)
     * @param intercept          b̂
     * @param penalizedLogLik    l*(θ̂) (with log det I on the raw scale)
     * @param atSolution         log L, gradient and Hessian (I/W) at θ̂
     * @param inverse            I(θ̂)⁻¹ and log det I(θ̂)
     * @param optimization       iterations, passes and history, with the value −l* / W
     */
    public record Result(double[] coefficients, double intercept, double penalizedLogLik, LossEvaluation atSolution,
                         InformationInverse inverse, OptimizationResult optimization) {
    }

    /**
     * @param excluded features held at 0 (aliased), besides the constant ones
     */
    public Result fit(FirthDataLoss data, FeatureStatistics stats, boolean[] excluded, IterationMonitor monitor) {
        if (!(stats.positiveWeight() > 0) || !(stats.negativeWeight() > 0)) {
            throw new BadInputException("a logistic regression needs examples of both classes");
        }
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), 0.0)
                .withFixed(excluded);
        int d = data.numFeatures();
        double[] standardized = new double[d + 1];
        standardized[d] = Math.log(stats.positiveWeight() / stats.negativeWeight());
        long start = System.nanoTime();
        int passes = 0;
        List<IterationRecord> history = new ArrayList<>();
        Point current = evaluate(data, scaling, standardized);
        if (current == null) {
            throw new org.bernoulli.inference.SingularInformationException(
                    "the information matrix is singular at the starting point: some columns are linear combinations "
                            + "of others", null);
        }
        ModifiedScore u = data.firthScore(current.raw, current.inverse.covariance());
        passes += 2;
        IterationRecord initial = record(0, current, scaling, u, passes, 0.0, start);
        history.add(initial);
        int iteration = 0;
        StopReason reason = monitor.accept(initial, standardized) ? StopReason.MAX_ITERATIONS : StopReason.STOPPED_BY_MONITOR;
        int polishing = 0;
        while (reason == StopReason.MAX_ITERATIONS && iteration < maxIterations) {
            boolean gradientSmall = history.get(history.size() - 1).gradientNorm() <= gradientTolerance;
            double[] step = scaling.toStandardized(multiply(current.inverse.covariance(), u.score(), d + 1));
            double largest = maxAbs(step);
            if (gradientSmall && (largest <= STEP_TOLERANCE * (1 + maxAbs(standardized))
                    || polishing++ >= MAX_POLISHING)) {
                reason = StopReason.GRADIENT_TOLERANCE;
                break;
            }
            Step taken = halvingStep(data, scaling, standardized, step, largest, current);
            passes += taken.evaluations();
            Point next = taken.point();
            double scale = taken.scale();
            if (next == null) {
                // With the gradient test met, a step that no halving makes acceptable is rounding.
                reason = gradientSmall ? StopReason.GRADIENT_TOLERANCE : StopReason.LINE_SEARCH_FAILED;
                break;
            }
            iteration++;
            standardized = taken.at();
            current = next;
            u = data.firthScore(current.raw, current.inverse.covariance());
            passes++;
            IterationRecord r = record(iteration, current, scaling, u, passes, scale, start);
            history.add(r);
            if (!monitor.accept(r, standardized)) {
                reason = StopReason.STOPPED_BY_MONITOR;
            }
        }
        double[] gradient = scaling.gradientToStandardized(u.score());
        for (int j = 0; j <= d; j++) {
            gradient[j] = -gradient[j] / stats.weightSum();
        }
        OptimizationResult optimization = new OptimizationResult(standardized, -current.penalized / stats.weightSum(),
                gradient, iteration, passes, reason, history);
        return new Result(java.util.Arrays.copyOf(current.raw, d), current.raw[d], current.penalized,
                current.evaluation, current.inverse, optimization);
    }

    /** Most estimated parameters for which the penalized likelihood-ratio tests are computed (a refit each). */
    public static final int MAX_PENALIZED_TESTS = 100;
    /** Most iterations of one restricted fit (from a warm start; more means it is not converging). */
    static final int MAX_RESTRICTED_ITERATIONS = 200;

    /**
     * The penalized likelihood-ratio tests of every estimated parameter, intercept first, and what
     * could not be reported: a restricted fit that did not converge, or one that found a higher l*
     * than the fit's (l* need not be concave; such a number would be no test) — as notes.
     */
    public record PenalizedTests(List<org.bernoulli.inference.PenalizedLikelihoodRatio> tests, List<String> notes) {
    }

    /**
     * Most values (rows × parameters) of data on which the tests are computed: each test is a refit of
     * tens of passes (hundreds where l* is far from concave), affordable where a pass takes
     * microseconds, not over data spread on a cluster.
     */
    public static final long MAX_TESTED_VALUES = 1L << 20;

    /**
     * Each parameter's penalized likelihood-ratio test ({@link #penalizedLogLikWithZero}); none, with a
     * note, beyond {@value #MAX_PENALIZED_TESTS} estimated parameters or {@link #MAX_TESTED_VALUES}
     * values of data.
     *
     * @param names the features' names
     */
    public PenalizedTests penalizedLrTests(FirthDataLoss data, FeatureStatistics stats, boolean[] excluded,
                                           Result full, List<String> names) {
        int d = data.numFeatures();
        List<Integer> parameters = new ArrayList<>();
        parameters.add(d);
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), 0.0)
                .withFixed(excluded);
        for (int j = 0; j < d; j++) {
            if (!scaling.isFixed(j)) {
                parameters.add(j);
            }
        }
        List<org.bernoulli.inference.PenalizedLikelihoodRatio> tests = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (parameters.size() > MAX_PENALIZED_TESTS || stats.rows() * (double) (d + 1) > MAX_TESTED_VALUES) {
            notes.add("penalized likelihood-ratio tests (logistf's) not computed: each is a refit of tens of passes, "
                    + "done for at most " + MAX_PENALIZED_TESTS + " parameters and " + MAX_TESTED_VALUES
                    + " values (rows x parameters); the Wald tests above use the Fisher information");
            return new PenalizedTests(tests, notes);
        }
        double top = full.penalizedLogLik();
        for (int k : parameters) {
            String name = k == d ? "(Intercept)" : names.get(k);
            double statistic = 2 * (top - penalizedLogLikWithZero(data, stats, excluded, full, k));
            // Rounding of two sums of W terms: l* to about 1e-12 of its size.
            double rounding = 1e-9 * Math.abs(top);
            if (Double.isNaN(statistic)) {
                notes.add("penalized likelihood-ratio test of " + name + " not reported: the fit with it at 0 did "
                        + "not converge");
            } else if (statistic < -rounding) {
                notes.add("penalized likelihood-ratio test of " + name + " not reported: the fit with it at 0 "
                        + "reached a higher penalized likelihood than the fit itself (l* is not concave here)");
            } else {
                statistic = Math.max(0.0, statistic);
                tests.add(new org.bernoulli.inference.PenalizedLikelihoodRatio(name, statistic,
                        org.bernoulli.inference.WaldInference.chiSquaredUpperTail(statistic, 1)));
            }
        }
        return new PenalizedTests(tests, notes);
    }

    /**
     * The maximum of l* with one parameter held at 0 — coefficient k, or the intercept for k = d — the
     * others refitted, the penalty ½ log det I still over every column (logistf's convention for its
     * penalized likelihood-ratio tests, 2(l*(θ̂) − l*(θ̃))). Fisher scoring restricted to the other
     * parameters: with C = I⁻¹ (raw scale), the step is (C − c_k c_kᵀ / C_kk) U*, which is
     * I_AA⁻¹ U*_A on the free parameters A and 0 on k; warm-started from the full estimate with θ_k = 0;
     * converged when the standardized step is below {@value #STEP_TOLERANCE} of the largest
     * coefficient.
     *
     * @param full the unrestricted fit
     * @return l*(θ̃), or NaN when the restricted iterations do not converge within the iteration limit
     *         (at most {@value #MAX_RESTRICTED_ITERATIONS})
     */
    public double penalizedLogLikWithZero(FirthDataLoss data, FeatureStatistics stats, boolean[] excluded, Result full,
                                          int k) {
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), 0.0)
                .withFixed(excluded);
        int d = data.numFeatures();
        int n = d + 1;
        double[] raw = java.util.Arrays.copyOf(full.coefficients(), n);
        raw[d] = full.intercept();
        raw[k] = 0.0;
        double[] standardized = scaling.toStandardized(raw);
        Point current = evaluate(data, scaling, standardized);
        for (int iteration = 0; current != null && iteration < Math.min(maxIterations, MAX_RESTRICTED_ITERATIONS);
             iteration++) {
            ModifiedScore u = data.firthScore(current.raw, current.inverse.covariance());
            double[] c = current.inverse.covariance();
            double ckk = c[k * n + k];
            double[] projected = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    projected[i * n + j] = i == k || j == k ? 0.0 : c[i * n + j] - c[i * n + k] * c[k * n + j] / ckk;
                }
            }
            double[] step = scaling.toStandardized(multiply(projected, u.score(), n));
            double largest = maxAbs(step);
            if (largest <= STEP_TOLERANCE * (1 + maxAbs(standardized))) {
                return current.penalized;
            }
            Step taken = halvingStep(data, scaling, standardized, step, largest, current);
            if (taken.point() == null) {
                // No halving raises l*: the step is rounding, l* at its maximum to its last digits.
                return largest <= 1e-6 * (1 + maxAbs(standardized)) ? current.penalized : Double.NaN;
            }
            standardized = taken.at();
            current = taken.point();
        }
        return Double.NaN;
    }

    /** A step taken: where to, its point (null when no halving was accepted), its length, and the passes it cost. */
    private record Step(double[] at, Point point, double scale, int evaluations) {
    }

    /**
     * The Fisher step from {@code standardized}, capped at {@value #MAX_STEP} per coordinate and
     * halved (at most {@value #MAX_HALVINGS} times) until l* does not fall by more than its rounding
     * (l* is a sum of W terms) — one pass per try.
     */
    private static Step halvingStep(DataLoss data, FeatureScaling scaling, double[] standardized, double[] step,
                                    double largest, Point current) {
        double scale = largest > MAX_STEP ? MAX_STEP / largest : 1.0;
        for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
            double[] candidate = standardized.clone();
            for (int j = 0; j < candidate.length; j++) {
                candidate[j] += scale * step[j];
            }
            Point trial = evaluate(data, scaling, candidate);
            if (trial != null && trial.penalized >= current.penalized - 1e-12 * Math.abs(current.penalized)) {
                return new Step(candidate, trial, scale, halving + 1);
            }
            scale *= 0.5;
        }
        return new Step(null, null, scale, MAX_HALVINGS + 1);
    }

    /** log L, I and l* at a standardized point; null when I cannot be inverted there. */
    private static Point evaluate(DataLoss data, FeatureScaling scaling, double[] standardized) {
        double[] raw = scaling.toRaw(standardized);
        LossEvaluation e = data.evaluate(raw, true);
        double w = e.weightSum();
        double[] information = e.hessian().clone();
        for (int i = 0; i < information.length; i++) {
            information[i] *= w;
        }
        InformationInverse inverse;
        try {
            inverse = InformationInverse.of(information, scaling);
        } catch (org.bernoulli.inference.SingularInformationException ex) {
            return null;
        }
        double penalized = -e.negLogLikelihood() + 0.5 * inverse.logDeterminant();
        return new Point(raw, e, inverse, penalized);
    }

    private record Point(double[] raw, LossEvaluation evaluation, InformationInverse inverse, double penalized) {
    }

    /** The objective recorded is −l* / W and the gradient norm that of −U* / W on the standardized scale. */
    private static IterationRecord record(int iteration, Point p, FeatureScaling scaling, ModifiedScore u, int passes,
                                          double step, long start) {
        double w = p.evaluation.weightSum();
        return new IterationRecord(iteration, -p.penalized / w, maxAbs(scaling.gradientToStandardized(u.score())) / w,
                step, passes, (System.nanoTime() - start) / 1e9);
    }

    private static double[] multiply(double[] m, double[] v, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < n; j++) {
                s += m[i * n + j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double maxAbs(double[] v) {
        double m = 0.0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
