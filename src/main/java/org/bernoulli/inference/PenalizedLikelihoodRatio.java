package org.bernoulli.inference;

/**
 * The penalized likelihood-ratio test of one coefficient of a Firth fit, as logistf reports it:
 * χ² = 2(l*(θ̂) − l*(θ̃)), θ̃ the maximum of l* with the coefficient at 0 and the others refitted,
 * the penalty ½ log det I over every column; p = P(χ²₁ > χ²).
 *
 * @param coefficient the coefficient's name, {@code (Intercept)} for the intercept
 * @param chiSquared  the statistic, at least 0
 * @param p           its upper χ²₁ tail
 */
public record PenalizedLikelihoodRatio(String coefficient, double chiSquared, double p) {

    public PenalizedLikelihoodRatio {
        if (!(chiSquared >= 0) || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a likelihood-ratio statistic is at least 0 with p in [0, 1], got "
                    + chiSquared + " and " + p);
        }
    }
}
