package org.bernoulli.train;

import org.bernoulli.optim.StopRule;

/**
 * What to fit, how, and when to stop.
 *
 * @param regParam    λ ≥ 0 of the L2 penalty (λ/2)‖w‖², intercept unpenalized; 0 for maximum likelihood
 * @param stopRule    iteration limit and convergence tolerances
 * @param optimizer   the optimizer
 * @param lbfgsMemory correction pairs kept by L-BFGS
 */
public record TrainerSettings(double regParam, StopRule stopRule, OptimizerChoice optimizer, int lbfgsMemory) {

    /** Defaults: iteration limit 1000, relative objective change 1e-9, gradient norm 1e-7. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    public static final double DEFAULT_TOLERANCE = 1e-9;
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-7;

    public TrainerSettings {
        if (!(regParam >= 0) || Double.isInfinite(regParam)) {
            throw new IllegalArgumentException("--reg-param must be a finite number >= 0, got " + regParam);
        }
        if (lbfgsMemory < 1) {
            throw new IllegalArgumentException("--lbfgs-memory must be at least 1, got " + lbfgsMemory);
        }
    }

    /** Automatic optimizer choice and the default L-BFGS memory. */
    public TrainerSettings(double regParam, StopRule stopRule) {
        this(regParam, stopRule, OptimizerChoice.AUTO, org.bernoulli.optim.Lbfgs.DEFAULT_MEMORY);
    }
}
