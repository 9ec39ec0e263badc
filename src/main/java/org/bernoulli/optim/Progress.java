package org.bernoulli.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping every optimizer shares: counts passes (function evaluations), keeps the current
 * point and the iteration history, reports to the monitor and applies the stop rule.
 */
final class Progress {
    private final long start = System.nanoTime();
    private final IterationMonitor monitor;
    private final DiffFunction counted;
    private final List<IterationRecord> history = new ArrayList<>();
    private int passes;
    private int iteration;
    private double[] x;
    private ValueAndGradient current;
    private double gradientNorm;
    private StopReason stopped;

    Progress(DiffFunction f, double[] x0, IterationMonitor monitor) {
        this.monitor = monitor;
        this.counted = point -> {
            passes++;
            return f.evaluate(point);
        };
        this.x = x0.clone();
        this.current = checkFinite(counted.evaluate(x), 0);
        this.gradientNorm = VectorOps.maxAbs(current.gradient());
        IterationRecord initial = new IterationRecord(0, current.value(), gradientNorm, 0.0, passes, seconds());
        history.add(initial);
        if (!monitor.accept(initial, x)) {
            stopped = StopReason.STOPPED_BY_MONITOR;
        }
    }

    /** The function, counting each evaluation as a pass. */
    DiffFunction counted() {
        return counted;
    }

    /** Counts an evaluation made without {@link #counted()} (for example one that also yields a Hessian). */
    void countPass() {
        passes++;
    }

    StopReason stopped() {
        return stopped;
    }

    double[] x() {
        return x;
    }

    ValueAndGradient current() {
        return current;
    }

    double[] gradient() {
        return current.gradient();
    }

    int iteration() {
        return iteration;
    }

    /** The stop reason that holds before the next iteration starts, or null to go on. */
    StopReason checkBeforeIteration(StopRule rule) {
        if (rule.gradientConverged(gradientNorm)) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (iteration >= rule.maxIterations()) {
            return StopReason.MAX_ITERATIONS;
        }
        return null;
    }

    /** Accepts the next iterate; returns the stop reason that then holds, or null to go on. */
    StopReason accept(double[] next, ValueAndGradient at, double step, StopRule rule) {
        iteration++;
        x = next.clone();
        current = checkFinite(at, iteration);
        gradientNorm = VectorOps.maxAbs(current.gradient());
        IterationRecord record = new IterationRecord(iteration, current.value(), gradientNorm, step, passes, seconds());
        history.add(record);
        if (!monitor.accept(record, x)) {
            return StopReason.STOPPED_BY_MONITOR;
        }
        if (history.size() > StopRule.OBJECTIVE_WINDOW && rule.objectiveConverged(
                history.get(history.size() - 1 - StopRule.OBJECTIVE_WINDOW).objective(), current.value())) {
            return rule.gradientConverged(gradientNorm) ? StopReason.GRADIENT_TOLERANCE : StopReason.OBJECTIVE_TOLERANCE;
        }
        return null;
    }

    OptimizationResult result(StopReason reason) {
        return new OptimizationResult(x.clone(), current.value(), current.gradient().clone(), iteration, passes, reason,
                history);
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static ValueAndGradient checkFinite(ValueAndGradient v, int iteration) {
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
}
