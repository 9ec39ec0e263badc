package org.bernoulli.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * The few file operations a command's outputs and model directories need, on one kind of file
 * system: this machine's through {@code java.nio} ({@link LocalFileStore}), or any of Hadoop's (the
 * Spark-facing side supplies that one). Paths are strings the store understands; {@link #qualify}
 * gives the absolute form that the other operations return and that messages name.
 *
 * <p>What is built on it — outputs kept off inputs ({@link OutputPaths}), directories staged and
 * committed without clobbering ({@link StagedOutput}, {@link TargetCommit}), single files replaced
 * whole ({@link AtomicFile}), the model directory ({@link ModelDirectory}) — is written once, for
 * every store.
 */
public interface FileStore {

    /** The path made absolute (and, for a store of URIs, qualified with its scheme), {@code .} and {@code ..} removed. */
    String qualify(String path) throws IOException;

    /**
     * The path as a URI that identifies it across stores: qualified and normalized, without a
     * trailing slash; on this machine with the symbolic links of its longest existing prefix followed.
     */
    URI identity(String path) throws IOException;

    /** The qualified paths a glob pattern matches (the path itself when it names an existing file); empty when none. */
    List<String> glob(String pattern) throws IOException;

    /** The directory holding {@code path}, or null at the root. */
    String parent(String path);

    /** The last name of {@code path}. */
    String name(String path);

    /** {@code name} inside the directory {@code dir}. */
    String child(String dir, String name);

    boolean exists(String path) throws IOException;

    boolean isDirectory(String path) throws IOException;

    /** Milliseconds since the epoch when the file was last modified; {@link java.io.FileNotFoundException} when it is gone. */
    long modificationTime(String path) throws IOException;

    /** The names of what the directory holds, sorted; empty when it does not exist. */
    List<String> list(String dir) throws IOException;

    /** Creates the directory and the directories leading to it. */
    void mkdirs(String path) throws IOException;

    /**
     * A new file to write, its directories created; refuses an existing file with
     * {@link java.nio.file.FileAlreadyExistsException}.
     */
    OutputStream create(String path) throws IOException;

    /**
     * Writes a new file whole and makes it durable before returning (synced to the device, or to
     * the file system's replicas); refuses an existing file with
     * {@link java.nio.file.FileAlreadyExistsException}, atomically — the lock files of
     * {@link TargetCommit} rely on that.
     */
    void writeNew(String path, byte[] content) throws IOException;

    InputStream open(String path) throws IOException;

    /** Moves a file or directory; refuses an existing destination (never moves into it). */
    void move(String from, String to) throws IOException;

    /** Deletes the file, or the directory with what it holds; nothing when it does not exist. */
    void delete(String path) throws IOException;
}
