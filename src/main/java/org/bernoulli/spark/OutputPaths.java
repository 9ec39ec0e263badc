package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.UsageException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps a command's outputs off its inputs: before any work, every output path is resolved — made
 * absolute and qualified with its file system, {@code .} and {@code ..} removed, and on the local
 * file system symbolic links followed — and refused when it equals, contains or lies inside an input
 * or another output of the same command. Without this an output written with {@code OVERWRITE}
 * would delete the data or the model it is computed from (the commit replaces the whole target), and
 * an output inside an input directory would become part of that input.
 *
 * <p>An input names what the command reads: a data path with its glob expanded (each match, a file
 * or a directory), or a single file of a model directory (so that {@code MODEL_DIR/report.html} may
 * be written beside the {@code model.json} it is made from, but {@code MODEL_DIR} itself may not be
 * replaced).
 */
public final class OutputPaths {

    /**
     * A path a command reads or writes, with the option that gave it.
     *
     * @param option the setting, by reference ({@code {INPUT}}), for the message
     * @param path   the path as given (for inputs, a glob is expanded)
     */
    public record Named(String option, String path) {
        public Named {
            if (option == null || path == null) {
                throw new IllegalArgumentException("a named path needs an option and a path");
            }
        }
    }

    private OutputPaths() {
    }

    /** Paths in a list, leaving out the nulls (options not given). */
    public static List<Named> of(Named... paths) {
        List<Named> out = new ArrayList<>();
        for (Named p : paths) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** A named path, or null when the option was not given. */
    public static Named named(String option, String path) {
        return path == null ? null : new Named(option, path);
    }

    /**
     * @throws UsageException naming both options and paths when an output equals, contains or lies
     *                        inside an input or another output
     */
    public static void check(Configuration conf, List<Named> inputs, List<Named> outputs) {
        List<Resolved> in = new ArrayList<>();
        for (Named input : inputs) {
            for (URI match : expand(conf, input.path())) {
                in.add(new Resolved(input, match));
            }
        }
        List<Resolved> out = new ArrayList<>();
        for (Named output : outputs) {
            out.add(new Resolved(output, resolve(conf, output.path())));
        }
        for (int a = 0; a < out.size(); a++) {
            Resolved o = out.get(a);
            for (Resolved i : in) {
                String relation = relation(o.uri(), i.uri());
                if (relation != null) {
                    throw new UsageException(o.named().option() + " " + o.named().path() + " " + relation + " "
                            + i.named().option() + " " + describe(i) + "; an output must not touch an input "
                            + "(it would be replaced or mixed into it): choose another " + o.named().option());
                }
            }
            for (int b = a + 1; b < out.size(); b++) {
                Resolved other = out.get(b);
                String relation = relation(o.uri(), other.uri());
                if (relation != null) {
                    throw new UsageException(o.named().option() + " " + o.named().path() + " " + relation + " "
                            + other.named().option() + " " + other.named().path() + "; two outputs of one command "
                            + "must be apart (the commit of one would replace the other)");
                }
            }
        }
    }

    /** How output a relates to path b: null when they are apart. */
    private static String relation(URI a, URI b) {
        if (!same(a.getScheme(), b.getScheme()) || !same(a.getAuthority(), b.getAuthority())) {
            return null;
        }
        String pa = a.getPath();
        String pb = b.getPath();
        if (pa.equals(pb)) {
            return "is the same path as";
        }
        if (pa.startsWith(pb.endsWith("/") ? pb : pb + "/")) {
            return "lies inside";
        }
        if (pb.startsWith(pa.endsWith("/") ? pa : pa + "/")) {
            return "contains";
        }
        return null;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    private static String describe(Resolved input) {
        String given = input.named().path();
        String resolved = input.uri().getPath();
        return given.equals(resolved) || given.equals(input.uri().toString()) ? given : given + " (" + resolved + ")";
    }

    private record Resolved(Named named, URI uri) {
    }

    /** The paths an input names: each match of its glob, or the path itself when nothing matches yet. */
    private static List<URI> expand(Configuration conf, String path) {
        List<URI> out = new ArrayList<>();
        try {
            Path p = new Path(path);
            FileStatus[] matches = p.getFileSystem(conf).globStatus(p);
            if (matches != null) {
                for (FileStatus match : matches) {
                    out.add(resolve(conf, match.getPath().toString()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable or malformed: the read itself reports it, with the path.
        }
        if (out.isEmpty()) {
            out.add(resolve(conf, path));
        }
        return out;
    }

    /**
     * The path qualified with its file system and normalized; on the local file system with the
     * symbolic links of its longest existing prefix followed.
     */
    static URI resolve(Configuration conf, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            URI qualified = fs.makeQualified(p).toUri().normalize();
            if ("file".equalsIgnoreCase(qualified.getScheme())) {
                return realLocal(qualified);
            }
            return withoutTrailingSlash(qualified);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot resolve the path " + path + ": " + e.getMessage(), e);
        }
    }

    private static URI realLocal(URI qualified) throws IOException {
        java.nio.file.Path local = Paths.get(qualified).toAbsolutePath().normalize();
        Deque<String> missing = new ArrayDeque<>();
        java.nio.file.Path existing = local;
        while (existing != null && !Files.exists(existing)) {
            if (existing.getFileName() != null) {
                missing.push(existing.getFileName().toString());
            }
            existing = existing.getParent();
        }
        java.nio.file.Path real = existing == null ? local : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return withoutTrailingSlash(real.toUri());
    }

    private static URI withoutTrailingSlash(URI uri) {
        String path = uri.getPath();
        if (path != null && path.length() > 1 && path.endsWith("/")) {
            try {
                return new URI(uri.getScheme(), uri.getAuthority(), path.substring(0, path.length() - 1), null, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return uri;
    }
}
