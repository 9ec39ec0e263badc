package org.bernoulli.train;

import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;

/**
 * What to fit, how, and when to stop.
 *
 * @param penalty     the elastic-net penalty λ·((1−α)/2‖v‖² + α‖v‖₁), intercept unpenalized (v raw or
 *                    standardized coefficients, see {@link Regularization}); λ = 0 for maximum likelihood
 * @param stopRule    iteration limit and convergence tolerances
 * @param optimizer   the optimizer
 * @param lbfgsMemory correction pairs kept by L-BFGS and OWL-QN
 * @param bounds      box constraints on the raw coefficients, or null for none
 */
public record TrainerSettings(Regularization penalty, StopRule stopRule, OptimizerChoice optimizer, int lbfgsMemory,
                              CoefficientBounds bounds) {

    /** Defaults: iteration limit 1000, relative objective change 1e-9, gradient norm 1e-7. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    public static final double DEFAULT_TOLERANCE = 1e-9;
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-7;

    public TrainerSettings {
        if (lbfgsMemory < 1) {
            throw new IllegalArgumentException("{LBFGS_MEMORY} must be at least 1, got " + lbfgsMemory);
        }
        if (bounds != null && optimizer != OptimizerChoice.AUTO && optimizer != OptimizerChoice.NEWTON) {
            throw new IllegalArgumentException("bounds on coefficients need {OPTIMIZER} newton or auto, not "
                    + optimizer.name().toLowerCase());
        }
        if (penalty.l1() > 0 && !optimizer.handlesL1()) {
            throw new IllegalArgumentException("an L1 penalty ({ELASTIC_NET} > 0) needs {OPTIMIZER} newton, owlqn or "
                    + "auto, not " + optimizer.name().toLowerCase());
        }
    }

    /** No bounds on the coefficients. */
    public TrainerSettings(Regularization penalty, StopRule stopRule, OptimizerChoice optimizer, int lbfgsMemory) {
        this(penalty, stopRule, optimizer, lbfgsMemory, null);
    }

    /** The same settings at another λ (α, standardization, bounds and the rest kept). */
    public TrainerSettings withRegParam(double regParam) {
        return new TrainerSettings(new Regularization(regParam, penalty.elasticNetParam(), penalty.standardization()),
                stopRule, optimizer, lbfgsMemory, bounds);
    }

    /** An L2 penalty λ/2‖w‖² on the raw coefficients. */
    public TrainerSettings(double regParam, StopRule stopRule, OptimizerChoice optimizer, int lbfgsMemory) {
        this(Regularization.l2(regParam), stopRule, optimizer, lbfgsMemory);
    }

    /** An L2 penalty, the automatic optimizer choice and the default memory. */
    public TrainerSettings(double regParam, StopRule stopRule) {
        this(regParam, stopRule, OptimizerChoice.AUTO, org.bernoulli.optim.Lbfgs.DEFAULT_MEMORY);
    }

    /** λ of the penalty. */
    public double regParam() {
        return penalty.regParam();
    }
}
