package org.bernoulli.inference;

/**
 * Wald inference for one coefficient — or, as R prints a coefficient "not defined because of
 * singularities", a row with its name and every number null ({@link #notEstimated}): a column the
 * data cannot determine, held at 0 (the summary's {@code excluded} says why).
 *
 * @param name      the feature name, or {@code (Intercept)}
 * @param estimate  β̂
 * @param stdError  √(I⁻¹)ⱼⱼ
 * @param zValue    β̂ / se
 * @param pValue    two-sided, 2·Φ(−|z|)
 * @param ciLow     β̂ − z₀.₉₇₅·se, the 95 % Wald interval
 * @param ciHigh    β̂ + z₀.₉₇₅·se
 * @param profileCiLow  the 95 % profile-likelihood interval's lower bound ({@code train PROFILE_CI});
 *                      null when not asked for or not computable (a note then says so)
 * @param profileCiHigh its upper bound; null likewise
 * @param columnStdDev  the weighted standard deviation of the coefficient's column (β̂ times it is the
 *                      effect of one standard deviation, the scale the report's forest plot uses); null
 *                      for the intercept and in files written before it was recorded
 * @param outcome       for a model of more than two classes, the class whose linear predictor the
 *                      coefficient belongs to (its log-odds against the reference class); null for a
 *                      binary model. {@code class} in JSON
 */
public record CoefficientEstimate(String name, Double estimate, Double stdError, Double zValue, Double pValue,
                                  Double ciLow, Double ciHigh, Double profileCiLow, Double profileCiHigh,
                                  Double columnStdDev,
                                  @com.fasterxml.jackson.annotation.JsonProperty("class")
                                  @com.fasterxml.jackson.annotation.JsonInclude(
                                          com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                  String outcome) {

    public CoefficientEstimate {
        java.util.Objects.requireNonNull(name, "name");
        boolean none = estimate == null;
        if (none != (stdError == null) || none != (zValue == null) || none != (pValue == null)
                || none != (ciLow == null) || none != (ciHigh == null)) {
            throw new IllegalArgumentException(name + ": an estimate has all of its Wald statistics, an aliased "
                    + "coefficient none");
        }
    }

    /** The row of a coefficient the data cannot determine: R's NA row. */
    public static CoefficientEstimate notEstimated(String name) {
        return new CoefficientEstimate(name, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the coefficient was estimated (false for R's NA rows). */
    public boolean estimated() {
        return estimate != null;
    }

    /** Of a binary model. */
    public CoefficientEstimate(String name, Double estimate, Double stdError, Double zValue, Double pValue,
                               Double ciLow, Double ciHigh, Double profileCiLow, Double profileCiHigh,
                               Double columnStdDev) {
        this(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, profileCiLow, profileCiHigh, columnStdDev, null);
    }

    /** Without the column's standard deviation. */
    public CoefficientEstimate(String name, double estimate, double stdError, double zValue, double pValue,
                               double ciLow, double ciHigh, Double profileCiLow, Double profileCiHigh) {
        this(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, profileCiLow, profileCiHigh, (Double) null);
    }

    /** Wald inference only. */
    public CoefficientEstimate(String name, double estimate, double stdError, double zValue, double pValue,
                               double ciLow, double ciHigh) {
        this(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, null, null);
    }

    /** The same with a profile-likelihood interval (a null bound: not computed on that side). */
    public CoefficientEstimate withProfile(Double low, Double high) {
        return new CoefficientEstimate(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, low, high,
                columnStdDev, outcome);
    }

    /** The same with its column's standard deviation. */
    public CoefficientEstimate withColumnStdDev(double sd) {
        return new CoefficientEstimate(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, profileCiLow,
                profileCiHigh, sd, outcome);
    }

    /** The same as a coefficient of class {@code outcome}'s linear predictor. */
    public CoefficientEstimate ofClass(String outcome) {
        return new CoefficientEstimate(name, estimate, stdError, zValue, pValue, ciLow, ciHigh, profileCiLow,
                profileCiHigh, columnStdDev, outcome);
    }
}
