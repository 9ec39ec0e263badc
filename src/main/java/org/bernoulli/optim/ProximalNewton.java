package org.bernoulli.optim;

/**
 * Proximal Newton for F(x) = f(x) + Σⱼ cⱼ|xⱼ| with a smooth, twice differentiable f (Lee, Sun
 * &amp; Saunders 2014; for the logistic loss, the method of glmnet and newGLMNET): at x, minimize the
 * quadratic model plus the penalty,
 *
 * <pre>
 *   d = argmin ∇f(x)ᵀd + ½ dᵀ∇²f(x) d + Σⱼ cⱼ|xⱼ + dⱼ|,
 * </pre>
 *
 * by cyclic coordinate descent (each coordinate's minimizer is a soft threshold, so coefficients
 * land exactly on 0), then backtrack t = 1, ½, … until
 * F(x + t·d) ≤ F(x) + 10⁻⁴·t·Δ with Δ = ∇f(x)ᵀd + Σⱼ cⱼ(|xⱼ + dⱼ| − |xⱼ|) &lt; 0. Each trial point
 * is evaluated with its Hessian, so an accepted full step costs one pass per iteration, and near
 * the optimum the convergence is that of Newton's method. The gradient tolerance tests the
 * pseudo-gradient (see {@link OwlQn}), zero exactly at a minimizer. The Hessian is n×n on the
 * driver: for narrow data.
 */
public final class ProximalNewton implements Optimizer {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 60;
    private static final int MAX_SWEEPS = 20_000;

    private final StopRule stopRule;
    private final double[] l1;
    private final double[] lower;
    private final double[] upper;

    /** @param l1 cⱼ ≥ 0 for every coordinate */
    public ProximalNewton(StopRule stopRule, double[] l1) {
        this(stopRule, l1, null, null);
    }

    /**
     * With box constraints lⱼ ≤ xⱼ ≤ uⱼ: the penalty then includes the indicator of the box, each
     * coordinate step of the subproblem is clipped to it (the minimizer of a convex function of one
     * variable over an interval is its unconstrained minimizer clipped), and the pseudo-gradient
     * ignores a component that points out of the box at a bound.
     *
     * @param lower lⱼ, possibly −∞; null for none
     * @param upper uⱼ, possibly +∞; null for none
     */
    public ProximalNewton(StopRule stopRule, double[] l1, double[] lower, double[] upper) {
        this.stopRule = stopRule;
        this.l1 = l1.clone();
        this.lower = lower == null ? filled(l1.length, Double.NEGATIVE_INFINITY) : lower.clone();
        this.upper = upper == null ? filled(l1.length, Double.POSITIVE_INFINITY) : upper.clone();
        for (int j = 0; j < l1.length; j++) {
            if (!(this.lower[j] <= this.upper[j]) || this.lower[j] == Double.POSITIVE_INFINITY
                    || this.upper[j] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("bounds of coordinate " + j + " are empty: [" + this.lower[j] + ", "
                        + this.upper[j] + "]");
            }
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** The point moved into the box (for a starting point). */
    public double[] project(double[] x) {
        double[] out = x.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(lower[j], Math.min(upper[j], out[j]));
        }
        return out;
    }

    /** The pseudo-gradient with the components that point out of the box at a bound set to 0. */
    private double[] stationarity(double[] x, double[] g) {
        double[] pseudo = OwlQn.pseudoGradient(x, g, l1);
        for (int j = 0; j < x.length; j++) {
            if ((x[j] <= lower[j] && pseudo[j] > 0) || (x[j] >= upper[j] && pseudo[j] < 0)) {
                pseudo[j] = 0;
            }
        }
        return pseudo;
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        if (!(f instanceof TwiceDiffFunction twice)) {
            throw new IllegalArgumentException("proximal Newton needs the Hessian; " + f.getClass().getSimpleName()
                    + " gives only gradients");
        }
        if (x0.length != l1.length) {
            throw new IllegalArgumentException(l1.length + " L1 weights for " + x0.length + " coordinates");
        }
        double[][] last = new double[2][]; // smooth gradient and Hessian of the last evaluation
        DiffFunction composite = x -> {
            TwiceDiffFunction.SecondOrder s = twice.evaluateWithHessian(x);
            last[0] = s.first().gradient();
            last[1] = s.hessian();
            return new ValueAndGradient(s.first().value() + penalty(x), stationarity(x, s.first().gradient()));
        };
        Progress progress = new Progress(composite, project(x0), monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        double[] g = last[0];
        double[] h = last[1];
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(before);
            }
            double[] x = progress.x();
            double[] target = subproblem(x, g, h);
            double[] d = new double[x.length];
            double predicted = 0;
            for (int j = 0; j < x.length; j++) {
                d[j] = target[j] - x[j];
                predicted += g[j] * d[j] + l1[j] * (Math.abs(target[j]) - Math.abs(x[j]));
            }
            if (!(predicted < 0)) {
                // The model sees no descent: x is optimal to the precision of the subproblem.
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            if (-predicted <= 1e-15 * Math.abs(progress.current().value())) {
                // The best the model promises is below the objective's rounding: no step can show a
                // decrease, so the objective has converged to machine precision.
                return progress.result(StopReason.OBJECTIVE_TOLERANCE);
            }
            double t = 1.0;
            double[] trial = null;
            ValueAndGradient accepted = null;
            for (int k = 0; k <= MAX_BACKTRACKS; k++, t *= 0.5) {
                trial = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    // The full step lands exactly on the subproblem's point (its zeros and bounds).
                    trial[j] = t == 1.0 ? target[j] : Math.max(lower[j], Math.min(upper[j], x[j] + t * d[j]));
                }
                ValueAndGradient candidate = progress.counted().evaluate(trial);
                if (Double.isFinite(candidate.value())
                        && candidate.value() <= progress.current().value() + ARMIJO * t * predicted) {
                    accepted = candidate;
                    break;
                }
            }
            if (accepted == null) {
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            g = last[0];
            h = last[1];
            StopReason after = progress.accept(trial, accepted, t, stopRule);
            if (after != null) {
                return progress.result(after);
            }
        }
    }

    private double penalty(double[] x) {
        double p = 0;
        for (int j = 0; j < x.length; j++) {
            p += l1[j] * Math.abs(x[j]);
        }
        return p;
    }

    /**
     * The point x + d, d minimizing gᵀd + ½dᵀHd + Σ cⱼ|xⱼ + dⱼ| within the box, by cyclic
     * coordinate descent keeping H·d up to date; until no coordinate moves by more than 10⁻¹³ on the
     * scale √Hⱼⱼ.
     */
    double[] subproblem(double[] x, double[] g, double[] h) {
        int n = x.length;
        double[] point = x.clone();
        double[] hd = new double[n];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double largest = 0;
            for (int j = 0; j < n; j++) {
                double a = Math.max(h[j * n + j], 1e-12);
                double z = point[j];
                double u = z - (g[j] + hd[j]) / a;
                double next = l1[j] == 0 ? u : Math.signum(u) * Math.max(Math.abs(u) - l1[j] / a, 0.0);
                next = Math.max(lower[j], Math.min(upper[j], next));
                double delta = next - z;
                if (delta != 0) {
                    // The point keeps the threshold's zero or the bound exactly.
                    point[j] = next;
                    for (int i = 0; i < n; i++) {
                        hd[i] += h[i * n + j] * delta;
                    }
                    largest = Math.max(largest, Math.abs(delta) * Math.sqrt(a));
                }
            }
            if (largest <= 1e-13) {
                break;
            }
        }
        return point;
    }
}
