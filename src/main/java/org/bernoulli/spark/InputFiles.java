package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.bernoulli.data.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Driver-side look at an input path on any Hadoop file system: which data files it names (a file,
 * a directory of part files, or a glob; names starting with {@code _} or {@code .} are metadata
 * and skipped, as Spark does), their first lines, and the line number of a byte offset.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * The data files a path names, sorted by path.
     *
     * @throws BadInputException when the path does not exist or names no data file
     */
    public static List<FileStatus> list(Configuration conf, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new BadInputException("input path does not exist: " + path);
            }
            List<FileStatus> files = new ArrayList<>();
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    for (FileStatus child : fs.listStatus(match.getPath())) {
                        if (child.isFile() && isDataFile(child.getPath())) {
                            files.add(child);
                        }
                    }
                } else if (isDataFile(match.getPath())) {
                    files.add(match);
                }
            }
            if (files.isEmpty()) {
                throw new BadInputException("input path " + path + " holds no data files");
            }
            if (fs instanceof org.apache.hadoop.fs.LocalFileSystem || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem) {
                // Hadoop's local file system reports a FIFO or a device as a file: refused before it is read.
                for (FileStatus f : files) {
                    org.bernoulli.local.LocalFiles.requireRegular(java.nio.file.Paths.get(f.getPath().toUri()));
                }
            }
            files.sort(Comparator.comparing(f -> f.getPath().toString()));
            return files;
        } catch (IOException e) {
            throw new BadInputException("cannot read input path " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDataFile(Path p) {
        String name = p.getName();
        return !name.startsWith("_") && !name.startsWith(".");
    }

    /** The first line of a file (decompressed if its name says so), or null when the file is empty. */
    public static String firstLine(Configuration conf, Path file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(conf, file), StandardCharsets.UTF_8))) {
            return reader.readLine();
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The column names in the header line of a CSV file.
     *
     * @throws BadInputException when the file is empty or its first line blank
     */
    public static List<String> csvHeader(Configuration conf, Path file) {
        return org.bernoulli.read.TextReading.csvHeader(firstLine(conf, file), file.toString());
    }

    /**
     * The 1-based number of the line that starts at byte {@code offset} of a file: one more than
     * the line ends before it, where a line ends at LF, CR or CRLF (as Hadoop's line reader splits
     * lines; a CRLF is one end). Reads the file up to the offset, so it is for error reports only.
     */
    public static long lineNumberAt(Configuration conf, String file, long offset) throws IOException {
        long ends = 0;
        long remaining = offset;
        boolean afterCr = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = open(conf, new Path(file))) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\r' || (b == '\n' && !afterCr)) {
                        ends++;
                    }
                    afterCr = b == '\r';
                }
                remaining -= n;
            }
        }
        return ends + 1;
    }

    private static InputStream open(Configuration conf, Path file) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        InputStream in = fs.open(file);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        return codec == null ? in : codec.createInputStream(in);
    }

    /** Total size in bytes of the files. */
    public static long totalBytes(List<FileStatus> files) {
        return files.stream().mapToLong(FileStatus::getLen).sum();
    }

    /** The files as the comma-separated path list Hadoop input formats take. */
    public static String joinPaths(List<FileStatus> files) {
        return String.join(",", Arrays.asList(files.stream().map(f -> f.getPath().toString()).toArray(String[]::new)));
    }
}
