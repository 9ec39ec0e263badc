package org.bernoulli.optim;

/**
 * What one iteration achieved.
 *
 * @param iteration    1-based iteration number (0 for the starting point)
 * @param objective    objective value after the iteration
 * @param gradientNorm largest absolute gradient component after the iteration
 * @param step         accepted step length along the search direction
 * @param passes       function evaluations (passes over the data) so far, in total
 * @param seconds      wall-clock seconds since the optimizer started
 */
public record IterationRecord(int iteration, double objective, double gradientNorm, double step, int passes,
                              double seconds) {

    /**
     * Seconds until the iteration limit at the mean pace so far: an upper bound on the time left,
     * since convergence usually stops the run earlier; NaN at the starting point.
     */
    public double maxRemainingSeconds(int maxIterations) {
        return iteration == 0 ? Double.NaN : seconds / iteration * Math.max(0, maxIterations - iteration);
    }
}
