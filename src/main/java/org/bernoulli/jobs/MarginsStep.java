package org.bernoulli.jobs;

import org.bernoulli.data.InputSpec;
import org.bernoulli.data.UsageException;
import org.bernoulli.formula.Design;
import org.bernoulli.inference.AverageMarginalEffect;
import org.bernoulli.margins.MarginSums;
import org.bernoulli.margins.MarginalEffects;

import java.util.List;

/**
 * The average marginal effects of a fitted binary formula model over a data set: one more read of
 * the data through the engine ({@link TrainingEngine#margins}), each row coded through the model's
 * design, then the means and their delta-method errors from the fit's covariance.
 */
final class MarginsStep {

    private MarginsStep() {
    }

    /**
     * @param design     the model's design
     * @param packed     per linear predictor (one for a binary model, one per non-reference class): its
     *                   coefficients, then its intercept
     * @param covariance the parameters' covariance as the fit estimated it, n × n in packed order
     * @param rowsOfTheFit whether the input is the training data (average over the rows the fit used)
     * @param atMeans    whether to add the effects at the row of means
     * @throws UsageException for a model whose effects are not computed (binomial counts)
     */
    static Computed compute(TrainingEngine engine, InputSpec input, Design design, double[][] packed,
                            double[] covariance, boolean rowsOfTheFit, boolean atMeans) {
        refuseUnsupported(design);
        MarginSums sums = engine.margins(input, new MarginSums(design, packed, rowsOfTheFit, atMeans));
        return new Computed(MarginalEffects.of(sums, covariance), sums.rows(), sums.skipped());
    }

    /**
     * The effects and the rows they average over.
     *
     * @param rows    the rows averaged over
     * @param skipped the rows left out for a missing value in a column the features read
     */
    record Computed(List<AverageMarginalEffect> effects, long rows, long skipped) {
    }

    /** Refuses, before any work, what the effects are not computed for (counts; a variable with no effect). */
    static void refuseUnsupported(Design design) {
        org.bernoulli.formula.MarginVariable.of(design);
        if (design.counts()) {
            throw new UsageException("{MARGINS}: average marginal effects are not computed for binomial counts "
                    + "cbind(successes, failures) yet");
        }
    }
}
