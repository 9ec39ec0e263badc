package org.bernoulli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rooms of the code stay a house: no package of {@code org.bernoulli} uses one that uses it
 * back, directly or through others, and the plain-Java rooms know nothing of Spark. Read from the
 * sources' imports and fully qualified names, as a reader sees them.
 */
class PackageLayoutTest {
    private static final Path ROOT = Path.of("src/main/java/org/bernoulli");
    private static final Pattern OURS = Pattern.compile("org\\.bernoulli\\.([a-z]+)\\.");
    /** The rooms that must not know Spark (README, Code layout). */
    private static final Set<String> PLAIN_JAVA = Set.of("math", "optim", "data", "formula", "read", "margins", "train", "inference", "model",
            "stats", "report", "local", "files", "pmml");

    /** For each package, the other packages of ours its sources name. */
    static Map<String, Set<String>> uses(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> packages = Files.list(root)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                Set<String> out = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = OURS.matcher(Files.readString(f));
                        while (m.find()) {
                            if (!m.group(1).equals(name)) {
                                out.add(m.group(1));
                            }
                        }
                    }
                }
                uses.put(name, out);
            }
        }
        return uses;
    }

    /** A cycle of the graph as a path back to its start, or an empty list. */
    static List<String> cycle(Map<String, Set<String>> uses) {
        for (String start : uses.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    if (next.equals(start)) {
                        return longer;
                    }
                    if (seen.add(next)) {
                        paths.push(longer);
                    }
                }
            }
        }
        return List.of();
    }

    @Test
    void noPackageUsesOneThatUsesItBack() throws IOException {
        Map<String, Set<String>> uses = uses(ROOT);
        assertTrue(uses.keySet().containsAll(Set.of("math", "optim", "data", "spark", "jobs", "cli", "ml")),
                "the packages were read: " + uses.keySet());
        List<String> cycle = cycle(uses);
        assertEquals(List.of(), cycle, "a cycle between packages: " + String.join(" -> ", cycle));
    }

    @Test
    void theCycleFinderFindsCycles() {
        assertEquals(List.of("a", "b", "c", "a"), cycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c",
                Set.of("a")))));
        assertEquals(List.of(), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of())));
    }

    @Test
    void thePlainJavaRoomsKnowNothingOfSpark() throws IOException {
        for (String room : PLAIN_JAVA) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(room))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    assertFalse(text.contains("org.apache.spark") || text.contains("org.apache.hadoop"),
                            f + " uses Spark or Hadoop");
                }
            }
        }
    }

    /**
     * Settings are named at the doors: outside {@code cli/} no file spells a command-line flag but the
     * one that says how the core names settings ({@code data/Setting.java}, whose documentation shows
     * the words of each door); and every reference a source makes ({@code {TOL}},
     * {@code {NA_ACTION=omit}}) names a setting, so that every door can word it.
     */
    @Test
    void settingsAreNamedAtTheDoors() throws IOException {
        Pattern flag = Pattern.compile("--[a-z][a-z0-9]*(-[a-z0-9]+)*");
        Pattern reference = Pattern.compile("\\{([A-Z][A-Z0-9_]*)(=[^{}\"]*)?}");
        Set<String> spelling = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (!f.startsWith(ROOT.resolve("cli")) && flag.matcher(text).find()) {
                    spelling.add(ROOT.relativize(f).toString());
                }
                Matcher m = reference.matcher(text);
                while (m.find()) {
                    if (org.bernoulli.data.Setting.of(m.group(1)) == null) {
                        unknown.add(ROOT.relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(Set.of("data/Setting.java"), spelling, "files outside cli/ that spell a flag");
        assertEquals(Set.of(), unknown, "references that name no setting");
    }

    /**
     * The jobs stand on each other in one direction: no file of {@code jobs/} uses one that uses it
     * back, directly or through others (a class's simple name in another's code, comments aside).
     */
    @Test
    void noTwoJobsUseEachOther() throws IOException {
        Path jobs = ROOT.resolve("jobs");
        Map<String, String> code = new TreeMap<>();
        try (Stream<Path> files = Files.list(jobs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                code.put(name, Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", ""));
            }
        }
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Map.Entry<String, String> file : code.entrySet()) {
            Set<String> out = new TreeSet<>();
            for (String other : code.keySet()) {
                if (!other.equals(file.getKey()) && Pattern.compile("\\b" + other + "\\b").matcher(file.getValue())
                        .find()) {
                    out.add(other);
                }
            }
            uses.put(file.getKey(), out);
        }
        assertTrue(uses.size() > 15, "the jobs were read: " + uses.keySet());
        List<String> cycle = cycle(uses);
        assertEquals(List.of(), cycle, "files of jobs/ that use each other: " + String.join(" -> ", cycle));
    }

    /** Every main source file, with its text. */
    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.put(f, Files.readString(f));
            }
        }
        return out;
    }

    /**
     * Small files with one role: none of {@code src/main} over 500 lines, and the training job — which
     * only reads, checks and writes around the fit stage — at most 350.
     */
    @Test
    void noSourceFileIsOverFiveHundredLines() throws IOException {
        Map<Path, String> sources = sources();
        assertTrue(sources.size() > 100, "the sources were read: " + sources.size());
        List<String> long_ = new ArrayList<>();
        for (Map.Entry<Path, String> f : sources.entrySet()) {
            long lines = f.getValue().lines().count();
            if (lines > 500) {
                long_.add(f.getKey() + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), long_);
        assertTrue(sources.get(ROOT.resolve("jobs/TrainingJob.java")).lines().count() <= 350);
    }

    /** The components of each record declared in {@code code}, by record name. */
    static Map<String, Integer> recordComponents(String code) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = Pattern.compile("\\brecord\\s+(\\w+)\\s*(<[^(]*>)?\\s*\\(").matcher(code);
        while (m.find()) {
            int depth = 1;
            int components = 0;
            boolean any = false;
            for (int i = m.end(); i < code.length() && depth > 0; i++) {
                char c = code.charAt(i);
                if (c == '(' || c == '<') {
                    depth++;
                } else if (c == ')' || c == '>') {
                    depth--;
                } else if (c == ',' && depth == 1) {
                    components++;
                } else if (!Character.isWhitespace(c)) {
                    any = true;
                }
            }
            out.put(m.group(1), any ? components + 1 : 0);
        }
        return out;
    }

    @Test
    void theRecordCounterCountsTopLevelComponents() {
        assertEquals(Map.of("A", 3, "B", 0, "C", 2), recordComponents(
                "record A(int a, Map<String, List<Integer>> b, double[] c) {} record B() {} "
                        + "public record C<T extends Comparable<T>>(T low, T high) {}"));
    }

    /** Grouped values: no record of more than 12 components; related ones are records of their own. */
    @Test
    void noRecordHasMoreThanTwelveComponents() throws IOException {
        List<String> wide = new ArrayList<>();
        int records = 0;
        for (Map.Entry<Path, String> f : sources().entrySet()) {
            String code = f.getValue().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            for (Map.Entry<String, Integer> r : recordComponents(code).entrySet()) {
                records++;
                if (r.getValue() > 12) {
                    wide.add(f.getKey().getFileName() + ": " + r.getKey() + " (" + r.getValue() + ")");
                }
            }
        }
        assertTrue(records > 50, "the records were read: " + records);
        assertEquals(List.of(), wide);
    }
}
