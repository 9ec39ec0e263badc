package org.bernoulli.optim;

/** Minimizes a function from a starting point, reporting each iteration to a monitor. */
public interface Optimizer {

    /**
     * @param f       the function; every evaluation counts as one pass over the data
     * @param x0      the starting point (not modified)
     * @param monitor receives every accepted iterate and may stop the run
     */
    OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor);
}
