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

/**
 * A model directory ({@code MODEL_DIR/model.json}) on any Hadoop file system, written as a
 * {@link StagedOutput} so that a failed or interrupted run never leaves a directory that looks
 * like a finished model.
 */
public final class ModelDirectory {

    public static final String MODEL_FILE = "model.json";

    private ModelDirectory() {
    }

    /** Writes the model atomically (write aside, then rename into place). */
    public static void write(Configuration conf, String dir, LogisticModel model, boolean overwrite) {
        try (StagedOutput out = StagedOutput.begin(conf, dir, overwrite)) {
            try (FSDataOutputStream stream = out.fileSystem().create(new Path(out.staging(), MODEL_FILE), false)) {
                stream.write(ModelJson.write(model).getBytes(StandardCharsets.UTF_8));
                stream.hsync();
            } catch (IOException e) {
                throw new IllegalStateException("writing the model to " + dir + " failed: " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    /**
     * Reads {@code dir/model.json}.
     *
     * @throws BadInputException when there is no model file
     * @throws org.bernoulli.model.ModelFormatException when the file is not a valid model
     */
    public static LogisticModel read(Configuration conf, String dir) {
        Path file = new Path(dir, MODEL_FILE);
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                throw new BadInputException("no model at " + dir + ": " + file + " does not exist");
            }
            try (InputStream in = fs.open(file)) {
                return ModelJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read model " + file + ": " + e.getMessage(), e);
        }
    }
}
