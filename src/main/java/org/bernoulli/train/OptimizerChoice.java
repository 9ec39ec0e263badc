package org.bernoulli.train;

import org.bernoulli.optim.AcceleratedGradient;
import org.bernoulli.optim.GradientDescent;
import org.bernoulli.optim.Lbfgs;
import org.bernoulli.optim.Newton;
import org.bernoulli.optim.Optimizer;
import org.bernoulli.optim.OwlQn;
import org.bernoulli.optim.ProximalNewton;
import org.bernoulli.optim.StopRule;
import org.bernoulli.optim.TrustRegionNewton;

/** Which optimizer fits the model ({@code OPTIMIZER}). */
public enum OptimizerChoice {
    /** Gradient descent, Barzilai–Borwein steps, non-monotone Armijo search. */
    GD,
    /** Nesterov's accelerated gradient with backtracking and adaptive restart. */
    AGD,
    /** L-BFGS with a strong-Wolfe line search. */
    LBFGS,
    /**
     * Newton's method with the exact Hessian, summed in the same pass as the gradient; with an L1
     * penalty, proximal Newton (coordinate descent on the quadratic model, as glmnet).
     */
    NEWTON,
    /** Trust-region Newton with conjugate gradients on Hessian–vector products (one pass each). */
    TRON,
    /**
     * Orthant-wise L-BFGS, for penalties with an L1 part (the only choice that handles them; with
     * no L1 part it is L-BFGS with a backtracking search).
     */
    OWLQN,
    /** Newton while the Hessian is cheap (at most {@value #NEWTON_MAX_FEATURES} features), else L-BFGS. */
    AUTO;

    /**
     * Largest feature count for which auto picks Newton: the Hessian pass costs about d/2 times a
     * gradient pass per row, which Newton's few iterations repay only for narrow data.
     */
    public static final int NEWTON_MAX_FEATURES = 64;

    /**
     * Largest feature count for which auto picks Newton on data with few values per row (sparse or
     * categorical rows, such as a formula's factors): there a row's part of the Hessian costs
     * (k + 1)²/2 for its k values, not d²/2, and the driver's Cholesky factorization d³/6 stays well
     * under a second.
     */
    public static final int NEWTON_MAX_SPARSE_FEATURES = 1024;

    /** The concrete choice for d features (AUTO resolved), without an L1 penalty. */
    public OptimizerChoice resolve(int numFeatures) {
        return resolve(numFeatures, false);
    }

    /**
     * The concrete choice for d features (AUTO resolved): Newton up to {@value #NEWTON_MAX_FEATURES}
     * features (proximal Newton with an L1 penalty), else L-BFGS, or OWL-QN with an L1 penalty.
     */
    public OptimizerChoice resolve(int numFeatures, boolean l1) {
        return resolve(numFeatures, l1, numFeatures);
    }

    /**
     * The concrete choice (AUTO resolved) for d features and k stored values per row on average:
     * Newton when d ≤ {@value #NEWTON_MAX_FEATURES}, or when k ≤ {@value #NEWTON_MAX_FEATURES} and
     * d ≤ {@value #NEWTON_MAX_SPARSE_FEATURES} (a Hessian pass then costs per row what it costs on
     * 64 dense features); else L-BFGS, or OWL-QN with an L1 penalty.
     */
    public OptimizerChoice resolve(int numFeatures, boolean l1, double storedPerRow) {
        if (this != AUTO) {
            return this;
        }
        if (numFeatures <= NEWTON_MAX_FEATURES
                || (numFeatures <= NEWTON_MAX_SPARSE_FEATURES && storedPerRow <= NEWTON_MAX_FEATURES)) {
            return NEWTON;
        }
        return l1 ? OWLQN : LBFGS;
    }

    /** Whether this choice handles a penalty with an L1 part. */
    public boolean handlesL1() {
        return this == AUTO || this == OWLQN || this == NEWTON;
    }

    /**
     * @param l1 OWL-QN's L1 weight of each coordinate of the optimizer's parameters (intercept
     *           included, at 0); null when there is no L1 penalty
     */
    Optimizer create(StopRule stopRule, int numFeatures, int lbfgsMemory, double[] l1) {
        return switch (resolve(numFeatures, l1 != null)) {
            case GD -> new GradientDescent(stopRule);
            case AGD -> new AcceleratedGradient(stopRule);
            case LBFGS -> new Lbfgs(stopRule, lbfgsMemory);
            case NEWTON -> l1 != null ? new ProximalNewton(stopRule, l1) : new Newton(stopRule);
            case TRON -> new TrustRegionNewton(stopRule);
            case OWLQN -> new OwlQn(stopRule, lbfgsMemory, l1 != null ? l1 : new double[numFeatures + 1]);
            case AUTO -> throw new IllegalStateException("AUTO resolves to a concrete optimizer");
        };
    }
}
