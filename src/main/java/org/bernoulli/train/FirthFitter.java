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
 * reparametrization. Converged when the modified score per unit weight, on the standardized scale, is below the gradient
 * tolerance, the same test as the other optimizers'.
 */
public final class FirthFitter {
    /** Largest step in any standardized coordinate per iteration. */
    static final double MAX_STEP = 5.0;
    static final int MAX_HALVINGS = 30;

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
        while (reason == StopReason.MAX_ITERATIONS && iteration < maxIterations) {
            if (history.get(history.size() - 1).gradientNorm() <= gradientTolerance) {
                reason = StopReason.GRADIENT_TOLERANCE;
                break;
            }
            double[] step = scaling.toStandardized(multiply(current.inverse.covariance(), u.score(), d + 1));
            double largest = maxAbs(step);
            double scale = largest > MAX_STEP ? MAX_STEP / largest : 1.0;
            Point next = null;
            double[] candidate = null;
            for (int halving = 0; halving <= MAX_HALVINGS && next == null; halving++) {
                candidate = standardized.clone();
                for (int j = 0; j <= d; j++) {
                    candidate[j] += scale * step[j];
                }
                Point trial = evaluate(data, scaling, candidate);
                passes++;
                // Accept unless l* falls by more than its rounding (l* is a sum of W terms).
                if (trial != null && trial.penalized >= current.penalized - 1e-12 * Math.abs(current.penalized)) {
                    next = trial;
                } else {
                    scale *= 0.5;
                }
            }
            if (next == null) {
                reason = StopReason.LINE_SEARCH_FAILED;
                break;
            }
            iteration++;
            standardized = candidate;
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
