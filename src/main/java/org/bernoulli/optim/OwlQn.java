package org.bernoulli.optim;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Orthant-wise limited-memory quasi-Newton (Andrew &amp; Gao, 2007): minimizes
 * F(x) = f(x) + Σⱼ cⱼ|xⱼ| for a smooth f and weights cⱼ ≥ 0 (0 leaves a coordinate unpenalized).
 *
 * <p>Where F is not differentiable it steers by the <em>pseudo-gradient</em> ◇F, the gradient of
 * the one-sided derivative that decreases F fastest: for xⱼ ≠ 0, ∂ⱼf + cⱼ·sign(xⱼ); for xⱼ = 0,
 * ∂ⱼf + cⱼ when that is negative, ∂ⱼf − cⱼ when that is positive, else 0 (no direction along j
 * lowers F). ◇F = 0 is exactly the optimality (KKT) condition, so its largest component is what
 * the gradient tolerance tests. Each iteration takes the L-BFGS direction for −◇F, zeroes the
 * components that disagree in sign with −◇F, and searches along it with every trial point
 * projected onto the orthant of the current point (a coordinate that would change sign stops at
 * 0): that projection is what makes coefficients exactly zero. The backtracking search accepts
 * the first step with F(x⁺) ≤ F(x) + 10⁻⁴·◇F·(x⁺ − x). Curvature pairs use the smooth gradient
 * only, as the L1 part has none.
 */
public final class OwlQn implements Optimizer {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 60;

    private final StopRule stopRule;
    private final int memory;
    private final double[] l1;

    /**
     * @param l1 cⱼ ≥ 0 for every coordinate
     */
    public OwlQn(StopRule stopRule, int memory, double[] l1) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be at least 1, got " + memory);
        }
        for (double c : l1) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("L1 weights must be finite and >= 0, got " + c);
            }
        }
        this.stopRule = stopRule;
        this.memory = memory;
        this.l1 = l1.clone();
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        if (x0.length != l1.length) {
            throw new IllegalArgumentException(l1.length + " L1 weights for " + x0.length + " coordinates");
        }
        Composite composite = new Composite(f);
        Progress progress = new Progress(composite, x0, monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        double[] smooth = composite.lastSmoothGradient;
        Deque<double[][]> pairs = new ArrayDeque<>();
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(before);
            }
            double[] x = progress.x();
            double[] pseudo = progress.gradient();
            Trial trial = search(progress, x, pseudo, direction(pseudo, pairs), pairs.isEmpty());
            if (trial == null && !pairs.isEmpty()) {
                pairs.clear(); // a stale curvature model: retry along the pseudo-gradient
                trial = search(progress, x, pseudo, direction(pseudo, pairs), true);
            }
            if (trial == null) {
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            double[] next = trial.x();
            double[] nextSmooth = composite.lastSmoothGradient;
            double[] s = new double[x.length];
            double[] y = new double[x.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = next[i] - x[i];
                y[i] = nextSmooth[i] - smooth[i];
            }
            if (VectorOps.dot(s, y) > 1e-12 * Math.sqrt(VectorOps.dot(s, s) * VectorOps.dot(y, y))) {
                pairs.addLast(new double[][] {s, y});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            smooth = nextSmooth;
            StopReason after = progress.accept(next, trial.at(), trial.t(), stopRule);
            if (after != null) {
                return progress.result(after);
            }
        }
    }

    private record Trial(double[] x, ValueAndGradient at, double t) {
    }

    /**
     * Backtracking along d from x, each trial point projected onto x's orthant (for xⱼ = 0, the
     * orthant of −◇F). The last evaluation is the accepted point, so the composite's smooth
     * gradient is the one at the returned point. Null when no step decreases F enough.
     */
    private Trial search(Progress progress, double[] x, double[] pseudo, double[] d, boolean first) {
        int n = x.length;
        double[] orthant = new double[n];
        boolean any = false;
        for (int j = 0; j < n; j++) {
            orthant[j] = x[j] != 0 ? Math.signum(x[j]) : -Math.signum(pseudo[j]);
            // Keep only the components that go downhill along −◇F.
            if (d[j] * pseudo[j] >= 0) {
                d[j] = 0;
            }
            any |= d[j] != 0;
        }
        if (!any) {
            return null;
        }
        double fx = progress.current().value();
        double t = first ? Math.min(1.0, 1.0 / Math.max(VectorOps.maxAbs(d), 1e-300)) : 1.0;
        for (int k = 0; k < MAX_BACKTRACKS; k++) {
            double[] trial = new double[n];
            double decrease = 0;
            for (int j = 0; j < n; j++) {
                double v = x[j] + t * d[j];
                // A penalized coordinate that would leave its orthant stops at 0.
                trial[j] = l1[j] == 0 || v * orthant[j] > 0 ? v : 0.0;
                decrease += pseudo[j] * (trial[j] - x[j]);
            }
            ValueAndGradient at = progress.counted().evaluate(trial);
            if (Double.isFinite(at.value()) && at.value() <= fx + ARMIJO * decrease) {
                return new Trial(trial, at, t);
            }
            t = nextStep(t, fx, at.value(), decrease);
        }
        return null;
    }

    /**
     * The next trial step after t failed: the minimizer of the quadratic through F(x), the slope
     * ◇F·(x⁺ − x)/t and F(x⁺), kept within [t/10, t/2] (halving when the value is not finite).
     */
    static double nextStep(double t, double f0, double ft, double decrease) {
        if (!Double.isFinite(ft)) {
            return t / 2;
        }
        double slope = decrease / t;
        double curvature = ft - f0 - slope * t;
        if (!(slope < 0) || !(curvature > 0)) {
            return t / 2;
        }
        double minimizer = -slope * t * t / (2 * curvature);
        return Math.max(t / 10, Math.min(t / 2, minimizer));
    }

    /** d = −H·◇F by the L-BFGS two-loop recursion. */
    private static double[] direction(double[] pseudo, Deque<double[][]> pairs) {
        return Lbfgs.direction(pseudo, pairs);
    }

    /**
     * F = f + Σ cⱼ|xⱼ| with the pseudo-gradient in place of the gradient, remembering the smooth
     * gradient of its last evaluation for the curvature pairs.
     */
    private final class Composite implements DiffFunction {
        private final DiffFunction smooth;
        private double[] lastSmoothGradient;

        Composite(DiffFunction smooth) {
            this.smooth = smooth;
        }

        @Override
        public ValueAndGradient evaluate(double[] x) {
            ValueAndGradient at = smooth.evaluate(x);
            double[] g = at.gradient();
            lastSmoothGradient = g.clone();
            double penalty = 0;
            for (int j = 0; j < x.length; j++) {
                penalty += l1[j] * Math.abs(x[j]);
            }
            double[] pseudo = pseudoGradient(x, g, l1);
            return new ValueAndGradient(at.value() + penalty, pseudo);
        }
    }

    /** F's pseudo-gradient at x given the smooth gradient g there: zero exactly at a minimizer. */
    public static double[] pseudoGradient(double[] x, double[] g, double[] l1) {
        double[] pseudo = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double c = l1[j];
            if (x[j] > 0) {
                pseudo[j] = g[j] + c;
            } else if (x[j] < 0) {
                pseudo[j] = g[j] - c;
            } else if (g[j] + c < 0) {
                pseudo[j] = g[j] + c;
            } else if (g[j] - c > 0) {
                pseudo[j] = g[j] - c;
            }
        }
        return pseudo;
    }
}
