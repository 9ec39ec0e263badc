package org.bernoulli.optim;

/**
 * Nesterov's accelerated gradient descent (FISTA form, Beck &amp; Teboulle) with a backtracking
 * estimate of the Lipschitz constant and adaptive restart (O'Donoghue &amp; Candès): from the
 * extrapolated point y, step x⁺ = y − ∇f(y)/L, doubling L until
 * f(x⁺) ≤ f(y) − ‖∇f(y)‖²/(2L); then y ← x⁺ + ((t − 1)/t⁺)(x⁺ − x) with t⁺ = (1 + √(1 + 4t²))/2.
 * When the objective goes up, the momentum is dropped (t = 1, y = x), which restores monotone
 * progress and the linear rate on strongly convex problems. L shrinks by 10 % after each accepted
 * step so that the step can grow again. An iteration costs two passes: the gradient at y and the
 * value at x⁺ (which also gives ∇f(x⁺) for the stop test).
 */
public final class AcceleratedGradient implements Optimizer {
    private final StopRule stopRule;

    public AcceleratedGradient(StopRule stopRule) {
        this.stopRule = stopRule;
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        Progress progress = new Progress(f, x0, monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        int n = x0.length;
        double[] y = progress.x();
        ValueAndGradient atY = progress.current();
        double lipschitz = Math.max(VectorOps.maxAbs(atY.gradient()), 1e-8);
        double t = 1.0;
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(before);
            }
            double[] g = atY.gradient();
            double gg = VectorOps.dot(g, g);
            double[] next = null;
            ValueAndGradient atNext = null;
            for (int backtrack = 0; backtrack <= GradientDescent.MAX_BACKTRACKS; backtrack++) {
                next = VectorOps.move(y, g, -1.0 / lipschitz);
                atNext = progress.counted().evaluate(next);
                if (Double.isFinite(atNext.value()) && atNext.value() <= atY.value() - gg / (2 * lipschitz)) {
                    break;
                }
                atNext = null;
                lipschitz *= 2;
            }
            if (atNext == null) {
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            double[] x = progress.x();
            boolean restart = atNext.value() > progress.current().value();
            double tNext = restart ? 1.0 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = restart ? 0.0 : (t - 1) / tNext;
            double step = 1.0 / lipschitz;
            double[] yNext = new double[n];
            for (int i = 0; i < n; i++) {
                yNext[i] = next[i] + momentum * (next[i] - x[i]);
            }
            t = tNext;
            lipschitz *= 0.9;
            StopReason after = progress.accept(next, atNext, step, stopRule);
            if (after == null) {
                after = progress.checkBeforeIteration(stopRule); // before paying for the gradient at y
            }
            if (after != null) {
                return progress.result(after);
            }
            if (momentum == 0.0) {
                y = next;
                atY = atNext;
            } else {
                y = yNext;
                atY = progress.counted().evaluate(y);
            }
        }
    }
}
