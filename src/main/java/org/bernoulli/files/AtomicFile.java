package org.bernoulli.files;

import org.bernoulli.data.WriteFailedException;

import java.io.IOException;
import java.util.UUID;

/**
 * One file written aside and moved into place, on any {@link FileStore}: a reader finds the old file
 * or the whole new one, never a truncated one, and a file that another run wrote meanwhile is
 * replaced only when that is allowed ({@link TargetCommit}).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code path}.
     *
     * @param what      what the file is, for the message
     * @param overwrite whether a file at {@code path} may be replaced (else writing fails, leaving it)
     * @throws WriteFailedException naming the path when the file system refuses
     * @throws org.bernoulli.data.BadInputException when the file exists and may not be replaced
     */
    public static void write(FileStore fs, String path, byte[] content, String what, boolean overwrite) {
        try {
            String target = fs.qualify(path);
            String staging = TargetCommit.sibling(fs, target, ".writing-" + UUID.randomUUID());
            try {
                fs.writeNew(staging, content);
                TargetCommit.commit(fs, staging, target, overwrite);
            } finally {
                fs.delete(staging);
            }
        } catch (IOException e) {
            throw WriteFailedException.writing(path + " (" + what + ")", e);
        }
    }
}
