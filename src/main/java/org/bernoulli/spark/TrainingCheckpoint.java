package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.train.EvaluationLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state a training needs to resume after its driver is lost: the options it ran with, a digest
 * of its data (from the statistics pass), and the log of every evaluation so far
 * ({@link EvaluationLog}), which replays the optimizer to where it was. Written as
 * {@code DIR/checkpoint-ITERATION.ser}: to a temporary name first, then renamed, so a file under
 * the final name is always complete; older checkpoints are removed after a new one is in place.
 *
 * @param options    the run's options, by name
 * @param dataDigest digest of the training data's statistics
 * @param iteration  the iteration the log reaches
 * @param entries    the evaluations so far
 */
public record TrainingCheckpoint(Map<String, String> options, long dataDigest, int iteration,
                                 List<EvaluationLog.Entry> entries) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "checkpoint-";
    private static final String SUFFIX = ".ser";

    /** Writes the checkpoint atomically into {@code dir} and removes older ones. */
    public static void save(Configuration conf, String dir, TrainingCheckpoint checkpoint) {
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            fs.mkdirs(folder);
            Path target = new Path(folder, PREFIX + checkpoint.iteration() + SUFFIX);
            Path temporary = new Path(folder, "_" + target.getName() + ".tmp");
            try (FSDataOutputStream stream = fs.create(temporary, true);
                 ObjectOutputStream out = new ObjectOutputStream(stream)) {
                out.writeObject(checkpoint);
                out.flush();
                stream.hsync();
            }
            fs.delete(target, false);
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
            for (FileStatus old : fs.listStatus(folder)) {
                String name = old.getPath().getName();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !old.getPath().equals(target)
                        && iterationOf(name) < checkpoint.iteration()) {
                    fs.delete(old.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a checkpoint to " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The latest checkpoint in {@code dir}.
     *
     * @throws BadInputException when there is none or it cannot be read
     */
    public static TrainingCheckpoint load(Configuration conf, String dir) {
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            FileStatus[] files = fs.exists(folder) ? fs.listStatus(folder) : new FileStatus[0];
            FileStatus latest = Arrays.stream(files)
                    .filter(f -> f.getPath().getName().startsWith(PREFIX) && f.getPath().getName().endsWith(SUFFIX))
                    .max((a, b) -> Integer.compare(iterationOf(a.getPath().getName()), iterationOf(b.getPath().getName())))
                    .orElseThrow(() -> new BadInputException("no checkpoint to resume from in " + dir
                            + " (expected " + PREFIX + "N" + SUFFIX + ", written by train {CHECKPOINT_DIR})"));
            try (InputStream in = fs.open(latest.getPath()); ObjectInputStream objects = new ObjectInputStream(in)) {
                return (TrainingCheckpoint) objects.readObject();
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new BadInputException("cannot read the checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to resume a different run: every option must match, and the data's statistics.
     *
     * @throws BadInputException naming the first option that differs, or the data
     */
    public void checkCompatible(Map<String, String> runOptions, long runDataDigest, String dir) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            String now = runOptions.get(e.getKey());
            if (!Objects.equals(e.getValue(), now)) {
                throw new BadInputException("cannot resume from " + dir + ": the checkpoint was written with "
                        + e.getKey() + " = " + e.getValue() + ", this run has " + e.getKey() + " = " + now
                        + "; resume with the same options, or start afresh without {RESUME}");
            }
        }
        if (runDataDigest != dataDigest) {
            throw new BadInputException("cannot resume from " + dir + ": the training data differ from the data the "
                    + "checkpoint was written for (their statistics do not match)");
        }
    }

    /** A digest of the exact statistics of the data: rows, weights and every per-feature moment. */
    public static long digest(FeatureStatistics s) {
        long h = Long.hashCode(s.rows()) * 31L + Long.hashCode(s.positiveRows());
        h = h * 31 + Double.hashCode(s.weightSum());
        h = h * 31 + Double.hashCode(s.positiveWeight());
        for (double[] a : new double[][] {s.means(), s.stdDevs(), s.min(), s.max(), s.sums(), s.positiveSums()}) {
            h = h * 31 + Arrays.hashCode(a);
        }
        return h;
    }

    private static int iterationOf(String name) {
        try {
            return Integer.parseInt(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
