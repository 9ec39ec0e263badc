package org.bernoulli.inference;

/**
 * An average marginal effect of a variable on the probability, with its delta-method inference:
 * the estimate is a mean over rows (weighted by the case weights) of ∂P(y = 1)/∂x for a number
 * ({@code contrast} "dP/dx") or of P(level) − P(reference) for a factor's level ("LEVEL - REFERENCE");
 * its standard error √(J V Jᵀ), J the gradient of the mean with respect to the parameters and V
 * their covariance as the fit estimated it (Fisher, HC0/HC1, or clustered).
 *
 * @param variable the data column
 * @param contrast {@code dP/dx}, or {@code LEVEL - REFERENCE}
 * @param estimate the average effect
 * @param stdError its delta-method standard error
 * @param zValue   estimate / se
 * @param pValue   two-sided, 2·Φ(−|z|)
 * @param ciLow    estimate − z₀.₉₇₅·se
 * @param ciHigh   estimate + z₀.₉₇₅·se
 * @param outcome  for a model of more than two classes, the class whose probability moves; null for
 *                 a binary model. {@code class} in JSON
 * @param at       null for an average over the rows; {@code means} for the effect at the row of means
 *                 (Stata's {@code atmeans}: numbers at their means, factors at their levels' shares), where
 *                 the estimate is that one row's
 */
public record AverageMarginalEffect(String variable, String contrast, double estimate, double stdError,
                                    double zValue, double pValue, double ciLow, double ciHigh,
                                    @com.fasterxml.jackson.annotation.JsonProperty("class")
                                    @com.fasterxml.jackson.annotation.JsonInclude(
                                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                    String outcome,
                                    @com.fasterxml.jackson.annotation.JsonInclude(
                                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                    String at) {

    public static final String SLOPE = "dP/dx";
    /** {@link #at} of the effects at the row of means. */
    public static final String AT_MEANS = "means";

    public AverageMarginalEffect {
        java.util.Objects.requireNonNull(variable, "variable");
        java.util.Objects.requireNonNull(contrast, "contrast");
        if (!Double.isFinite(estimate) || !(stdError >= 0)) {
            throw new IllegalArgumentException(variable + " " + contrast + ": estimate " + estimate + ", standard error "
                    + stdError);
        }
    }

    /** The effect with its z, p and 95 % interval. */
    public static AverageMarginalEffect of(String variable, String contrast, String outcome, String at,
                                           double estimate, double stdError) {
        double z = estimate / stdError;
        return new AverageMarginalEffect(variable, contrast, estimate, stdError, z, WaldInference.twoSidedPValue(z),
                estimate - WaldInference.Z_975 * stdError, estimate + WaldInference.Z_975 * stdError, outcome, at);
    }
}
