package org.bernoulli.train;

import org.bernoulli.inference.CovarianceType;

import java.util.List;

/**
 * What the inference adds to the Wald summary.
 *
 * @param covariance where the standard errors come from: the Fisher information or a robust sandwich
 * @param drop1      whether to test each term by the likelihood ratio of the fit without it
 * @param profileCi  the coefficients (by name) to give profile-likelihood intervals: empty for all,
 *                   null for none
 * @param margins    whether to follow the fit with the average marginal effects of the formula's
 *                   variables (one more read of the data)
 * @param marginsAtMeans whether to add the effects at the row of means (Stata's atmeans; implies margins)
 */
public record InferenceOptions(CovarianceType covariance, boolean drop1, List<String> profileCi, boolean margins,
                               boolean marginsAtMeans) {
    /** R's summary(glm): Fisher errors, no tests per term, no profile intervals. */
    public static final InferenceOptions WALD = new InferenceOptions(CovarianceType.FISHER, false, null);

    public InferenceOptions {
        java.util.Objects.requireNonNull(covariance, "covariance");
        profileCi = profileCi == null ? null : List.copyOf(profileCi);
        margins |= marginsAtMeans;
    }

    /** Without marginal effects. */
    public InferenceOptions(CovarianceType covariance, boolean drop1, List<String> profileCi) {
        this(covariance, drop1, profileCi, false, false);
    }

    /** With the average marginal effects or without, not at the means. */
    public InferenceOptions(CovarianceType covariance, boolean drop1, List<String> profileCi, boolean margins) {
        this(covariance, drop1, profileCi, margins, false);
    }

    /** Without profile intervals. */
    public InferenceOptions(CovarianceType covariance, boolean drop1) {
        this(covariance, drop1, null);
    }
}
