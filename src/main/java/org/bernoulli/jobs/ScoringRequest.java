package org.bernoulli.jobs;

/**
 * What a scoring run is asked.
 *
 * @param modelDir           the model directory
 * @param source             the input
 * @param output             the output directory
 * @param outputFormat       parquet or csv
 * @param threshold          predict 1 when σ(z) ≥ threshold, i.e. z ≥ logit(threshold)
 * @param policy             what to do with rows that cannot be scored
 * @param overwrite          whether existing outputs may be replaced
 * @param withStandardErrors add the margin's standard error and a 95 % interval for the probability,
 *                           from the model's covariance.json
 */
public record ScoringRequest(String modelDir, ScoreSource source, String output, OutputFormat outputFormat,
                             double threshold, BadRecordPolicy policy, boolean overwrite, boolean withStandardErrors) {

    /** The formats scores are written in. */
    public enum OutputFormat { PARQUET, CSV }

    public ScoringRequest {
        checkThreshold(threshold);
    }

    /** Scores without their standard errors. */
    public ScoringRequest(String modelDir, ScoreSource source, String output, OutputFormat outputFormat,
                          double threshold, BadRecordPolicy policy, boolean overwrite) {
        this(modelDir, source, output, outputFormat, threshold, policy, overwrite, false);
    }

    /**
     * A threshold other than the default applies to a binary model only: the prediction of a model of
     * more classes is its most probable class.
     *
     * @throws org.bernoulli.data.UsageException for a model of more classes and another threshold
     */
    static void checkThreshold(double threshold, org.bernoulli.model.FittedModel model) {
        if (model.classes() != null && threshold != 0.5) {
            throw new org.bernoulli.data.UsageException("{THRESHOLD} " + threshold + " applies to a model of two "
                    + "classes; the prediction of a model of " + model.classes().size() + " is its most probable "
                    + "class");
        }
    }

    /** A probability threshold is in [0, 1]. */
    static void checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("{THRESHOLD} must be in [0, 1], got " + threshold);
        }
    }
}
