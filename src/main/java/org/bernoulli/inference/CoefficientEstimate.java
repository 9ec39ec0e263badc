package org.bernoulli.inference;

/**
 * Wald inference for one coefficient.
 *
 * @param name      the feature name, or {@code (Intercept)}
 * @param estimate  β̂
 * @param stdError  √(I⁻¹)ⱼⱼ
 * @param zValue    β̂ / se
 * @param pValue    two-sided, 2·Φ(−|z|)
 * @param ciLow     β̂ − z₀.₉₇₅·se, the 95 % Wald interval
 * @param ciHigh    β̂ + z₀.₉₇₅·se
 * @param profileCiLow  the 95 % profile-likelihood interval's lower bound ({@code train --profile-ci});
 *                      null when not computed or unbounded below (the summary's notes say which)
 * @param profileCiHigh its upper bound; null likewise
 * @param columnStdDev  the weighted standard deviation of the coefficient's column (β̂ times it is the
 *                      effect of one standard deviation, the scale the report's forest plot uses); null
 *                      for the intercept and in files written before it was recorded
 */
public record CoefficientEstimate(String name, double estimate, double stdError, double zValue, double pValue,
                                  double ciLow, double ciHigh, Double profileCiLow, Double profileCiHigh,
                                  Double columnStdDev) {

    /** Without the column's standard deviation. */
    public CoefficientEstimate(String name, double estimate, double stdError, double zValue, double pValue,
                               double ciLow, double ciHigh, Double profileCiLow, Double profileCiHigh) {
        this(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, profileCiLow, profileCiHigh, null);
    }

    /** Wald inference only. */
    public CoefficientEstimate(String name, double estimate, double stdError, double zValue, double pValue,
                               double ciLow, double ciHigh) {
        this(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, null, null);
    }

    /** The same with a profile-likelihood interval (a null bound: unbounded on that side). */
    public CoefficientEstimate withProfile(Double low, Double high) {
        return new CoefficientEstimate(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, low, high,
                columnStdDev);
    }

    /** The same with its column's standard deviation. */
    public CoefficientEstimate withColumnStdDev(double sd) {
        return new CoefficientEstimate(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, profileCiLow,
                profileCiHigh, sd);
    }
}
