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
import java.util.UUID;

/**
 * A model directory ({@code MODEL_DIR/model.json}) on any Hadoop file system. It is written into a
 * hidden sibling directory first and renamed into place when complete, so a failed or interrupted
 * run never leaves a directory that looks like a finished model.
 */
public final class ModelDirectory {

    public static final String MODEL_FILE = "model.json";

    private ModelDirectory() {
    }

    /**
     * Refuses an existing directory unless it may be replaced. Called before any work starts, so a
     * long training does not fail at its very end.
     */
    public static void checkWritable(Configuration conf, String dir, boolean overwrite) {
        try {
            Path p = new Path(dir);
            if (!overwrite && p.getFileSystem(conf).exists(p)) {
                throw new BadInputException("output " + dir + " already exists; pass --overwrite to replace it");
            }
        } catch (IOException e) {
            throw new BadInputException("cannot check output " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the model atomically (write aside, then rename into place). */
    public static void write(Configuration conf, String dir, LogisticModel model, boolean overwrite) {
        checkWritable(conf, dir, overwrite);
        Path target = new Path(dir);
        try {
            FileSystem fs = target.getFileSystem(conf);
            Path parent = target.getParent();
            if (parent != null) {
                fs.mkdirs(parent);
            }
            Path staging = new Path(parent, "." + target.getName() + ".writing-" + UUID.randomUUID());
            try {
                fs.mkdirs(staging);
                try (FSDataOutputStream out = fs.create(new Path(staging, MODEL_FILE), false)) {
                    out.write(ModelJson.write(model).getBytes(StandardCharsets.UTF_8));
                    out.hsync();
                }
                if (fs.exists(target) && !fs.delete(target, true)) {
                    throw new IOException("cannot remove the existing " + target);
                }
                if (!fs.rename(staging, target)) {
                    throw new IOException("cannot rename " + staging + " to " + target);
                }
            } finally {
                if (fs.exists(staging)) {
                    fs.delete(staging, true);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing the model to " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads {@code dir/model.json}. */
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
