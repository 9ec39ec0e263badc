package org.bernoulli.optim;

/**
 * Trust-region Newton (TRON; Lin, Weng and Keerthi, 2008): each iteration minimizes the quadratic
 * model q(s) = gᵀs + ½ sᵀHs inside ‖s‖₂ ≤ Δ by conjugate gradients (Steihaug: stop at the boundary
 * or when the residual ‖Hs + g‖ falls below ξ‖g‖), then evaluates f(x + s) and compares the actual
 * decrease with the predicted one −q(s): the step is taken when their ratio exceeds η₀ = 1e-4 and
 * the radius Δ grows or shrinks with that ratio (LIBLINEAR's update rule and constants).
 *
 * <p>The Hessian is only ever multiplied by a vector ({@link HessianVectorFunction}), so memory is
 * O(n) and the method suits data too wide for {@link Newton}'s n×n matrix. Costs, in passes over
 * the data: one per conjugate-gradient step (a Hessian–vector product) plus one per trial point.
 * The forcing term ξ = min(0.1, √‖g‖₂) tightens the inner solve as the gradient shrinks, which
 * makes the outer convergence superlinear.
 *
 * <p>Near the optimum the predicted decrease falls below the rounding of f itself (about 1e-13
 * relative for compensated sums); there the ratio is noise, so a step is accepted when it reduces
 * the gradient's largest component instead.
 */
public final class TrustRegionNewton implements Optimizer {
    static final double ETA0 = 1e-4;
    static final double ETA1 = 0.25;
    static final double ETA2 = 0.75;
    static final double SIGMA1 = 0.25;
    static final double SIGMA2 = 0.5;
    static final double SIGMA3 = 4.0;
    /** Below this relative size the predicted decrease is lost in the rounding of f. */
    static final double ROUNDING_REGIME = 1e-13;
    /** Consecutive rejected steps after which the radius has collapsed and the run stops. */
    static final int MAX_REJECTIONS = 60;

    private final StopRule stopRule;
    private final int maxConjugateGradientSteps;

    /**
     * @param stopRule                  when to stop
     * @param maxConjugateGradientSteps cap on the inner iterations (Hessian–vector products) per step
     */
    public TrustRegionNewton(StopRule stopRule, int maxConjugateGradientSteps) {
        if (maxConjugateGradientSteps < 1) {
            throw new IllegalArgumentException("at least one conjugate-gradient step, got " + maxConjugateGradientSteps);
        }
        this.stopRule = stopRule;
        this.maxConjugateGradientSteps = maxConjugateGradientSteps;
    }

    public TrustRegionNewton(StopRule stopRule) {
        this(stopRule, 250);
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        if (!(f instanceof HessianVectorFunction hv)) {
            throw new IllegalArgumentException("trust-region Newton needs Hessian-vector products; "
                    + f.getClass().getSimpleName() + " gives only gradients");
        }
        Progress progress = new Progress(f, x0, monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        double radius = norm(progress.gradient());
        boolean firstStep = true;
        int rejections = 0;
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(before);
            }
            double[] x = progress.x();
            double[] g = progress.gradient();
            double fx = progress.current().value();
            Step step = solveModel(hv, progress, x, g, radius);
            double[] trial = VectorOps.move(x, step.s, 1.0);
            ValueAndGradient at = progress.counted().evaluate(trial);
            double gs = VectorOps.dot(g, step.s);
            // q(s) = gᵀs + ½sᵀHs and Hs = −g − r, so −q(s) = −½(gᵀs − sᵀr).
            double predicted = -0.5 * (gs - VectorOps.dot(step.s, step.residual));
            double actual = fx - at.value();
            double sNorm = norm(step.s);
            if (firstStep) {
                radius = Math.min(radius, sNorm);
                firstStep = false;
            }
            boolean accepted;
            if (!Double.isFinite(at.value())) {
                accepted = false;
                radius = SIGMA1 * Math.min(radius, sNorm);
            } else if (Math.abs(predicted) <= ROUNDING_REGIME * Math.abs(fx)) {
                accepted = VectorOps.maxAbs(at.gradient()) < VectorOps.maxAbs(g);
                radius = accepted ? Math.max(radius, sNorm) : SIGMA2 * sNorm;
            } else {
                double curvatureGap = at.value() - fx - gs;
                double alpha = curvatureGap <= 0 ? SIGMA3 : Math.max(SIGMA1, -0.5 * (gs / curvatureGap));
                if (actual < ETA0 * predicted) {
                    radius = Math.min(Math.max(alpha, SIGMA1) * sNorm, SIGMA2 * radius);
                } else if (actual < ETA1 * predicted) {
                    radius = Math.max(SIGMA1 * radius, Math.min(alpha * sNorm, SIGMA2 * radius));
                } else if (actual < ETA2 * predicted) {
                    radius = Math.max(SIGMA1 * radius, Math.min(alpha * sNorm, SIGMA3 * radius));
                } else {
                    radius = Math.max(radius, Math.min(alpha * sNorm, SIGMA3 * radius));
                }
                accepted = actual > ETA0 * predicted;
            }
            if (!accepted) {
                if (++rejections >= MAX_REJECTIONS || !(radius > 0)) {
                    return progress.result(StopReason.LINE_SEARCH_FAILED);
                }
                continue;
            }
            rejections = 0;
            StopReason after = progress.accept(trial, at, sNorm, stopRule);
            if (after != null) {
                return progress.result(after);
            }
        }
    }

    /** An approximate minimizer s of the model in the trust region and its residual r = −g − Hs. */
    private record Step(double[] s, double[] residual) {
    }

    /** Steihaug's truncated conjugate gradients, one counted pass per Hessian–vector product. */
    private Step solveModel(HessianVectorFunction hv, Progress progress, double[] x, double[] g, double radius) {
        int n = g.length;
        double[] s = new double[n];
        double[] r = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = -g[i];
            d[i] = r[i];
        }
        double gNorm = norm(g);
        double tolerance = Math.min(0.1, Math.sqrt(gNorm)) * gNorm;
        double rr = VectorOps.dot(r, r);
        for (int step = 0; step < maxConjugateGradientSteps && Math.sqrt(rr) > tolerance; step++) {
            double[] hd = hv.hessianVector(x, d);
            progress.countPass();
            double dHd = VectorOps.dot(d, hd);
            double alpha = rr / dHd;
            boolean outside = !(dHd > 0) || norm(VectorOps.move(s, d, alpha)) >= radius;
            if (outside) {
                // Follow d to the boundary: the τ ≥ 0 with ‖s + τd‖ = Δ.
                double sd = VectorOps.dot(s, d);
                double dd = VectorOps.dot(d, d);
                double ss = VectorOps.dot(s, s);
                double gap = radius * radius - ss;
                double root = Math.sqrt(sd * sd + dd * Math.max(gap, 0.0));
                double tau = gap <= 0 ? 0.0 : sd >= 0 ? gap / (sd + root) : (root - sd) / dd;
                for (int i = 0; i < n; i++) {
                    s[i] += tau * d[i];
                    r[i] -= tau * hd[i];
                }
                break;
            }
            for (int i = 0; i < n; i++) {
                s[i] += alpha * d[i];
                r[i] -= alpha * hd[i];
            }
            double rrNext = VectorOps.dot(r, r);
            double beta = rrNext / rr;
            for (int i = 0; i < n; i++) {
                d[i] = r[i] + beta * d[i];
            }
            rr = rrNext;
        }
        return new Step(s, r);
    }

    private static double norm(double[] v) {
        return Math.sqrt(VectorOps.dot(v, v));
    }
}
