package org.bernoulli.optim;

import java.util.List;

/**
 * The outcome of a minimization.
 *
 * @param x          the final point
 * @param value      f at the final point
 * @param gradient   ∇f at the final point
 * @param iterations iterations completed
 * @param passes     function evaluations (passes over the data)
 * @param stopReason why the optimizer stopped
 * @param history    one record per iteration, starting with the initial point
 */
public record OptimizationResult(double[] x, double value, double[] gradient, int iterations, int passes,
                                 StopReason stopReason, List<IterationRecord> history) {

    public OptimizationResult {
        history = List.copyOf(history);
    }
}
