package org.bernoulli.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model came to be: data, optimizer settings, the optimizer's course, warnings and the run.
 * {@code model.json}'s {@code training} object holds every part at its top level ({@link Json}).
 *
 * @param input     the training data
 * @param solver    the optimizer and its stop rule
 * @param course    what the optimizer did
 * @param warnings  anything a user should know about this fit
 * @param run       the versions, times and phases of the run
 * @param data      what the likelihood is of (the rows' digest, the response, weights and offsets), for
 *                  comparing fits; null for models that do not record it (imported, or written before it
 *                  was recorded)
 */
@JsonSerialize(using = TrainingProvenance.Json.Writer.class)
@JsonDeserialize(using = TrainingProvenance.Json.Reader.class)
public record TrainingProvenance(Input input, Solver solver, Course course, List<String> warnings, Run run,
                                 FittedData data) {

    public TrainingProvenance {
        java.util.Objects.requireNonNull(input, "input");
        java.util.Objects.requireNonNull(solver, "solver");
        java.util.Objects.requireNonNull(course, "course");
        java.util.Objects.requireNonNull(run, "run");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * The training data.
     *
     * @param path         the path as given
     * @param format       libsvm, csv, …
     * @param rows         examples read
     * @param weightSum    total case weight W
     * @param positiveRows examples with label 1
     */
    public record Input(String path, String format, long rows, double weightSum, long positiveRows) {
    }

    /**
     * The optimizer and its stop rule.
     *
     * @param name              the optimizer used
     * @param maxIterations     the iteration limit
     * @param tolerance         relative objective-change tolerance
     * @param gradientTolerance gradient-norm tolerance
     */
    public record Solver(String name, int maxIterations, double tolerance, double gradientTolerance) {
    }

    /**
     * What the optimizer did.
     *
     * @param iterations       iterations performed
     * @param passes           passes over the data (objective evaluations)
     * @param stopReason       why the optimizer stopped
     * @param converged        whether it stopped because a convergence test held
     * @param objective        final objective value
     * @param meanLoss         final mean binary cross-entropy (−log-likelihood / W)
     * @param logLikelihood    final log-likelihood, −W · meanLoss
     * @param gradientNorm     final largest absolute gradient component (standardized scale)
     * @param objectiveHistory objective after each iteration, starting point first
     */
    public record Course(int iterations, int passes, String stopReason, boolean converged, double objective,
                         double meanLoss, double logLikelihood, double gradientNorm, double[] objectiveHistory) {
    }

    /**
     * The run.
     *
     * @param partitions       partitions of the cached training data
     * @param sparkVersion     Spark version of the training run
     * @param bernoulliVersion Bernoulli version of the training run
     * @param javaVersion      Java version of the driver
     * @param seconds          wall-clock seconds of the whole training job
     * @param trainedAt        ISO-8601 instant the model was written
     * @param phaseSeconds     wall-clock seconds of each phase of the training command up to writing, in
     *                         order: start-up (from the JVM's start), checking paths, reading and
     *                         statistics, fit, inference, drop1, evaluation and report (each present when
     *                         it ran); writing is logged, as it ends after this file is made
     */
    public record Run(int partitions, String sparkVersion, String bernoulliVersion, String javaVersion, double seconds,
                      String trainedAt, Map<String, Double> phaseSeconds) {
        public Run {
            phaseSeconds = phaseSeconds == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
            for (Map.Entry<String, Double> e : phaseSeconds.entrySet()) {
                if (e.getValue() == null || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                    throw new IllegalArgumentException("phase '" + e.getKey() + "' took " + e.getValue()
                            + " seconds; expected a finite number >= 0");
                }
            }
        }

        /** A run of this Bernoulli on this Java. */
        public static Run now(int partitions, String sparkVersion, double seconds) {
            return new Run(partitions, sparkVersion, currentVersion(), System.getProperty("java.version"), seconds,
                    java.time.Instant.now().toString(), Map.of());
        }
    }

    /** Provenance of data read, an optimizer run and a run, without warnings or data record. */
    public static TrainingProvenance of(Input input, Solver solver, Course course, Run run) {
        return new TrainingProvenance(input, solver, course, List.of(), run, null);
    }

    public String inputPath() {
        return input.path();
    }

    public String inputFormat() {
        return input.format();
    }

    public long rows() {
        return input.rows();
    }

    public double weightSum() {
        return input.weightSum();
    }

    public long positiveRows() {
        return input.positiveRows();
    }

    /** The optimizer used. */
    public String optimizer() {
        return solver.name();
    }

    public int maxIterations() {
        return solver.maxIterations();
    }

    public double tolerance() {
        return solver.tolerance();
    }

    public double gradientTolerance() {
        return solver.gradientTolerance();
    }

    public int partitions() {
        return run.partitions();
    }

    public int iterations() {
        return course.iterations();
    }

    public int passes() {
        return course.passes();
    }

    public String stopReason() {
        return course.stopReason();
    }

    public boolean converged() {
        return course.converged();
    }

    public double objective() {
        return course.objective();
    }

    public double meanLoss() {
        return course.meanLoss();
    }

    public double logLikelihood() {
        return course.logLikelihood();
    }

    public double gradientNorm() {
        return course.gradientNorm();
    }

    public double[] objectiveHistory() {
        return course.objectiveHistory();
    }

    public String sparkVersion() {
        return run.sparkVersion();
    }

    public String bernoulliVersion() {
        return run.bernoulliVersion();
    }

    public String javaVersion() {
        return run.javaVersion();
    }

    public double seconds() {
        return run.seconds();
    }

    public String trainedAt() {
        return run.trainedAt();
    }

    public Map<String, Double> phaseSeconds() {
        return run.phaseSeconds();
    }

    /** The same provenance with other warnings. */
    public TrainingProvenance withWarnings(List<String> more) {
        return new TrainingProvenance(input, solver, course, more, run, data);
    }

    /** The same provenance with the phase times. */
    public TrainingProvenance withPhaseSeconds(Map<String, Double> phases) {
        return new TrainingProvenance(input, solver, course, warnings, new Run(run.partitions(), run.sparkVersion(),
                run.bernoulliVersion(), run.javaVersion(), run.seconds(), run.trainedAt(), phases), data);
    }

    /** The same provenance with what the likelihood is of. */
    public TrainingProvenance withData(FittedData fitted) {
        return new TrainingProvenance(input, solver, course, warnings, run, fitted);
    }

    /** The version of this Bernoulli build (the jar's), or "development" when run from classes. */
    public static String currentVersion() {
        String version = TrainingProvenance.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    /**
     * The flat JSON form of {@code model.json}'s {@code training} object: {@code inputPath},
     * {@code inputFormat}, {@code rows}, … {@code phaseSeconds}, {@code data} — one field per fact, as
     * users and older readers know it. A file written before phases were timed or data recorded reads
     * with none.
     */
    static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static final class Writer extends JsonSerializer<TrainingProvenance> {
            @Override
            public void serialize(TrainingProvenance t, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                ObjectNode o = MAPPER.createObjectNode();
                o.put("inputPath", t.inputPath());
                o.put("inputFormat", t.inputFormat());
                o.put("rows", t.rows());
                o.put("weightSum", t.weightSum());
                o.put("positiveRows", t.positiveRows());
                o.put("optimizer", t.optimizer());
                o.put("maxIterations", t.maxIterations());
                o.put("tolerance", t.tolerance());
                o.put("gradientTolerance", t.gradientTolerance());
                o.put("partitions", t.partitions());
                o.put("iterations", t.iterations());
                o.put("passes", t.passes());
                o.put("stopReason", t.stopReason());
                o.put("converged", t.converged());
                o.put("objective", t.objective());
                o.put("meanLoss", t.meanLoss());
                o.put("logLikelihood", t.logLikelihood());
                o.put("gradientNorm", t.gradientNorm());
                o.set("objectiveHistory", MAPPER.valueToTree(t.objectiveHistory()));
                o.set("warnings", MAPPER.valueToTree(t.warnings()));
                o.put("sparkVersion", t.sparkVersion());
                o.put("bernoulliVersion", t.bernoulliVersion());
                o.put("javaVersion", t.javaVersion());
                o.put("seconds", t.seconds());
                o.put("trainedAt", t.trainedAt());
                o.set("phaseSeconds", MAPPER.valueToTree(t.phaseSeconds()));
                if (t.data() != null) {
                    o.set("data", MAPPER.valueToTree(t.data()));
                }
                gen.writeTree(o);
            }
        }

        static final class Reader extends JsonDeserializer<TrainingProvenance> {
            @Override
            public TrainingProvenance deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonNode o = p.getCodec().readTree(p);
                Map<String, Double> phases = new LinkedHashMap<>();
                o.path("phaseSeconds").fields().forEachRemaining(e -> phases.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().asDouble() : null));
                List<String> warnings = new java.util.ArrayList<>();
                o.path("warnings").forEach(w -> warnings.add(w.asText()));
                double[] history = new double[o.path("objectiveHistory").size()];
                for (int i = 0; i < history.length; i++) {
                    history[i] = number(o.get("objectiveHistory").get(i), "objectiveHistory");
                }
                try {
                    return new TrainingProvenance(
                            new Input(text(o, "inputPath"), text(o, "inputFormat"), whole(o, "rows"),
                                    number(o.get("weightSum"), "weightSum"), whole(o, "positiveRows")),
                            new Solver(text(o, "optimizer"), (int) whole(o, "maxIterations"),
                                    number(o.get("tolerance"), "tolerance"),
                                    number(o.get("gradientTolerance"), "gradientTolerance")),
                            new Course((int) whole(o, "iterations"), (int) whole(o, "passes"), text(o, "stopReason"),
                                    o.path("converged").asBoolean(), number(o.get("objective"), "objective"),
                                    number(o.get("meanLoss"), "meanLoss"), number(o.get("logLikelihood"),
                                    "logLikelihood"), number(o.get("gradientNorm"), "gradientNorm"), history),
                            warnings,
                            new Run((int) whole(o, "partitions"), text(o, "sparkVersion"), text(o, "bernoulliVersion"),
                                    text(o, "javaVersion"), number(o.get("seconds"), "seconds"), text(o, "trainedAt"),
                                    phases),
                            o.path("data").isObject() ? MAPPER.treeToValue(o.get("data"), FittedData.class) : null);
                } catch (IllegalArgumentException e) {
                    throw com.fasterxml.jackson.databind.exc.ValueInstantiationException.from(p,
                            "training: " + e.getMessage(), ctx.constructType(TrainingProvenance.class), e);
                }
            }

            private static String text(JsonNode o, String field) {
                return o.path(field).isNull() || o.path(field).isMissingNode() ? null : o.get(field).asText();
            }

            private static long whole(JsonNode o, String field) {
                if (!o.path(field).isNumber()) {
                    throw new IllegalArgumentException("'" + field + "' is missing or not a number");
                }
                return o.get(field).asLong();
            }

            private static double number(JsonNode n, String field) {
                if (n == null || !n.isNumber()) {
                    throw new IllegalArgumentException("'" + field + "' is missing or not a number");
                }
                return n.asDouble();
            }
        }
    }
}
