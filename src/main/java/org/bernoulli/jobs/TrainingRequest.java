package org.bernoulli.jobs;

import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.formula.Design;
import org.bernoulli.model.FittedData;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.train.ClassWeights;
import org.bernoulli.train.FitSpec;
import org.bernoulli.train.NegativeSampling;
import org.bernoulli.train.TrainerSettings;
import org.bernoulli.train.TrainingSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the training job is asked: the data, the model directory, what to fit ({@link FitSpec}) and
 * how the run goes. Checks the settings that span the data and the fit; each message names them by
 * reference ({@link org.bernoulli.data.Setting}).
 *
 * @param input            the training data
 * @param outputDir        the model directory to write
 * @param overwrite        whether an existing model directory may be replaced
 * @param fit              what to fit and the inference after it
 * @param aggregationDepth aggregation tree depth, or 0 to choose it
 * @param checkpoints      where and how often to checkpoint, and whether to resume; null for none
 * @param progress         receives every iteration; null for one log line per iteration
 * @param report           whether to evaluate the model on its training data and write
 *                         {@code report.html}, {@code evaluation.json} and {@code history.json}
 * @param sampling         the rate at which the input's negatives were sampled, for the intercept
 *                         correction; null when they were not
 * @param classWeights     factors for the case weights of each class; null for none
 */
public record TrainingRequest(InputSpec input, String outputDir, boolean overwrite, FitSpec fit, int aggregationDepth,
                              Checkpoints checkpoints, IterationMonitor progress, boolean report,
                              NegativeSampling sampling, ClassWeights classWeights) {

    public TrainingRequest {
        if (outputDir == null || outputDir.isBlank()) {
            throw new IllegalArgumentException("{OUTPUT}: a model directory is required");
        }
        if (aggregationDepth < 0) {
            throw new IllegalArgumentException("{AGGREGATION_DEPTH} must be at least 1, or 0 for automatic, got "
                    + aggregationDepth);
        }
        if (fit.firth() && input.offsetColumn() != null) {
            throw new IllegalArgumentException("{FIRTH} with {OFFSET_COLUMN} is not supported; fit without one of them");
        }
        if (fit.path() != null && checkpoints != null) {
            throw new IllegalArgumentException("{REG_PATH} and {CV} run without checkpoints (each fit of the path is "
                    + "short)");
        }
        if (fit.inference().margins() && input.formula() == null && !input.format().isTable()) {
            throw new IllegalArgumentException("{MARGINS}: marginal effects are of the variables of a formula; give "
                    + "{FORMULA} (for example '" + (input.labelColumn() == null ? "y" : input.labelColumn()) + " ~ .')");
        }
        if (input.clusterColumn() != null && !fit.inference().covariance().robust()) {
            throw new IllegalArgumentException("{CLUSTER_COLUMN} '" + input.clusterColumn() + "' gives cluster-robust "
                    + "standard errors: with {COVARIANCE=hc0} or hc1 (the default with clusters), not fisher");
        }
    }

    /** Maximum likelihood or L2 with automatic inference, a report, nothing else. */
    public static TrainingRequest of(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                                     int aggregationDepth) {
        return new TrainingRequest(input, outputDir, overwrite, FitSpec.of(settings), aggregationDepth, null, null,
                true, null, null);
    }

    /** The input as the output names it: its path, or its catalog table. */
    String inputName() {
        return input.source() != null ? input.source().describe(input.path()) : input.path();
    }

    /** What the model's likelihood is of: the rows' digest, and the response, weights and offsets that made them. */
    FittedData fittedData(TrainingSet data, double[] classFactors) {
        String response;
        String offsets;
        if (data.frame() != null) {
            Design design = data.frame().design();
            response = design.describeResponse();
            offsets = design.offsetLabels().isEmpty() ? null : String.join(" + ", design.offsetLabels());
        } else {
            response = input.format() == InputFormat.LIBSVM ? "the LIBSVM label"
                    : "label column '" + input.labelColumn() + "'";
            offsets = input.offsetColumn() == null ? null : "column '" + input.offsetColumn() + "'";
        }
        return new FittedData(FittedData.digest(data.statistics().rowsDigest()), response, input.weightColumn(),
                classFactors, offsets);
    }

    /** The fit's penalty and stop rule. */
    public TrainerSettings settings() {
        return fit.settings();
    }

    /**
     * The settings that define the run, by name: a checkpoint records them, and a resumed run must
     * have the same ({@link TrainingCheckpoint#checkCompatible}).
     */
    Map<String, String> checkpointOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input", input.toString());
        m.put("settings", fit.settings().toString());
        m.put("aggregation depth", Integer.toString(aggregationDepth));
        m.put("stats", fit.stats().toString());
        m.put("firth", Boolean.toString(fit.firth()));
        m.put("class weights", String.valueOf(classWeights));
        m.put("covariance", fit.inference().covariance().id());
        m.put("drop1", Boolean.toString(fit.inference().drop1()));
        m.put("profile-ci", String.valueOf(fit.inference().profileCi()));
        return m;
    }
}
