package org.bernoulli.jobs;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.files.FileStore;
import org.bernoulli.train.EvaluationLog;

import java.io.ByteArrayOutputStream;
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
    public static void save(FileStore fs, String dir, TrainingCheckpoint checkpoint) {
        try {
            fs.mkdirs(dir);
            String name = PREFIX + checkpoint.iteration() + SUFFIX;
            String target = fs.child(dir, name);
            String temporary = fs.child(dir, "_" + name + ".tmp");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(checkpoint);
            }
            fs.delete(temporary); // left by a run killed while writing
            fs.writeNew(temporary, bytes.toByteArray());
            fs.delete(target);
            fs.move(temporary, target);
            for (String old : fs.list(dir)) {
                if (old.startsWith(PREFIX) && old.endsWith(SUFFIX) && !old.equals(name)
                        && iterationOf(old) < checkpoint.iteration()) {
                    fs.delete(fs.child(dir, old));
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
    public static TrainingCheckpoint load(FileStore fs, String dir) {
        try {
            String latest = fs.list(dir).stream()
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(SUFFIX))
                    .max((a, b) -> Integer.compare(iterationOf(a), iterationOf(b)))
                    .orElseThrow(() -> new BadInputException("no checkpoint to resume from in " + dir
                            + " (expected " + PREFIX + "N" + SUFFIX + ", written by train {CHECKPOINT_DIR})"));
            try (InputStream in = fs.open(fs.child(dir, latest)); ObjectInputStream objects = new ObjectInputStream(in)) {
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
