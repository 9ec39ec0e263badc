package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.LocalFileStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Any of Hadoop's file systems as a {@link FileStore}, paths qualified as Hadoop qualifies them
 * ({@code hdfs://nn/a}, {@code file:/a}) so that Spark's writers and readers take them as they are.
 * Paths on this machine are changed through {@link LocalFileStore} ({@code java.nio}): its moves
 * refuse an existing destination where Hadoop's local rename would move a directory <em>into</em> it,
 * and its create-new is atomic; elsewhere through {@link FileContext#rename} with
 * {@link Options.Rename#NONE} and the file system's own atomic create. Hadoop's {@link FSError} (an
 * {@code Error} for a failed local write) comes out as the {@link IOException} it is.
 */
public final class HadoopFileStore implements FileStore {
    private final Configuration conf;

    public HadoopFileStore(Configuration conf) {
        this.conf = conf;
    }

    private FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(conf);
    }

    private Path qualified(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).makeQualified(p);
    }

    /** The qualified path when it is on this machine, for {@link LocalFileStore}; else null. */
    private String local(String path) throws IOException {
        String q = qualified(path).toString();
        return q.startsWith("file:") ? q : null;
    }

    @Override
    public String qualify(String path) throws IOException {
        return qualified(path).toString();
    }

    @Override
    public URI identity(String path) throws IOException {
        URI uri = qualified(path).toUri().normalize();
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return LocalFileStore.INSTANCE.identity(uri.toString());
        }
        String p = uri.getPath();
        if (p != null && p.length() > 1 && p.endsWith("/")) {
            try {
                return new URI(uri.getScheme(), uri.getAuthority(), p.substring(0, p.length() - 1), null, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return uri;
    }

    @Override
    public List<String> glob(String pattern) throws IOException {
        Path p = new Path(pattern);
        List<String> out = new ArrayList<>();
        FileStatus[] matches = fs(p).globStatus(p);
        if (matches != null) {
            for (FileStatus match : matches) {
                out.add(match.getPath().toString());
            }
        }
        return out;
    }

    @Override
    public String parent(String path) {
        Path parent = new Path(path).getParent();
        return parent == null ? null : parent.toString();
    }

    @Override
    public String name(String path) {
        return new Path(path).getName();
    }

    @Override
    public String child(String dir, String name) {
        return new Path(new Path(dir), name).toString();
    }

    @Override
    public boolean exists(String path) throws IOException {
        try {
            Path p = new Path(path);
            return fs(p).exists(p);
        } catch (FSError e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public boolean isDirectory(String path) throws IOException {
        try {
            Path p = new Path(path);
            return fs(p).getFileStatus(p).isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (FSError e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long modificationTime(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).getFileStatus(p).getModificationTime();
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = fs(p);
        if (!fs.exists(p)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus child : fs.listStatus(p)) {
            names.add(child.getPath().getName());
        }
        names.sort(null);
        return names;
    }

    @Override
    public void mkdirs(String path) throws IOException {
        try {
            Path p = new Path(path);
            fs(p).mkdirs(p);
        } catch (FSError e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public OutputStream create(String path) throws IOException {
        String local = local(path);
        if (local != null) {
            return LocalFileStore.INSTANCE.create(local);
        }
        try {
            Path p = new Path(path);
            return fs(p).create(p, false);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(path);
        } catch (FSError e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void writeNew(String path, byte[] content) throws IOException {
        String local = local(path);
        if (local != null) {
            LocalFileStore.INSTANCE.writeNew(local, content);
            return;
        }
        Path p = new Path(path);
        try (FSDataOutputStream out = fs(p).create(p, false)) {
            out.write(content);
            out.hsync();
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(path);
        } catch (FSError e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).open(p);
    }

    @Override
    public void move(String from, String to) throws IOException {
        String localFrom = local(from);
        String localTo = local(to);
        if (localFrom != null && localTo != null) {
            LocalFileStore.INSTANCE.move(localFrom, localTo);
            return;
        }
        FileSystem fs = fs(new Path(from));
        FileContext.getFileContext(fs.getUri(), conf).rename(new Path(from), new Path(to), Options.Rename.NONE);
    }

    @Override
    public void delete(String path) throws IOException {
        String local = local(path);
        if (local != null) {
            LocalFileStore.INSTANCE.delete(local);
            return;
        }
        Path p = new Path(path);
        FileSystem fs = fs(p);
        if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }
}
