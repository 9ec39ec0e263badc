package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.UUID;

/**
 * One file written aside and moved into place, on any Hadoop file system: a reader finds the old
 * file or the whole new one, never a truncated one, and a file that another run wrote meanwhile is
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
     * @throws org.bernoulli.data.WriteFailedException naming the path when the file system refuses
     * @throws org.bernoulli.data.BadInputException when the file exists and may not be replaced
     */
    public static void write(Configuration conf, String path, byte[] content, String what, boolean overwrite) {
        Path target = new Path(path);
        try {
            FileSystem fs = TargetCommit.withoutChecksums(target.getFileSystem(conf));
            target = fs.makeQualified(target);
            Path staging = TargetCommit.sibling(target, ".writing-" + UUID.randomUUID());
            try {
                try (FSDataOutputStream out = fs.create(staging, false)) {
                    out.write(content);
                }
                TargetCommit.commit(fs, staging, target, overwrite);
            } finally {
                fs.delete(staging, false);
            }
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            throw org.bernoulli.data.WriteFailedException.writing(path + " (" + what + ")", e);
        }
    }
}
