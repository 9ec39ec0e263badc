package org.bernoulli.train;

import org.bernoulli.model.Regularization;

/**
 * What the fit stage fits ({@link ModelFitting}): the penalty and stop rule, Firth's fit or maximum
 * likelihood, a path (cross-validated or not), and the inference after it. Checks its settings
 * together; each message names them by reference ({@link org.bernoulli.data.Setting}).
 *
 * @param settings  penalty, bounds and stop rule
 * @param firth     Firth's bias-reduced fit instead of maximum likelihood (implies inference)
 * @param stats     whether to follow the fit with inference
 * @param path      a regularization path ending at the settings' penalty; null for one fit
 * @param inference what the inference adds to the Wald summary
 */
public record FitSpec(TrainerSettings settings, boolean firth, StatsMode stats, PathSpec path,
                      InferenceOptions inference) {

    public FitSpec {
        java.util.Objects.requireNonNull(settings, "settings");
        java.util.Objects.requireNonNull(stats, "stats");
        inference = inference == null ? InferenceOptions.WALD : inference;
        if (firth && settings.regParam() > 0) {
            throw new IllegalArgumentException("{FIRTH} and {REG_PARAM} are alternative penalties; choose one");
        }
        if (firth && settings.bounds() != null) {
            throw new IllegalArgumentException("{FIRTH} with {LOWER_BOUNDS}/{UPPER_BOUNDS} is not supported");
        }
        if (path != null && firth) {
            throw new IllegalArgumentException("{REG_PATH} and {CV} fit penalized models: not with {FIRTH}");
        }
        if (inference.covariance().robust() && (firth || settings.regParam() > 0 || path != null
                || stats == StatsMode.OFF)) {
            throw new IllegalArgumentException("{COVARIANCE} " + inference.covariance().id() + ": robust standard errors "
                    + "are computed for maximum-likelihood fits with inference; not with {FIRTH}, {REG_PARAM}, "
                    + "{REG_PATH}, {CV} or {STATS=off}");
        }
        if ((inference.drop1() || inference.profileCi() != null) && (firth || settings.regParam() > 0
                || path != null || stats == StatsMode.OFF || settings.bounds() != null)) {
            throw new IllegalArgumentException((inference.drop1() ? "{DROP1}" : "{PROFILE_CI}") + ": likelihood-"
                    + "ratio tests and profile intervals are computed for maximum-likelihood fits with inference; "
                    + "not with {FIRTH}, {REG_PARAM}, {REG_PATH}, {CV}, bounds or {STATS=off}");
        }
        if (inference.margins() && (path != null || stats == StatsMode.OFF || !inferenceApplies(settings))) {
            throw new IllegalArgumentException("{MARGINS}: the standard errors of the average marginal effects need the "
                    + "covariance of the fit; not with {REG_PATH}, {CV}, {STATS=off}, {ELASTIC_NET} > 0, "
                    + "{STANDARDIZATION} true or bounds");
        }
        if (stats == StatsMode.ON && !inferenceApplies(settings)) {
            throw new IllegalArgumentException("{STATS=on}: Wald standard errors need a smooth penalty on the raw "
                    + "coefficients and no bounds; with {ELASTIC_NET} > 0 (coefficients at exactly 0), "
                    + "{STANDARDIZATION} true or bounds use {STATS=off} or auto");
        }
    }

    /** Maximum likelihood or a penalty with inference as {@code stats} says, R's summary(glm). */
    public static FitSpec of(TrainerSettings settings) {
        return new FitSpec(settings, false, StatsMode.AUTO, null, InferenceOptions.WALD);
    }

    /**
     * Whether Wald inference applies: maximum likelihood, or an L2 penalty on the raw coefficients
     * (the penalized information is then I + λ·diag(1, …, 1, 0)).
     */
    public static boolean inferenceApplies(TrainerSettings settings) {
        Regularization r = settings.penalty();
        return settings.bounds() == null && (r.regParam() == 0 || (r.elasticNetParam() == 0 && !r.standardization()));
    }

    /** Whether inference follows the fit of data with {@code numFeatures} features. */
    public boolean inferenceFor(int numFeatures) {
        return firth || (stats.enabled(numFeatures) && inferenceApplies(settings));
    }
}
