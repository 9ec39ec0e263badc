package org.bernoulli.train;

import java.util.function.DoubleUnaryOperator;

/**
 * A root of a continuous function on a bracket by the Illinois method: regula falsi that halves the
 * value kept at an end when the same end is kept twice in a row, so the bracket shrinks from both
 * sides (superlinear, and never slower than bisection by much). Each step is one evaluation of g —
 * here a pass over the data or a whole constrained fit.
 */
final class Illinois {

    private Illinois() {
    }

    /**
     * The point with the smallest |g| found, stopping when |g| ≤ {@code gTolerance}, when the bracket
     * is within {@code xTolerance}·(1 + |x|), or after {@code maxSteps} evaluations; NaN when g
     * returns NaN (it could not be evaluated there).
     *
     * @param a, b the bracket's ends, where g has the values {@code ga} and {@code gb} of opposite
     *             signs (or one of them within tolerance)
     */
    static double root(DoubleUnaryOperator g, double a, double ga, double b, double gb, double gTolerance,
                       double xTolerance, int maxSteps) {
        double best = Math.abs(ga) <= Math.abs(gb) ? a : b;
        double bestG = Math.min(Math.abs(ga), Math.abs(gb));
        int kept = 0;
        for (int k = 0; k < maxSteps && bestG > gTolerance && Math.abs(b - a) > xTolerance * (1 + Math.abs(best)); k++) {
            double x = (a * gb - b * ga) / (gb - ga);
            double gx = g.applyAsDouble(x);
            if (Double.isNaN(gx)) {
                return Double.NaN;
            }
            if (Math.abs(gx) < bestG) {
                best = x;
                bestG = Math.abs(gx);
            }
            if (Math.signum(gx) == Math.signum(gb)) {
                b = x;
                gb = gx;
                if (kept == -1) {
                    ga /= 2;
                }
                kept = -1;
            } else {
                a = x;
                ga = gx;
                if (kept == 1) {
                    gb /= 2;
                }
                kept = 1;
            }
        }
        return best;
    }
}
