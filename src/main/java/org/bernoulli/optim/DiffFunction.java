package org.bernoulli.optim;

/**
 * A differentiable function to be minimized. Each evaluation may be one pass over a distributed
 * data set, so optimizers count evaluations as passes.
 */
@FunctionalInterface
public interface DiffFunction {

    /** The value f(x) and the gradient ∇f(x). Must not keep or modify {@code x}. */
    ValueAndGradient evaluate(double[] x);
}
