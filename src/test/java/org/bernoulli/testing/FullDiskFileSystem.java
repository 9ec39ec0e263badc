package org.bernoulli.testing;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

/**
 * A local file system under the scheme {@code full:} whose disk is full: a file takes its first
 * {@value #ROOM} bytes, then every write fails with the local file system's "No space left on
 * device". Registered for Hadoop in {@code META-INF/services}, so {@code full:///tmp/x} works wherever
 * a path does — in this JVM's commands and Spark tasks alike. {@link Local} is the same disk under
 * {@code file:}, for a Hadoop configuration that maps {@code fs.file.impl} to it (the driver's own
 * writers, which take local paths only).
 */
public class FullDiskFileSystem extends RawLocalFileSystem {
    /** The bytes a file can take before the disk is full. */
    public static final int ROOM = 64;

    @Override
    public String getScheme() {
        return "full";
    }

    @Override
    public URI getUri() {
        return URI.create("full:///");
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        return full(super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return full(super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                                 short replication, long blockSize, Progressable progress)
            throws IOException {
        return full(super.createNonRecursive(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    private FSDataOutputStream full(FSDataOutputStream out) throws IOException {
        return new FSDataOutputStream(new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                room(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                room(len);
                out.write(b, off, len);
            }

            private void room(int bytes) throws IOException {
                written += bytes;
                if (written > ROOM) {
                    throw new IOException("No space left on device");
                }
            }
        }, statistics);
    }

    /** The full disk as this machine's file system, {@code file:}. */
    public static final class Local extends FullDiskFileSystem {
        @Override
        public String getScheme() {
            return "file";
        }

        @Override
        public URI getUri() {
            return URI.create("file:///");
        }
    }

    /** A configuration whose {@code file:} paths are on the full disk. */
    public static org.apache.hadoop.conf.Configuration localConfiguration() {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        conf.set("fs.file.impl", Local.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}
