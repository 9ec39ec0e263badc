package org.bernoulli.files;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.UsageException;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
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
    public static void check(FileStore fs, List<Named> inputs, List<Named> outputs) {
        List<Resolved> in = new ArrayList<>();
        for (Named input : inputs) {
            for (URI match : expand(fs, input.path())) {
                in.add(new Resolved(input, match));
            }
        }
        List<Resolved> out = new ArrayList<>();
        for (Named output : outputs) {
            out.add(new Resolved(output, resolve(fs, output.path())));
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
    private static List<URI> expand(FileStore fs, String path) {
        List<URI> out = new ArrayList<>();
        try {
            for (String match : fs.glob(path)) {
                out.add(resolve(fs, match));
            }
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable or malformed: the read itself reports it, with the path.
        }
        if (out.isEmpty()) {
            out.add(resolve(fs, path));
        }
        return out;
    }

    /**
     * The path qualified with its file system and normalized; on the local file system with the
     * symbolic links of its longest existing prefix followed.
     */
    static URI resolve(FileStore fs, String path) {
        try {
            return fs.identity(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot resolve the path " + path + ": " + e.getMessage(), e);
        }
    }
}
