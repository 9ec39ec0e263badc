package org.bernoulli.optim;

/** A {@link DiffFunction} that can multiply its Hessian by a vector, one pass per product. */
public interface HessianVectorFunction extends DiffFunction {

    /** ∇²f(x)·v, without forming ∇²f(x). */
    double[] hessianVector(double[] x, double[] v);
}
