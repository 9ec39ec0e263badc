package org.bernoulli.optim;

/** A {@link DiffFunction} that can also give its Hessian, in the same pass over the data. */
public interface TwiceDiffFunction extends DiffFunction {

    /** f(x), ∇f(x) and ∇²f(x) (a symmetric n×n matrix, row-major in {@code hessian[i·n + j]}). */
    SecondOrder evaluateWithHessian(double[] x);

    /** Value, gradient and Hessian at one point. */
    record SecondOrder(ValueAndGradient first, double[] hessian) {
    }
}
