package org.bernoulli.train;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.LossEvaluation;

import java.util.Arrays;

/**
 * Profile-likelihood intervals, R's {@code confint(glm)} computed exactly: for coefficient j the
 * 95 % interval is the set of values b where the profile deviance — the deviance with βⱼ held at b
 * and every other coefficient refitted — exceeds the minimum by at most χ²₁(0.95) = 3.8415. Each
 * bound is a root of g(b) = D(b) − D̂ − χ²₁(0.95), bracketed by stepping out from the Wald bound in
 * multiples of the standard error and solved by the Illinois method ({@link Illinois}) to
 * |g| ≤ 1e-10; every g is a
 * constrained maximum-likelihood fit by damped Newton steps (one pass each, gradient and Hessian),
 * warm-started from the previous one. A bound the deviance never reaches within 64 standard errors
 * — quasi-separation, where the likelihood flattens towards infinity — is reported as unbounded.
 */
public final class ProfileLikelihood {
    /** χ²₁(0.95). */
    public static final double CHI2_95 = new ChiSquaredDistribution(1).inverseCumulativeProbability(0.95);
    private static final int MAX_NEWTON = 50;
    private static final int MAX_ROOT = 100;
    private static final double[] STEP_OUT = {1, 2, 4, 8, 16, 32, 64};

    /** A profile interval; a null bound is unbounded on that side. */
    public record Interval(Double low, Double high) {
    }

    /** A constrained fit: its parameters and its −log L. */
    private record Constrained(double[] x, double negLogLikelihood) {
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
     * @param se its Wald standard error, the scale of the search
     */
    public Interval interval(int j, double se) {
        return new Interval(bound(j, se, -1), bound(j, se, +1));
    }

    /** One bound: the root of g on the side {@code sign} of the estimate, or null when there is none. */
    private Double bound(int j, double se, int sign) {
        double inside = estimate[j];
        double gInside = -CHI2_95;
        Constrained at = new Constrained(estimate.clone(), deviance / 2);
        double outside = Double.NaN;
        double gOutside = Double.NaN;
        for (double k : STEP_OUT) {
            double b = estimate[j] + sign * k * 1.959963984540054 * se;
            Constrained fitted = fitWith(j, b, at.x());
            if (fitted == null) {
                return null;
            }
            double g = excess(fitted);
            if (g >= 0) {
                outside = b;
                gOutside = g;
                break;
            }
            inside = b;
            gInside = g;
            at = fitted;
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
                return new Constrained(x, e.negLogLikelihood());
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
                step = new CholeskyDecomposition(h, 1e-14, 0.0).getSolver().solve(new ArrayRealVector(g)).toArray();
            } catch (NonPositiveDefiniteMatrixException ex) {
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
                return new Constrained(x, e.negLogLikelihood());
            }
            x = y;
            e = next;
        }
        return null;
    }
}
