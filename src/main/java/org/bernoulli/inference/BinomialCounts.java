package org.bernoulli.inference;

/**
 * For data of binomial counts (k successes in n trials per row), what the summary needs besides the
 * Bernoulli sums: R counts each row as one observation, measures deviance against the saturated
 * model, and includes the binomial coefficients in the log-likelihood (and so in AIC and BIC):
 * deviance = 2(ℓ_sat − ℓ), log L = ℓ + Σ w log C(n, k).
 *
 * @param observations           rows with a trial and positive weight
 * @param saturatedLogLikelihood ℓ_sat = Σ w [k log(k/n) + (n − k) log((n − k)/n)]
 * @param logBinomialCoefficients Σ w log C(n, k)
 */
public record BinomialCounts(long observations, double saturatedLogLikelihood, double logBinomialCoefficients) {
    public BinomialCounts {
        if (observations < 1 || !Double.isFinite(saturatedLogLikelihood) || !Double.isFinite(logBinomialCoefficients)) {
            throw new IllegalArgumentException("binomial counts need at least one observation and finite totals");
        }
    }
}
