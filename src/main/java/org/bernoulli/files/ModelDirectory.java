package org.bernoulli.files;

import org.bernoulli.data.BadInputException;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A model directory ({@code MODEL_DIR/model.json}) on any {@link FileStore}, written as a
 * {@link StagedOutput} so that a failed or interrupted run never leaves a directory that looks
 * like a finished model.
 */
public final class ModelDirectory {

    public static final String MODEL_FILE = "model.json";
    /** Maximum-likelihood inference: coefficient table and model fit statistics. */
    public static final String SUMMARY_FILE = "summary.json";
    /** The estimated covariance of the parameters, for scoring with standard errors. */
    public static final String COVARIANCE_FILE = "covariance.json";
    /** The optimizer's iterations: objective, gradient norm, step, passes and seconds of each. */
    public static final String HISTORY_FILE = "history.json";
    /** Metrics and curve counts of the model on its training data. */
    public static final String EVALUATION_FILE = "evaluation.json";
    /** The regularization path: each penalty's fit, largest penalty first. */
    public static final String PATH_FILE = "path.json";
    /** The cross-validation curve of a path and the penalty it chose. */
    public static final String CV_FILE = "cv.json";
    /** {@code train DROP1}: the likelihood-ratio test of each term (R's drop1). */
    public static final String DROP1_FILE = "drop1.json";
    /** {@code train MARGINS}: the average marginal effects with their delta-method errors. */
    public static final String MARGINS_FILE = "margins.json";
    /** The training report, a self-contained HTML page. */
    public static final String REPORT_FILE = "report.html";

    private ModelDirectory() {
    }

    /** The model file of a model directory, as an input of a command ({@link OutputPaths}). */
    public static OutputPaths.Named modelFile(String option, String dir) {
        return new OutputPaths.Named(option, inside(dir, MODEL_FILE));
    }

    /** Files of a model directory that a command reads, as its inputs ({@link OutputPaths}). */
    public static java.util.List<OutputPaths.Named> filesRead(String option, String dir, String... names) {
        java.util.List<OutputPaths.Named> out = new java.util.ArrayList<>();
        for (String name : names) {
            out.add(new OutputPaths.Named(option, inside(dir, name)));
        }
        return out;
    }

    /** {@code DIR/NAME} as given (a path or a URI of any store): for messages and path checks. */
    static String inside(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Writes the model atomically (write aside, then rename into place). */
    public static void write(FileStore fs, String dir, org.bernoulli.model.FittedModel model, boolean overwrite) {
        write(fs, dir, model, Map.of(), overwrite);
    }

    /** Writes the model and further files (name → UTF-8 content) into the directory, all or nothing. */
    public static void write(FileStore fs, String dir, org.bernoulli.model.FittedModel model,
                             Map<String, String> files, boolean overwrite) {
        try (StagedOutput out = StagedOutput.begin(fs, dir, overwrite)) {
            writeFile(out, MODEL_FILE, ModelJson.write(model));
            for (Map.Entry<String, String> file : files.entrySet()) {
                writeFile(out, file.getKey(), file.getValue());
            }
            out.commit();
        }
    }

    private static void writeFile(StagedOutput out, String name, String content) {
        try {
            out.fileStore().writeNew(out.staged(name), content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw org.bernoulli.data.WriteFailedException.writing(out.committed(name), e);
        }
    }

    /** Reads {@code dir/NAME} as text, or null when the model directory has no such file. */
    public static String readOptional(FileStore fs, String dir, String name) {
        return readText(fs, inside(dir, name), "cannot read ");
    }

    /** A file's text, or null when there is no such file; a failed read is bad input, named {@code what} and the file. */
    private static String readText(FileStore fs, String file, String what) {
        try {
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new BadInputException(what + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code dir/model.json}.
     *
     * @throws BadInputException when there is no model file
     * @throws org.bernoulli.model.ModelFormatException when the file is not a valid model
     */
    public static LogisticModel read(FileStore fs, String dir) {
        return ModelJson.read(readModelFile(fs, dir), inside(dir, MODEL_FILE));
    }

    /**
     * Reads {@code dir/model.json}, a model of any family.
     *
     * @throws BadInputException when there is no model file
     * @throws org.bernoulli.model.ModelFormatException when the file is not a valid model
     */
    public static org.bernoulli.model.FittedModel readAny(FileStore fs, String dir) {
        return ModelJson.readAny(readModelFile(fs, dir), inside(dir, MODEL_FILE));
    }

    private static String readModelFile(FileStore fs, String dir) {
        String file = inside(dir, MODEL_FILE);
        String text = readText(fs, file, "cannot read model ");
        if (text == null) {
            throw new BadInputException("no model at " + dir + ": " + file + " does not exist");
        }
        return text;
    }
}
