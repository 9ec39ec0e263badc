package org.bernoulli.math;

/**
 * Firth's modified score at one point (see {@link FirthScoreAggregator}).
 *
 * @param score       U*(θ), totals, raw scale, intercept last (an ascent direction of l*)
 * @param leverageSum Σ hᵢ, which equals the number of estimated parameters when I⁻¹ is right
 */
public record ModifiedScore(double[] score, double leverageSum) implements java.io.Serializable {
}
