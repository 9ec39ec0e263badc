package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bernoulli.data.BadInputException;

import java.io.IOException;
import java.util.UUID;

/**
 * An output directory written aside and renamed into place when complete, on any Hadoop file
 * system: readers see either nothing or the whole output, never a half-written directory that looks
 * finished. Use: {@link #begin}, write under {@link #staging()}, then {@link #commit()}; on failure
 * {@link #close()} removes the staging directory. The commit never clobbers
 * ({@link TargetCommit}): without overwrite it fails if something appeared at the target while the
 * job ran; with it, the old content is replaced only by the complete new one.
 */
public final class StagedOutput implements AutoCloseable {
    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private StagedOutput(FileSystem fs, Path target, Path staging, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Refuses an existing target unless it may be replaced. Called before any work starts, so a
     * long job does not fail at its very end.
     */
    public static void checkWritable(Configuration conf, String target, boolean overwrite) {
        try {
            Path p = new Path(target);
            FileSystem fs = p.getFileSystem(conf);
            if (!overwrite && fs.exists(p)) {
                throw new BadInputException("output " + target + " already exists; pass {OVERWRITE} to replace it");
            }
            probe(fs, fs.makeQualified(p), target);
        } catch (IOException e) {
            throw new BadInputException("cannot check output " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * That the output can be written where it goes: a hidden file created and removed in the nearest
     * directory of the path that exists (where the staging directory, or the directories leading to
     * the output, will be made) — so that a read-only place, or a file where a directory should be, is
     * found before the work rather than after it.
     *
     * @throws org.bernoulli.data.WriteFailedException naming the output and the cause
     */
    private static void probe(FileSystem fs, Path target, String given) {
        Path dir = target.getParent();
        try {
            while (dir != null && !fs.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return;
            }
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new org.bernoulli.data.WriteFailedException("cannot write " + given + ": " + dir
                        + " is a file, not a directory", null);
            }
            Path probe = new Path(dir, "." + target.getName() + ".probe-" + UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            throw new org.bernoulli.data.WriteFailedException("cannot write " + given + ": " + dir + " is not "
                    + "writable: " + org.bernoulli.data.WriteFailedException.reason(e), e);
        }
    }

    /** Starts an output: checks the target and names a hidden staging directory beside it (not yet created). */
    public static StagedOutput begin(Configuration conf, String target, boolean overwrite) {
        checkWritable(conf, target, overwrite);
        Path p = new Path(target);
        try {
            FileSystem fs = p.getFileSystem(conf);
            Path qualified = fs.makeQualified(p);
            Path parent = qualified.getParent();
            return new StagedOutput(fs, qualified, new Path(parent, "." + qualified.getName() + ".writing-"
                    + UUID.randomUUID()), overwrite);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The output a path inside a staging directory is for ({@code DIR/.NAME.writing-UUID/…} is for
     * {@code DIR/NAME}), so that a message names what the user asked for; other paths as they are.
     */
    public static String targetOf(String path) {
        return path.replaceFirst("/\\.([^/]+)\\.writing-[0-9a-f]{8}-[0-9a-f-]{27}(/.*)?$", "/$1");
    }

    /** Where to write the content. */
    public Path staging() {
        return staging;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /**
     * Moves the staged content into place: replacing an existing target when overwriting was
     * allowed, else failing if one appeared meanwhile (the target is then left as it is).
     *
     * @throws BadInputException when the target appeared and may not be replaced
     */
    public void commit() {
        try {
            TargetCommit.commit(fs, staging, target, overwrite);
            committed = true;
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            throw org.bernoulli.data.WriteFailedException.writing(target.toString(), e);
        }
    }

    /** Removes the staging directory unless the output was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                if (fs.exists(staging)) {
                    fs.delete(staging, true);
                }
            } catch (IOException ignored) {
                // Best effort: a leftover hidden staging directory is never mistaken for output.
            }
        }
    }
}
