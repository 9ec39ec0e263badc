package org.bernoulli.local;

import org.bernoulli.data.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The text files of an input path on this machine, read by the driver itself: a file, or a
 * directory of part files (names starting with {@code _} or {@code .} are metadata and skipped, as
 * Spark does), plain or gzip-compressed. Files are named in messages as Spark names them
 * ({@code file:/absolute/path}), and their lines end at LF, CR or CRLF, as Hadoop's line reader
 * splits them.
 */
public final class LocalFiles {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern OTHER_COMPRESSION = Pattern.compile(".*\\.(bz2|deflate|zst|lz4|snappy)$");

    private LocalFiles() {
    }

    /**
     * Why the driver cannot read a path itself, or null when it can: another file system than this
     * machine's, a glob, or a compression other than gzip.
     */
    public static String whyNotLocal(String path) {
        if (SCHEME.matcher(path).find() && !path.startsWith("file:")) {
            return "not on this machine's file system";
        }
        if (path.matches(".*[*?\\[{].*")) {
            return "a glob";
        }
        if (OTHER_COMPRESSION.matcher(path.toLowerCase(Locale.ROOT)).matches()) {
            return "compressed other than by gzip";
        }
        return null;
    }

    /** The local path of {@code path} (plain, or a {@code file:} URI). */
    static Path of(String path) {
        return path.startsWith("file:") ? Path.of(URI.create(path).getPath()) : Path.of(path);
    }

    /**
     * The data files a path names, sorted by name.
     *
     * @throws BadInputException when the path does not exist or names no data file
     */
    public static List<Path> list(String path) {
        Path p = of(path);
        if (!Files.exists(p)) {
            throw new BadInputException("input path does not exist: " + path);
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (Stream<Path> children = Files.list(p)) {
                children.filter(c -> isDataFile(c) && !Files.isDirectory(c)).forEach(files::add);
            } catch (IOException e) {
                throw new BadInputException("cannot read input path " + path + ": " + e.getMessage(), e);
            }
        } else if (isDataFile(p)) {
            files.add(p);
        }
        for (Path file : files) {
            requireRegular(file);
        }
        if (files.isEmpty()) {
            throw new BadInputException("input path " + path + " holds no data files");
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    /** The bytes a path's data files take on disk (compressed, for gzip files). */
    public static long totalBytes(String path) {
        return bytes(path, 1);
    }

    /** About the bytes a path's data files hold: gzip files counted four times their size on disk. */
    public static long expandedBytes(String path) {
        return bytes(path, 4);
    }

    private static long bytes(String path, int gzipFactor) {
        long bytes = 0;
        for (Path file : list(path)) {
            try {
                boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
                bytes += Files.size(file) * (gzip ? gzipFactor : 1);
            } catch (IOException e) {
                throw new BadInputException("cannot read " + name(file) + ": " + e.getMessage(), e);
            }
        }
        return bytes;
    }

    /**
     * Refuses an input that is not a regular file — a FIFO, a device, a socket: a run reads its input
     * more than once (its header, a scan, the data), which a pipe cannot give, and a device such as
     * /dev/zero never ends.
     *
     * @throws BadInputException naming the file and what it is
     */
    public static void requireRegular(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("input " + name(file) + " is not a regular file (" + kind(file) + "): an "
                    + "input is read more than once, from its start; copy the data into a file");
        }
    }

    private static String kind(Path file) {
        try {
            Object type = Files.readAttributes(file, "unix:mode").get("mode");
            int mode = type instanceof Integer m ? m & 0170000 : 0;
            return switch (mode) {
                case 0010000 -> "a FIFO, a named pipe";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    private static boolean isDataFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith("_") && !name.startsWith(".");
    }

    /** A file as messages name it, the way Spark does: {@code file:/absolute/path}. */
    public static String name(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    /** The file's lines, decompressed when its name ends in {@code .gz}. */
    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Receives a file's lines with their 1-based numbers. */
    @FunctionalInterface
    public interface LineSink {
        void line(long number, String line);
    }

    /**
     * Reads every line of a file into {@code sink}; a read error becomes a {@link BadInputException}
     * naming the file.
     */
    public static void forEachLine(Path file, LineSink sink) {
        try (BufferedReader reader = open(file)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.line(++number, line);
            }
        } catch (IOException | UncheckedIOException e) {
            throw BadInputException.unreadable(name(file), e instanceof UncheckedIOException u ? u.getCause() : e);
        }
    }

    /** The first line of a file, or null when it is empty. */
    static String firstLine(Path file) {
        try (BufferedReader reader = open(file)) {
            return reader.readLine();
        } catch (IOException e) {
            throw BadInputException.unreadable(name(file), e);
        }
    }
}
