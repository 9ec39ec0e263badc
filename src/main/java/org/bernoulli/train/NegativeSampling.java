package org.bernoulli.train;

import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.WaldInference;

import java.util.ArrayList;
import java.util.List;

/**
 * The prior correction of King &amp; Zeng (2001) for data whose negatives were sampled: when every
 * positive is kept and each negative with probability r, the odds of a positive in the sample are
 * those of the population times 1/r, so logit P_sample(y = 1 | x) = logit P(y = 1 | x) − log r. The
 * slopes estimate the population's; the intercept does after adding log r:
 *
 * <pre>
 *   b_population = b_sample + log r
 * </pre>
 *
 * and probabilities scored with the corrected model refer to the whole population.
 *
 * @param rate r ∈ (0, 1], the probability with which each negative was kept
 */
public record NegativeSampling(double rate) {

    public NegativeSampling {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("{NEGATIVE_SAMPLING_RATE} must be in (0, 1], got " + rate);
        }
    }

    /** log r, the shift of the intercept. */
    public double interceptShift() {
        return Math.log(rate);
    }

    /** The fit with its intercept corrected, and a note that says so. */
    public Fit correct(Fit fit) {
        return new Fit(fit.intercept() + interceptShift(), fit.coefficients(), fit.optimizer(), fit.optimization(),
                fit.atSolution(), fit.warnings()).withWarning(note());
    }

    /**
     * The summary with the intercept's row corrected (the standard error is the sample's; z, p and
     * the interval follow the corrected estimate); likelihoods stay those of the sample, as the note
     * says.
     */
    public ModelSummary correct(ModelSummary s) {
        List<CoefficientEstimate> rows = new ArrayList<>(s.coefficients());
        CoefficientEstimate b = rows.get(0);
        rows.set(0, WaldInference.estimate(b.name(), b.estimate() + interceptShift(), b.stdError()));
        return s.withCoefficients(rows).withNote(note() + "; the log-likelihood, deviances, AIC and BIC are those "
                + "of the sample");
    }

    private String note() {
        return String.format(java.util.Locale.ROOT, "negatives were sampled at rate %s: the intercept is corrected by "
                + "log(r) = %.10g (King-Zeng prior correction), so probabilities refer to the whole population", rate,
                interceptShift());
    }
}
