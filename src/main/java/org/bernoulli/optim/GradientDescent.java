package org.bernoulli.optim;

import java.util.ArrayDeque;

/**
 * Gradient descent with a backtracking (Armijo) line search.
 *
 * <p>Each iteration moves along d = −∇f(x). The first trial step is the Barzilai–Borwein step
 * sᵀs / sᵀy from the last two iterates (s = x_k − x_{k−1}, y = ∇f_k − ∇f_{k−1}), which adapts the
 * step to the local curvature; it is halved until the non-monotone Armijo condition of Grippo,
 * Lampariello and Lucidi holds, f(x + t·d) ≤ max(f_{k−M+1}, …, f_k) + c₁·t·∇fᵀd with M =
 * {@value #NONMONOTONE_MEMORY}. Measuring the decrease against the worst of the last M values
 * lets the Barzilai–Borwein steps do their work on ill-conditioned problems, where a monotone
 * search would cut them short, while still guaranteeing convergence. Every trial is one
 * function evaluation, i.e. one pass over the data.
 */
public final class GradientDescent implements Optimizer {

    /** Sufficient-decrease constant of the Armijo condition. */
    static final double ARMIJO_C1 = 1e-4;
    /** Halvings before the line search gives up (2⁻⁶⁰ ≈ 1e-18 of the trial step). */
    static final int MAX_BACKTRACKS = 60;
    /** Number of recent objective values the non-monotone line search compares against. */
    static final int NONMONOTONE_MEMORY = 10;

    private final StopRule stopRule;

    public GradientDescent(StopRule stopRule) {
        this.stopRule = stopRule;
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        Progress progress = new Progress(f, x0, monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        int n = x0.length;
        double[] previousX = null;
        double[] previousGradient = null;
        double step = 1.0;
        ArrayDeque<Double> recentValues = new ArrayDeque<>();
        recentValues.addLast(progress.current().value());
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(before);
            }
            double[] x = progress.x();
            double[] g = progress.gradient();
            if (previousX != null) {
                step = barzilaiBorweinStep(x, previousX, g, previousGradient, step);
            }
            double slope = -VectorOps.dot(g, g);
            double reference = recentValues.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double[] trial = new double[n];
            ValueAndGradient accepted = null;
            for (int backtrack = 0; backtrack <= MAX_BACKTRACKS; backtrack++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] - step * g[i];
                }
                ValueAndGradient candidate = progress.counted().evaluate(trial);
                if (Double.isFinite(candidate.value()) && candidate.value() <= reference + ARMIJO_C1 * step * slope) {
                    accepted = candidate;
                    break;
                }
                step *= 0.5;
            }
            if (accepted == null) {
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            previousX = x;
            previousGradient = g;
            recentValues.addLast(accepted.value());
            if (recentValues.size() > NONMONOTONE_MEMORY) {
                recentValues.removeFirst();
            }
            StopReason after = progress.accept(trial, accepted, step, stopRule);
            if (after != null) {
                return progress.result(after);
            }
        }
    }

    /**
     * sᵀs / sᵀy, or twice the last step when the curvature along s is not positive (then the
     * line search will shorten it as needed).
     */
    private static double barzilaiBorweinStep(double[] x, double[] previousX, double[] g, double[] previousG,
                                              double lastStep) {
        double ss = 0.0;
        double sy = 0.0;
        for (int i = 0; i < x.length; i++) {
            double s = x[i] - previousX[i];
            ss += s * s;
            sy += s * (g[i] - previousG[i]);
        }
        return sy > 0.0 && ss > 0.0 ? ss / sy : 2.0 * lastStep;
    }
}
