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
    private static final Set<String> PLAIN_JAVA = Set.of("math", "optim", "data", "formula", "read", "train", "inference", "model",
            "stats", "report", "local");

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
}
