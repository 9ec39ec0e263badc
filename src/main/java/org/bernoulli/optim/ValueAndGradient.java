package org.bernoulli.optim;

/** A function value and its gradient at one point. */
public record ValueAndGradient(double value, double[] gradient) {
}
