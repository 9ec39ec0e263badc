package org.bernoulli.files;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.WriteFailedException;

import java.io.IOException;
import java.util.UUID;

/**
 * An output directory written aside and renamed into place when complete, on any {@link FileStore}:
 * readers see either nothing or the whole output, never a half-written directory that looks
 * finished. Use: {@link #begin}, write under {@link #staging()}, then {@link #commit()}; on failure
 * {@link #close()} removes the staging directory. The commit never clobbers
 * ({@link TargetCommit}): without overwrite it fails if something appeared at the target while the
 * job ran; with it, the old content is replaced only by the complete new one.
 */
public final class StagedOutput implements AutoCloseable {
    private final FileStore fs;
    private final String target;
    private final String staging;
    private final boolean overwrite;
    private boolean committed;

    private StagedOutput(FileStore fs, String target, String staging, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Refuses an existing target unless it may be replaced. Called before any work starts, so a
     * long job does not fail at its very end.
     */
    public static void checkWritable(FileStore fs, String target, boolean overwrite) {
        try {
            if (!overwrite && fs.exists(target)) {
                throw new BadInputException("output " + target + " already exists; pass {OVERWRITE} to replace it");
            }
            probe(fs, fs.qualify(target), target);
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
     * @throws WriteFailedException naming the output and the cause
     */
    private static void probe(FileStore fs, String target, String given) {
        String dir = fs.parent(target);
        try {
            while (dir != null && !fs.exists(dir)) {
                dir = fs.parent(dir);
            }
            if (dir == null) {
                return;
            }
            if (!fs.isDirectory(dir)) {
                throw new WriteFailedException("cannot write " + given + ": " + dir + " is a file, not a directory", null);
            }
            String probe = fs.child(dir, "." + fs.name(target) + ".probe-" + UUID.randomUUID());
            fs.create(probe).close();
            fs.delete(probe);
        } catch (IOException e) {
            throw new WriteFailedException("cannot write " + given + ": " + dir + " is not "
                    + "writable: " + WriteFailedException.reason(e), e);
        }
    }

    /** Starts an output: checks the target and names a hidden staging directory beside it (not yet created). */
    public static StagedOutput begin(FileStore fs, String target, boolean overwrite) {
        checkWritable(fs, target, overwrite);
        try {
            String qualified = fs.qualify(target);
            return new StagedOutput(fs, qualified, TargetCommit.sibling(fs, qualified, ".writing-" + UUID.randomUUID()),
                    overwrite);
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

    /** Where to write the content: a qualified path of the store. */
    public String staging() {
        return staging;
    }

    /** {@code name} inside the staging directory. */
    public String staged(String name) {
        return fs.child(staging, name);
    }

    /** Where {@code name} of the staging directory will be once committed, for messages. */
    public String committed(String name) {
        return fs.child(target, name);
    }

    public FileStore fileStore() {
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
        } catch (IOException e) {
            throw WriteFailedException.writing(target, e);
        }
    }

    /** Removes the staging directory unless the output was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                fs.delete(staging);
            } catch (IOException ignored) {
                // Best effort: a leftover hidden staging directory is never mistaken for output.
            }
        }
    }
}
