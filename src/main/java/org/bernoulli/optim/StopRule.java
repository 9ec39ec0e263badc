package org.bernoulli.optim;

/**
 * When an optimizer stops. Messages name the settings by reference ({@link org.bernoulli.data.Setting}:
 * the iteration limit, the tolerances), which each door words as its flag or parameter.
 *
 * @param maxIterations   upper bound on iterations (each one or more passes)
 * @param objectiveTol    stop when the objective changed by at most objectiveTol relative over the last
 *                        {@value #OBJECTIVE_WINDOW} iterations: |f_{k−5} − f_k| ≤ objectiveTol · |f_{k−5}|
 *                        (a window, not one step, so that one short step does not end the run early)
 * @param gradientTol     stop when ‖∇f‖∞ ≤ gradientTol
 */
public record StopRule(int maxIterations, double objectiveTol, double gradientTol) {

    /** Iterations over which the relative objective change is measured. */
    public static final int OBJECTIVE_WINDOW = 5;

    public StopRule {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("{MAX_ITER} must be at least 0, got " + maxIterations);
        }
        if (!(objectiveTol >= 0) || Double.isInfinite(objectiveTol)) {
            throw new IllegalArgumentException("{TOL} must be a finite number >= 0, got " + objectiveTol);
        }
        if (!(gradientTol >= 0) || Double.isInfinite(gradientTol)) {
            throw new IllegalArgumentException("{GRAD_TOL} must be a finite number >= 0, got " + gradientTol);
        }
    }

    boolean objectiveConverged(double previous, double current) {
        return Math.abs(previous - current) <= objectiveTol * Math.max(Math.abs(previous), 1e-300);
    }

    boolean gradientConverged(double gradientNorm) {
        return gradientNorm <= gradientTol;
    }
}
