package org.bernoulli.train;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.LossEvaluation;

import java.util.Arrays;

/**
 * Profile-likelihood intervals, R's {@code confint(glm)} computed exactly: for coefficient j the
 * 95 % interval is the set of values b where the profile deviance — the deviance with βⱼ held at b
 * and every other coefficient refitted — exceeds the minimum by at most χ²₁(0.95) = 3.8415. Each
 * bound is a root of g(b) = D(b) − D̂ − χ²₁(0.95); every g is a constrained maximum-likelihood fit by
 * damped Newton steps (one pass each, gradient and Hessian), warm-started from the previous one.
 *
 * <p>The negative log-likelihood is convex in all parameters jointly, and minimizing a jointly convex
 * function over some of its arguments leaves a convex function of the rest: D(b) is convex, with its
 * minimum at the estimate. So when the maximum-likelihood estimate is finite both bounds exist (a
 * convex function that rises away from its minimum rises without bound), and the tangent at any point
 * inside the interval — slope D′(b) = 2W·∂(mean BCE)/∂βⱼ at the constrained fit — meets the level
 * χ²₁(0.95) at or beyond the bound. The search steps out once by the Wald half-width, then along the
 * tangent, which brackets the root in one more fit; a constrained fit that fails far out (fitted
 * probabilities of exactly 0 or 1) is retried halfway back. The root is then solved in the bracket by
 * the Illinois method ({@link Illinois}) to |g| ≤ 1e-10. A bound is never reported as unbounded: one
 * the search cannot compute is null, and the caller says so.
 */
public final class ProfileLikelihood {
    /** χ²₁(0.95). */
    public static final double CHI2_95 = new ChiSquaredDistribution(1).inverseCumulativeProbability(0.95);
    private static final int MAX_NEWTON = 50;
    private static final int MAX_ROOT = 100;
    /** Constrained fits the search for a bracket may take, retries halfway back included. */
    private static final int MAX_BRACKET = 200;

    /** A profile interval; a null bound could not be computed (the constrained fits failed). */
    public record Interval(Double low, Double high) {
    }

    /** A constrained fit: its parameters, its −log L and the profile deviance's slope D′(b) there. */
    private record Constrained(double[] x, double negLogLikelihood, double slope) {
    }

    private final DataLoss data;
    private final double[] estimate;
    private final boolean[] aliased;
    private final double deviance;

    /**
     * @param data     the data term of the fit
     * @param estimate the maximum-likelihood estimate, packed (coefficients, then intercept)
     * @param aliased  columns held at 0 throughout
     */
    public ProfileLikelihood(DataLoss data, double[] estimate, boolean[] aliased) {
        this.data = data;
        this.estimate = estimate.clone();
        this.aliased = aliased.clone();
        this.deviance = 2 * data.evaluate(estimate).negLogLikelihood();
    }

    /**
     * The interval of parameter j (raw index; the intercept is index d).
     *
     * @param se its Wald standard error: the first step of the search (the bounds do not depend on it)
     */
    public Interval interval(int j, double se) {
        return new Interval(bound(j, se, -1), bound(j, se, +1));
    }

    /** One bound: the root of g on the side {@code sign} of the estimate, or null when it cannot be computed. */
    private Double bound(int j, double se, int sign) {
        double inside = estimate[j];
        double gInside = -CHI2_95;
        Constrained at = new Constrained(estimate.clone(), deviance / 2, 0.0);
        double step = Double.isFinite(se) && se > 0 ? 1.959963984540054 * se : 1 + Math.abs(estimate[j]);
        double guess = inside + sign * step;
        double outside = Double.NaN;
        double gOutside = Double.NaN;
        for (int tries = 0; tries < MAX_BRACKET && Double.isNaN(outside); tries++) {
            Constrained fitted = fitWith(j, guess, at.x());
            if (fitted == null) {
                // Too far out for a finite-precision fit: halfway back towards the last point inside.
                double half = inside + (guess - inside) / 2;
                if (half == inside || half == guess) {
                    return null;
                }
                guess = half;
                continue;
            }
            double g = excess(fitted);
            if (g >= 0) {
                outside = guess;
                gOutside = g;
                break;
            }
            inside = guess;
            gInside = g;
            at = fitted;
            // Convexity: the tangent's crossing of the level lies at or beyond the root.
            double slope = sign * fitted.slope();
            double tangent = slope > 0 ? inside + sign * (-g / slope) : Double.NaN;
            guess = Double.isFinite(tangent) && tangent != inside ? tangent : inside + sign * 2 * Math.abs(inside - estimate[j]);
        }
        if (Double.isNaN(outside)) {
            return null;
        }
        // Each constrained fit starts from the last one inside the interval (g < 0), the nearest to
        // the next guess.
        Constrained[] warm = {at};
        double root = Illinois.root(b -> {
            Constrained fitted = fitWith(j, b, warm[0].x());
            if (fitted == null) {
                return Double.NaN;
            }
            double g = excess(fitted);
            if (g < 0) {
                warm[0] = fitted;
            }
            return g;
        }, inside, gInside, outside, gOutside, 1e-10, 1e-13, MAX_ROOT);
        return Double.isNaN(root) ? null : root;
    }

    /** D(b) − D̂ − χ²₁(0.95) at a constrained fit. */
    private double excess(Constrained fitted) {
        return 2 * fitted.negLogLikelihood() - deviance - CHI2_95;
    }

    /**
     * The maximum-likelihood fit with parameter j held at b (and the aliased columns at 0), from
     * {@code start}: damped Newton on the free parameters, to a gradient of 1e-12 (per unit weight);
     * null when it does not converge.
     */
    private Constrained fitWith(int j, double b, double[] start) {
        int n = estimate.length;
        int[] free = java.util.stream.IntStream.range(0, n)
                .filter(k -> k != j && (k == n - 1 || !aliased[k])).toArray();
        double[] x = start.clone();
        x[j] = b;
        LossEvaluation e = data.evaluate(x, true);
        for (int it = 0; it < MAX_NEWTON; it++) {
            double largest = 0;
            for (int k : free) {
                largest = Math.max(largest, Math.abs(e.gradient()[k]));
            }
            if (largest <= 1e-12) {
                return constrained(x, e, j);
            }
            int m = free.length;
            RealMatrix h = new Array2DRowRealMatrix(m, m);
            double[] g = new double[m];
            for (int a = 0; a < m; a++) {
                g[a] = e.gradient()[free[a]];
                for (int c = 0; c < m; c++) {
                    h.setEntry(a, c, e.hessian()[free[a] * n + free[c]]);
                }
            }
            double[] step;
            try {
                // The Hessian is symmetric up to rounding: Cholesky reads its lower triangle.
                step = new CholeskyDecomposition(h, 1e-10, 0.0).getSolver().solve(new ArrayRealVector(g)).toArray();
            } catch (MathIllegalArgumentException ex) {
                return null;
            }
            double t = 1.0;
            LossEvaluation next = null;
            double[] y = null;
            for (int halving = 0; halving < 40; halving++) {
                y = x.clone();
                for (int a = 0; a < m; a++) {
                    y[free[a]] -= t * step[a];
                }
                next = data.evaluate(y, true);
                if (next.meanLoss() <= e.meanLoss() + 1e-15 * Math.abs(e.meanLoss())) {
                    break;
                }
                t /= 2;
            }
            if (Arrays.equals(x, y)) {
                return constrained(x, e, j);
            }
            x = y;
            e = next;
        }
        return null;
    }

    /** A converged constrained fit, with the slope of the profile deviance, D′(b) = 2W·∂(mean BCE)/∂βⱼ. */
    private static Constrained constrained(double[] x, LossEvaluation e, int j) {
        if (!Double.isFinite(e.negLogLikelihood())) {
            return null;
        }
        return new Constrained(x, e.negLogLikelihood(), 2 * e.weightSum() * e.gradient()[j]);
    }
}
