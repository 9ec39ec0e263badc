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
}
