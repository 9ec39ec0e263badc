package org.bernoulli.math;

import java.io.Serializable;

/**
 * What one fold of a cross-validation asks of a pass: the loss (and gradient, and Hessian) of its
 * training rows or of its held-out rows, or the Hessian of its training rows times a direction.
 *
 * @param packed      the fold's parameters (coefficients, then intercept)
 * @param withHessian whether to sum the Hessian too (training part only)
 * @param heldOut     evaluate on the fold's held-out rows instead of its training rows
 * @param direction   for a Hessian–vector product on the training rows, the direction; else null
 */
public record FoldRequest(double[] packed, boolean withHessian, boolean heldOut, double[] direction)
        implements Serializable {

    public FoldRequest {
        if (direction != null && (withHessian || heldOut)) {
            throw new IllegalArgumentException("a Hessian-vector product is asked of the training rows alone");
        }
    }

    /** A loss evaluation. */
    public FoldRequest(double[] packed, boolean withHessian, boolean heldOut) {
        this(packed, withHessian, heldOut, null);
    }

    /** The Hessian of the fold's training rows at {@code packed} times {@code direction}. */
    public static FoldRequest hessianVector(double[] packed, double[] direction) {
        return new FoldRequest(packed, false, false, direction);
    }
}
