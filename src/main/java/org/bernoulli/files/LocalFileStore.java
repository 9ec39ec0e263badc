package org.bernoulli.files;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * This machine's file system through {@code java.nio}: paths as plain absolute paths (a
 * {@code file:} URI is accepted as well). What the driver engine writes its models and reports
 * with, so that a run on the driver loads nothing of Hadoop.
 */
public final class LocalFileStore implements FileStore {

    /** The one instance: the store has no state. */
    public static final LocalFileStore INSTANCE = new LocalFileStore();

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern GLOB = Pattern.compile("[*?\\[{]");

    private LocalFileStore() {
    }

    /** Whether this store can hold the path: no scheme, or {@code file:}. */
    public static boolean holds(String path) {
        return !SCHEME.matcher(path).find() || path.startsWith("file:");
    }

    private static Path local(String path) {
        if (!holds(path)) {
            throw new IllegalArgumentException("not a path of this machine: " + path);
        }
        if (!path.startsWith("file:")) {
            return Path.of(path);
        }
        // As Hadoop prints them, unescaped: file:/a b, file:///a b, file://localhost/a b.
        String rest = path.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        return Path.of(rest);
    }

    private static Path absolute(String path) {
        return local(path).toAbsolutePath().normalize();
    }

    @Override
    public String qualify(String path) {
        return absolute(path).toString();
    }

    @Override
    public URI identity(String path) throws IOException {
        Path local = absolute(path);
        Deque<String> missing = new ArrayDeque<>();
        Path existing = local;
        while (existing != null && !Files.exists(existing)) {
            if (existing.getFileName() != null) {
                missing.push(existing.getFileName().toString());
            }
            existing = existing.getParent();
        }
        Path real = existing == null ? local : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        try {
            return new URI("file", null, real.toString(), null); // file:/a/b, as Hadoop qualifies it
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hadoop's glob syntax on this machine: {@code * ? [..] {a,b}} within each name of the path. */
    @Override
    public List<String> glob(String pattern) throws IOException {
        Path absolute = absolute(pattern);
        List<Path> matches = new ArrayList<>();
        matches.add(absolute.getRoot());
        for (Path name : absolute.getRoot().relativize(absolute)) {
            List<Path> next = new ArrayList<>();
            String part = name.toString();
            for (Path dir : matches) {
                if (!GLOB.matcher(part).find()) {
                    Path child = dir.resolve(part);
                    if (Files.exists(child)) {
                        next.add(child);
                    }
                } else if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, part)) {
                        children.forEach(next::add);
                    }
                }
            }
            next.sort(Comparator.naturalOrder());
            matches = next;
        }
        List<String> out = new ArrayList<>();
        for (Path match : matches) {
            out.add(match.toString());
        }
        return out;
    }

    @Override
    public String parent(String path) {
        Path parent = absolute(path).getParent();
        return parent == null ? null : parent.toString();
    }

    @Override
    public String name(String path) {
        Path name = absolute(path).getFileName();
        return name == null ? "" : name.toString();
    }

    @Override
    public String child(String dir, String name) {
        return absolute(dir).resolve(name).toString();
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(absolute(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(absolute(path));
    }

    @Override
    public long modificationTime(String path) throws IOException {
        try {
            return Files.getLastModifiedTime(absolute(path)).toMillis();
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path);
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path d = absolute(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(d)) {
            return children.map(c -> c.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Files.createDirectories(absolute(path));
    }

    @Override
    public OutputStream create(String path) throws IOException {
        Path file = absolute(path);
        Files.createDirectories(file.getParent());
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
    }

    @Override
    public void writeNew(String path, byte[] content) throws IOException {
        Path file = absolute(path);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        try {
            return Files.newInputStream(absolute(path));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path);
        }
    }

    /** {@link Files#move} without {@code REPLACE_EXISTING} refuses an existing destination, file or directory. */
    @Override
    public void move(String from, String to) throws IOException {
        Files.move(absolute(from), absolute(to));
    }

    @Override
    public void delete(String path) throws IOException {
        Path root = absolute(path);
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.deleteIfExists(p);
        }
    }
}
