package org.bernoulli.train;

import org.bernoulli.optim.AcceleratedGradient;
import org.bernoulli.optim.GradientDescent;
import org.bernoulli.optim.Lbfgs;
import org.bernoulli.optim.Newton;
import org.bernoulli.optim.Optimizer;
import org.bernoulli.optim.StopRule;
import org.bernoulli.optim.TrustRegionNewton;

/** Which optimizer fits the model ({@code --optimizer}). */
public enum OptimizerChoice {
    /** Gradient descent, Barzilai–Borwein steps, non-monotone Armijo search. */
    GD,
    /** Nesterov's accelerated gradient with backtracking and adaptive restart. */
    AGD,
    /** L-BFGS with a strong-Wolfe line search. */
    LBFGS,
    /** Newton's method with the exact Hessian, summed in the same pass as the gradient. */
    NEWTON,
    /** Trust-region Newton with conjugate gradients on Hessian–vector products (one pass each). */
    TRON,
    /** Newton while the Hessian is cheap (at most {@value #NEWTON_MAX_FEATURES} features), else L-BFGS. */
    AUTO;

    /**
     * Largest feature count for which auto picks Newton: the Hessian pass costs about d/2 times a
     * gradient pass per row, which Newton's few iterations repay only for narrow data.
     */
    public static final int NEWTON_MAX_FEATURES = 64;

    /** The concrete choice for d features (AUTO resolved). */
    public OptimizerChoice resolve(int numFeatures) {
        if (this != AUTO) {
            return this;
        }
        return numFeatures <= NEWTON_MAX_FEATURES ? NEWTON : LBFGS;
    }

    Optimizer create(StopRule stopRule, int numFeatures, int lbfgsMemory) {
        return switch (resolve(numFeatures)) {
            case GD -> new GradientDescent(stopRule);
            case AGD -> new AcceleratedGradient(stopRule);
            case LBFGS -> new Lbfgs(stopRule, lbfgsMemory);
            case NEWTON -> new Newton(stopRule);
            case TRON -> new TrustRegionNewton(stopRule);
            case AUTO -> throw new IllegalStateException("AUTO resolves to a concrete optimizer");
        };
    }
}
