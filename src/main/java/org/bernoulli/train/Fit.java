package org.bernoulli.train;

import org.bernoulli.math.LossEvaluation;
import org.bernoulli.optim.OptimizationResult;

import java.util.List;

/**
 * A finished fit on the raw feature scale.
 *
 * @param intercept    b
 * @param coefficients w, in feature order
 * @param optimizer    the optimizer that fitted it (gd, agd, lbfgs, newton, tron)
 * @param optimization the optimizer's result (in the standardized parametrization it worked in)
 * @param atSolution   the data term at (w, b): mean loss, gradient, fit diagnostics
 * @param warnings     what a user should know about this fit
 */
public record Fit(double intercept, double[] coefficients, String optimizer, OptimizationResult optimization, LossEvaluation atSolution,
                  List<String> warnings) {

    public Fit {
        warnings = List.copyOf(warnings);
    }

    /** The same fit with one more warning. */
    public Fit withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new Fit(intercept, coefficients, optimizer, optimization, atSolution, all);
    }
}
