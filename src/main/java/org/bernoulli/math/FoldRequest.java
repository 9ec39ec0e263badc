package org.bernoulli.math;

import java.io.Serializable;

/**
 * What one fold of a cross-validation asks of a pass.
 *
 * @param packed      the fold's parameters (coefficients, then intercept)
 * @param withHessian whether to sum the Hessian too (training part only)
 * @param heldOut     evaluate on the fold's held-out rows instead of its training rows
 */
public record FoldRequest(double[] packed, boolean withHessian, boolean heldOut) implements Serializable {
}
