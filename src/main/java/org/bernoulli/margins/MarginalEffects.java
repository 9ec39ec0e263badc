package org.bernoulli.margins;

import org.bernoulli.data.BadInputException;
import org.bernoulli.formula.MarginVariable;
import org.bernoulli.inference.AverageMarginalEffect;

import java.util.ArrayList;
import java.util.List;

/**
 * Average marginal effects from a pass of {@link MarginSums}: each effect the weighted mean
 * Σ w·e / Σ w, its gradient J = Σ w·∂e/∂θ / Σ w, and its delta-method standard error √(J V Jᵀ)
 * with V the covariance of the parameters as the fit estimated it (the model's, or a robust or
 * clustered sandwich), in packed order (class after class, each its coefficients, then its intercept).
 * A multinomial model's effects come class after class, each labelled with its class.
 */
public final class MarginalEffects {

    private MarginalEffects() {
    }

    /**
     * The averages, then — for sums made with the means — the effects at the row of means
     * ({@link MarginSums#atMeans}).
     *
     * @param covariance V, n × n row-major, n the parameters (coefficients then intercept)
     * @throws BadInputException when no row could be averaged over
     */
    public static List<AverageMarginalEffect> of(MarginSums sums, double[] covariance) {
        List<AverageMarginalEffect> out = new ArrayList<>(of(sums, covariance, null));
        if (sums.withMeans()) {
            out.addAll(of(sums.atMeans(), covariance, AverageMarginalEffect.AT_MEANS));
        }
        return out;
    }

    private static List<AverageMarginalEffect> of(MarginSums sums, double[] covariance, String at) {
        if (sums.rows() == 0 || !(sums.weight() > 0)) {
            throw new BadInputException("no row to average the marginal effects over: " + sums.skipped()
                    + " rows had a missing value in a column the formula uses");
        }
        List<AverageMarginalEffect> out = new ArrayList<>();
        List<String> classes = sums.design().classes();
        for (int o = 0; o < sums.outcomes(); o++) {
            String outcome = classes == null ? null : classes.get(o);
            int effect = 0;
            for (MarginVariable v : sums.variables()) {
                int count = v.discrete() ? v.levels().size() - 1 : 1;
                for (int l = 0; l < count; l++) {
                    String contrast = v.discrete() ? v.levels().get(l + 1) + " - " + v.levels().get(0)
                            : AverageMarginalEffect.SLOPE;
                    double estimate = sums.estimateSum(o, effect) / sums.weight();
                    double[] j = sums.gradientSum(o, effect).clone();
                    for (int a = 0; a < j.length; a++) {
                        j[a] /= sums.weight();
                    }
                    out.add(AverageMarginalEffect.of(v.name(), contrast, outcome, at, estimate,
                            Math.sqrt(quadratic(j, covariance))));
                    effect++;
                }
            }
        }
        return out;
    }

    /** Jᵀ V J, at least 0 (V is positive semi-definite; rounding may not be). */
    private static double quadratic(double[] j, double[] v) {
        int n = j.length;
        double sum = 0.0;
        for (int a = 0; a < n; a++) {
            double row = 0.0;
            for (int b = 0; b < n; b++) {
                row += v[a * n + b] * j[b];
            }
            sum += j[a] * row;
        }
        return Math.max(sum, 0.0);
    }
}
