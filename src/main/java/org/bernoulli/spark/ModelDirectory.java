package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bernoulli.data.BadInputException;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A model directory ({@code MODEL_DIR/model.json}) on any Hadoop file system, written as a
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
        return new OutputPaths.Named(option, new Path(dir, MODEL_FILE).toString());
    }

    /** Files of a model directory that a command reads, as its inputs ({@link OutputPaths}). */
    public static java.util.List<OutputPaths.Named> filesRead(String option, String dir, String... names) {
        java.util.List<OutputPaths.Named> out = new java.util.ArrayList<>();
        for (String name : names) {
            out.add(new OutputPaths.Named(option, new Path(dir, name).toString()));
        }
        return out;
    }

    /** Writes the model atomically (write aside, then rename into place). */
    public static void write(Configuration conf, String dir, org.bernoulli.model.FittedModel model, boolean overwrite) {
        write(conf, dir, model, Map.of(), overwrite);
    }

    /** Writes the model and further files (name → UTF-8 content) into the directory, all or nothing. */
    public static void write(Configuration conf, String dir, org.bernoulli.model.FittedModel model,
                             Map<String, String> files, boolean overwrite) {
        try (StagedOutput out = StagedOutput.begin(conf, dir, overwrite)) {
            writeFile(out, dir, MODEL_FILE, ModelJson.write(model));
            for (Map.Entry<String, String> file : files.entrySet()) {
                writeFile(out, dir, file.getKey(), file.getValue());
            }
            out.commit();
        }
    }

    private static void writeFile(StagedOutput out, String dir, String name, String content) {
        try (FSDataOutputStream stream = out.fileSystem().create(new Path(out.staging(), name), false)) {
            stream.write(content.getBytes(StandardCharsets.UTF_8));
            stream.hsync();
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            throw org.bernoulli.data.WriteFailedException.writing(new Path(dir, name).toString(), e);
        }
    }

    /** Reads {@code dir/NAME} as text, or null when the model directory has no such file. */
    public static String readOptional(Configuration conf, String dir, String name) {
        Path file = new Path(dir, name);
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code dir/model.json}.
     *
     * @throws BadInputException when there is no model file
     * @throws org.bernoulli.model.ModelFormatException when the file is not a valid model
     */
    public static LogisticModel read(Configuration conf, String dir) {
        return ModelJson.read(readModelFile(conf, dir), new Path(dir, MODEL_FILE).toString());
    }

    /**
     * Reads {@code dir/model.json}, a model of any family.
     *
     * @throws BadInputException when there is no model file
     * @throws org.bernoulli.model.ModelFormatException when the file is not a valid model
     */
    public static org.bernoulli.model.FittedModel readAny(Configuration conf, String dir) {
        return ModelJson.readAny(readModelFile(conf, dir), new Path(dir, MODEL_FILE).toString());
    }

    private static String readModelFile(Configuration conf, String dir) {
        Path file = new Path(dir, MODEL_FILE);
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                throw new BadInputException("no model at " + dir + ": " + file + " does not exist");
            }
            try (InputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read model " + file + ": " + e.getMessage(), e);
        }
    }
}
