package org.bernoulli.optim;

import java.util.ArrayList;
import java.util.List;

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
public final class GradientDescent {

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

    /** Minimizes f from x0 (not modified). */
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        long start = System.nanoTime();
        int n = x0.length;
        double[] x = x0.clone();
        ValueAndGradient current = checkFinite(f.evaluate(x), 0);
        int passes = 1;
        List<IterationRecord> history = new ArrayList<>();
        double gradientNorm = maxAbs(current.gradient());
        IterationRecord initial = new IterationRecord(0, current.value(), gradientNorm, 0.0, passes, seconds(start));
        history.add(initial);
        if (!monitor.accept(initial, x)) {
            return result(x, current, 0, passes, StopReason.STOPPED_BY_MONITOR, history);
        }
        double[] previousX = null;
        double[] previousGradient = null;
        double step = 1.0;
        double[] trial = new double[n];
        java.util.ArrayDeque<Double> recentValues = new java.util.ArrayDeque<>();
        recentValues.addLast(current.value());
        for (int iteration = 1; ; iteration++) {
            if (stopRule.gradientConverged(gradientNorm)) {
                return result(x, current, iteration - 1, passes, StopReason.GRADIENT_TOLERANCE, history);
            }
            if (iteration > stopRule.maxIterations()) {
                return result(x, current, iteration - 1, passes, StopReason.MAX_ITERATIONS, history);
            }
            double[] g = current.gradient();
            if (previousX != null) {
                step = barzilaiBorweinStep(x, previousX, g, previousGradient, step);
            }
            double slope = -dot(g, g);
            double reference = recentValues.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            ValueAndGradient accepted = null;
            for (int backtrack = 0; backtrack <= MAX_BACKTRACKS; backtrack++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] - step * g[i];
                }
                ValueAndGradient candidate = f.evaluate(trial);
                passes++;
                if (Double.isFinite(candidate.value())
                        && candidate.value() <= reference + ARMIJO_C1 * step * slope) {
                    accepted = checkFinite(candidate, iteration);
                    break;
                }
                step *= 0.5;
            }
            if (accepted == null) {
                return result(x, current, iteration - 1, passes, StopReason.LINE_SEARCH_FAILED, history);
            }
            previousX = x;
            previousGradient = g;
            x = trial.clone();
            current = accepted;
            recentValues.addLast(current.value());
            if (recentValues.size() > NONMONOTONE_MEMORY) {
                recentValues.removeFirst();
            }
            gradientNorm = maxAbs(current.gradient());
            IterationRecord record = new IterationRecord(iteration, current.value(), gradientNorm, step, passes,
                    seconds(start));
            history.add(record);
            if (!monitor.accept(record, x)) {
                return result(x, current, iteration, passes, StopReason.STOPPED_BY_MONITOR, history);
            }
            if (history.size() > StopRule.OBJECTIVE_WINDOW
                    && stopRule.objectiveConverged(history.get(history.size() - 1 - StopRule.OBJECTIVE_WINDOW).objective(),
                    current.value())) {
                StopReason reason = stopRule.gradientConverged(gradientNorm)
                        ? StopReason.GRADIENT_TOLERANCE : StopReason.OBJECTIVE_TOLERANCE;
                return result(x, current, iteration, passes, reason, history);
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

    private static ValueAndGradient checkFinite(ValueAndGradient v, int iteration) {
        if (!Double.isFinite(v.value())) {
            throw new ArithmeticException("objective is " + v.value() + " at iteration " + iteration);
        }
        for (double g : v.gradient()) {
            if (!Double.isFinite(g)) {
                throw new ArithmeticException("gradient has a non-finite component at iteration " + iteration);
            }
        }
        return v;
    }

    private static OptimizationResult result(double[] x, ValueAndGradient at, int iterations, int passes,
                                             StopReason reason, List<IterationRecord> history) {
        return new OptimizationResult(x.clone(), at.value(), at.gradient().clone(), iterations, passes, reason, history);
    }

    static double maxAbs(double[] v) {
        double m = 0.0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
