package org.bernoulli.jobs;

import org.bernoulli.data.BadInputException;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.inference.ParameterCovariance;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.FittedModel;

import java.util.List;

/**
 * What every scoring run does before it reads a row, whichever engine scores: the outputs kept off
 * the inputs, the model read, the outputs checked writable, the covariance read when asked for.
 */
final class ScoringChecks {
    /** The phase of reading, scoring and writing the rows: one pass. */
    static final String SCORING_PHASE = "reading, scoring and writing";
    /** The phase of writing the rejected rows aside (Spark reads them again for it). */
    static final String QUARANTINE_PHASE = "quarantine";

    private ScoringChecks() {
    }

    /**
     * The model a request scores with and, when it asks for standard errors, the covariance of each
     * linear predictor's parameters in packed order.
     */
    record Checked(FittedModel model, double[][] covariances) {

        /** The model's classes (the reference first) when it has more than two; else null. */
        java.util.List<String> classes() {
            return model.classes();
        }
    }

    static Checked check(FileStore files, ScoringRequest request) {
        BadRecordPolicy policy = request.policy();
        List<OutputPaths.Named> inputs = ModelDirectory.filesRead("{MODEL}", request.modelDir(),
                ModelDirectory.MODEL_FILE, ModelDirectory.COVARIANCE_FILE);
        if (request.source().path() != null) {
            inputs.add(new OutputPaths.Named("{INPUT}", request.source().path()));
        }
        OutputPaths.check(files, inputs, OutputPaths.of(new OutputPaths.Named("{OUTPUT}", request.output()),
                OutputPaths.named("{BAD_RECORDS} quarantine:", policy.quarantinePath())));
        FittedModel model = ModelDirectory.readAny(files, request.modelDir());
        ScoringRequest.checkThreshold(request.threshold(), model);
        if (model.classes() != null) {
            try {
                ScoreSource.checkClashes(request.source().idColumn(), request.source().keepColumns(),
                        ScoredColumn.outputNames(model.classes()));
            } catch (IllegalArgumentException e) {
                throw new org.bernoulli.data.UsageException(e.getMessage());
            }
        }
        StagedOutput.checkWritable(files, request.output(), request.overwrite());
        if (policy.mode() == BadRecordPolicy.Mode.QUARANTINE) {
            StagedOutput.checkWritable(files, policy.quarantinePath(), request.overwrite());
        }
        return new Checked(model, request.withStandardErrors() ? covariance(files, request.modelDir(), model, "{WITH_SE} needs")
                : null);
    }

    /**
     * I⁻¹ of each linear predictor in packed order from the model directory's covariance.json,
     * checked against the model.
     *
     * @param asking what needs it, for the message when it is absent ("{WITH_SE} needs")
     */
    static double[][] covariance(org.bernoulli.files.FileStore fs, String modelDir, FittedModel model, String asking) {
        List<String> classes = model.classes();
        return stored(fs, modelDir, model, asking).packedByPredictor(classes == null ? 1 : classes.size() - 1);
    }

    /** The model directory's covariance.json, checked against the model. */
    static ParameterCovariance stored(org.bernoulli.files.FileStore fs, String modelDir, FittedModel model, String asking) {
        String json = ModelDirectory.readOptional(fs, modelDir, ModelDirectory.COVARIANCE_FILE);
        if (json == null) {
            throw new BadInputException(asking + " " + ModelDirectory.COVARIANCE_FILE + " in " + modelDir
                    + ", written when the model is trained with inference ({STATS=on})");
        }
        String source = modelDir + "/" + ModelDirectory.COVARIANCE_FILE;
        ParameterCovariance c;
        try {
            c = SummaryJson.readCovariance(json, source);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        List<String> expected = new java.util.ArrayList<>();
        List<String> classes = model.classes();
        for (int k = 1; k < (classes == null ? 2 : classes.size()); k++) {
            String prefix = classes == null ? "" : classes.get(k) + ":";
            expected.add(prefix + "(Intercept)");
            model.featureNames().forEach(name -> expected.add(prefix + name));
        }
        if (!c.parameters().equals(expected)) {
            throw new BadInputException(source + " describes other parameters than the model: "
                    + c.parameters().size() + " parameters, the model has " + expected.size());
        }
        return c;
    }
}
