package org.bernoulli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Spark line gives the same model to 1e-12: the fits {@link SparkLineIT} wrote for each line
 * built in this checkout ({@code target/line-models} for the default line, {@code target/LINE/line-models}
 * for a line's profile) are compared number by number with the default line's — model.json, each
 * coefficient's estimate and standard error in summary.json, the evaluation's metrics and the spark.ml
 * pipeline's fit. 1e-12 of the larger magnitude (at least 1): the same code on the same rows and
 * partitions, where only the Spark and Scala beneath differ.
 *
 * <p>Not part of the default build's tests: {@code .ci/run} runs it after every line's compact suite
 * ({@code mvn failsafe:integration-test failsafe:verify -Dit.test=SparkLinesAgreeIT}).
 */
class SparkLinesAgreeIT {
    private static final double TOLERANCE = 1e-12;

    @Test
    void everyLineFitsTheSameModels() throws IOException {
        Path builds = Path.of(SparkLineIT.required("bernoulli.builds"));
        String defaultLine = SparkLineIT.required("bernoulli.spark.line");
        Map<String, Path> lines = new TreeMap<>();
        lines.put(defaultLine, builds.resolve("line-models"));
        try (Stream<Path> dirs = Files.list(builds)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("spark") && Files.isDirectory(d.resolve("line-models")))
                    .forEach(d -> lines.put(d.getFileName().toString(), d.resolve("line-models")));
        }
        Path reference = lines.get(defaultLine);
        assertTrue(Files.isDirectory(reference), "no models of the default line in " + reference
                + ": run its integration tests first (mvn -B verify)");
        assertTrue(lines.size() >= 2, "only the default line's models are built in " + builds
                + "; build and test another line first (mvn -B verify -P spark-3.5_2.12 …)");
        List<Path> files = files(reference);
        assertTrue(files.size() >= 8, "the default line's models are incomplete: " + files);
        for (Map.Entry<String, Path> other : lines.entrySet()) {
            for (Path file : files) {
                Path theirs = other.getValue().resolve(reference.relativize(file));
                assertTrue(Files.isRegularFile(theirs), other.getKey() + " has no " + reference.relativize(file));
                compare(other.getKey() + ": " + reference.relativize(file), read(file), read(theirs));
            }
        }
        System.out.println("the same models (" + TOLERANCE + ") from " + String.join(", ", lines.keySet()));
    }

    /** The JSON files of the fits: provenance (times, versions) is not part of a model's numbers. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> {
                String name = p.getFileName().toString();
                return name.equals("model.json") || name.equals("summary.json") || name.equals("covariance.json")
                        || name.equals("evaluation.json") || name.equals("fit.json");
            }).sorted().toList();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Where and when a model was made, and on what: the fields in which lines differ by design. */
    private static final java.util.Set<String> PROVENANCE = java.util.Set.of("sparkVersion", "javaVersion",
            "bernoulliVersion", "seconds", "trainedAt", "phaseSeconds", "inputPath");

    /** Numbers to the tolerance, text and structure exactly; the provenance aside. */
    static void compare(String where, JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            assertEquals(x, y, TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y))), where);
        } else if (a.isObject()) {
            assertTrue(b.isObject(), where + ": an object on one line only");
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            List<String> theirs = new ArrayList<>();
            b.fieldNames().forEachRemaining(theirs::add);
            assertEquals(names, theirs, where);
            for (String name : names) {
                // An evaluation's "data" names the path read, which is the line's own (a fit's "data" is numbers).
                boolean path = name.equals("data") && a.get(name).isTextual();
                if (!PROVENANCE.contains(name) && !path) {
                    compare(where + "." + name, a.get(name), b.get(name));
                }
            }
        } else if (a.isArray()) {
            assertTrue(b.isArray() && a.size() == b.size(), where + ": arrays of other sizes");
            Iterator<JsonNode> x = a.elements();
            Iterator<JsonNode> y = b.elements();
            for (int i = 0; x.hasNext(); i++) {
                compare(where + "[" + i + "]", x.next(), y.next());
            }
        } else {
            assertEquals(a, b, where);
        }
    }
}
