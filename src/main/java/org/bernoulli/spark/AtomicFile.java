package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * One file written aside and renamed into place, on any Hadoop file system: a reader finds the old
 * file or the whole new one, never a truncated one.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code path}, replacing a file already there.
     *
     * @param what what the file is, for the message
     * @throws IllegalStateException naming the path when the file system refuses
     */
    public static void write(Configuration conf, String path, byte[] content, String what) {
        Path target = new Path(path);
        try {
            FileSystem fs = target.getFileSystem(conf);
            Path staging = new Path(target.getParent(), "." + target.getName() + ".writing");
            try (FSDataOutputStream out = fs.create(staging, true)) {
                out.write(content);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("cannot rename " + staging + " to " + target);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing " + what + " to " + path + " failed: " + e.getMessage(), e);
        }
    }
}
