package org.bernoulli.math;

/**
 * A data term that also sums Firth's modified score, for Firth's bias-reduced fit: the full data
 * term of a data set, as opposed to a view such as a cross-validation fold.
 */
public interface FirthDataLoss extends DataLoss {

    /**
     * Firth's modified score at θ = {@code packed} given I(θ)⁻¹ (raw scale, (d+1)², intercept
     * last), in one pass: see {@link FirthScoreAggregator}.
     */
    ModifiedScore firthScore(double[] packed, double[] inverseInformation);
}
