package org.bernoulli.optim;

/**
 * Line search for the strong Wolfe conditions (Nocedal &amp; Wright, Numerical Optimization, 2nd ed.,
 * Algorithms 3.5 and 3.6): find t with
 *
 * <pre>
 *   f(x + t·d) ≤ f(x) + c₁·t·∇f(x)ᵀd          (sufficient decrease)
 *   |∇f(x + t·d)ᵀd| ≤ c₂·|∇f(x)ᵀd|             (curvature)
 * </pre>
 *
 * by bracketing an acceptable interval and shrinking it with safeguarded cubic interpolation.
 * Every trial is one evaluation of f, i.e. one pass over the data.
 */
final class LineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    private static final int MAX_EVALUATIONS = 30;

    /** The accepted step, the point and its value and gradient; null when no acceptable step was found. */
    record Step(double t, double[] x, ValueAndGradient at, int evaluations) {
    }

    private LineSearch() {
    }

    static Step strongWolfe(DiffFunction f, double[] x, ValueAndGradient at, double[] d, double initialStep) {
        double f0 = at.value();
        double g0 = VectorOps.dot(at.gradient(), d);
        if (!(g0 < 0)) {
            return null; // not a descent direction
        }
        int evaluations = 0;
        double previousT = 0;
        double previousF = f0;
        double previousG = g0;
        double t = initialStep;
        for (int i = 0; i < MAX_EVALUATIONS; i++) {
            double[] xt = VectorOps.move(x, d, t);
            ValueAndGradient vt = f.evaluate(xt);
            evaluations++;
            double ft = vt.value();
            double gt = VectorOps.dot(vt.gradient(), d);
            if (!Double.isFinite(ft) || ft > f0 + C1 * t * g0 || (i > 0 && ft >= previousF)) {
                return zoom(f, x, d, f0, g0, previousT, previousF, previousG, t, ft, gt, evaluations);
            }
            if (Math.abs(gt) <= -C2 * g0) {
                return new Step(t, xt, vt, evaluations);
            }
            if (gt >= 0) {
                return zoom(f, x, d, f0, g0, t, ft, gt, previousT, previousF, previousG, evaluations);
            }
            previousT = t;
            previousF = ft;
            previousG = gt;
            t *= 2;
        }
        return null;
    }

    /** Shrinks [lo, hi], which brackets an acceptable step, until a step meets both conditions. */
    private static Step zoom(DiffFunction f, double[] x, double[] d, double f0, double g0, double lo, double fLo,
                             double gLo, double hi, double fHi, double gHi, int evaluations) {
        for (int i = evaluations; i < MAX_EVALUATIONS; i++) {
            double t = interpolate(lo, fLo, gLo, hi, fHi, gHi);
            double[] xt = VectorOps.move(x, d, t);
            ValueAndGradient vt = f.evaluate(xt);
            evaluations++;
            double ft = vt.value();
            double gt = VectorOps.dot(vt.gradient(), d);
            if (!Double.isFinite(ft) || ft > f0 + C1 * t * g0 || ft >= fLo) {
                hi = t;
                fHi = ft;
                gHi = gt;
            } else {
                if (Math.abs(gt) <= -C2 * g0) {
                    return new Step(t, xt, vt, evaluations);
                }
                if (gt * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    gHi = gLo;
                }
                lo = t;
                fLo = ft;
                gLo = gt;
            }
            if (Math.abs(hi - lo) <= 1e-16 * Math.max(Math.abs(lo), Math.abs(hi))) {
                break;
            }
        }
        // The interval collapsed: accept the best sufficient-decrease point found, if it improved.
        if (lo > 0 && fLo < f0) {
            double[] xt = VectorOps.move(x, d, lo);
            ValueAndGradient vt = f.evaluate(xt);
            return new Step(lo, xt, vt, evaluations + 1);
        }
        return null;
    }

    /**
     * Minimizer of the cubic that matches f and f' at both ends, kept inside the middle 80 % of the
     * interval (bisection when the cubic gives nothing usable).
     */
    static double interpolate(double a, double fa, double ga, double b, double fb, double gb) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double width = hi - lo;
        double d1 = ga + gb - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - ga * gb;
        double t = Double.NaN;
        if (disc >= 0 && Double.isFinite(fb)) {
            double d2 = Math.copySign(Math.sqrt(disc), b - a);
            t = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
        }
        if (!Double.isFinite(t) || t < lo + 0.1 * width || t > hi - 0.1 * width) {
            t = lo + 0.5 * width;
        }
        return t;
    }
}
