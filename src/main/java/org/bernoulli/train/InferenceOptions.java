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
 */
public record InferenceOptions(CovarianceType covariance, boolean drop1, List<String> profileCi) {
    /** R's summary(glm): Fisher errors, no tests per term, no profile intervals. */
    public static final InferenceOptions WALD = new InferenceOptions(CovarianceType.FISHER, false, null);

    public InferenceOptions {
        java.util.Objects.requireNonNull(covariance, "covariance");
        profileCi = profileCi == null ? null : List.copyOf(profileCi);
    }

    /** Without profile intervals. */
    public InferenceOptions(CovarianceType covariance, boolean drop1) {
        this(covariance, drop1, null);
    }
}
