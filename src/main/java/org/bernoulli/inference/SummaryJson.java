package org.bernoulli.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code summary.json} and {@code covariance.json}: the inference records as JSON, and back. */
public final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * {@code summary.json}: every part of the summary at the top level, in the order a reader meets
     * them — the coefficients, the fit's statistics, the test against the null model, the notes, the
     * covariance and the tests.
     */
    public static String write(ModelSummary s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("method", s.method());
        if (s.classes() != null) {
            o.set("classes", MAPPER.valueToTree(s.classes().levels()));
            o.put("referenceClass", s.classes().reference());
        }
        o.set("coefficients", MAPPER.valueToTree(s.coefficients()));
        o.set("excluded", MAPPER.valueToTree(s.excluded()));
        ObjectNode goodness = MAPPER.valueToTree(s.goodness());
        o.setAll(goodness);
        o.set("lrtStatistic", MAPPER.valueToTree(s.lrtStatistic()));
        o.set("lrtDf", MAPPER.valueToTree(s.lrtDf()));
        o.set("lrtPValue", MAPPER.valueToTree(s.lrtPValue()));
        o.set("penalizedLogLikelihood", MAPPER.valueToTree(s.penalizedLogLikelihood()));
        o.set("notes", MAPPER.valueToTree(s.notes()));
        o.put("covariance", s.covariance());
        o.set("termTests", MAPPER.valueToTree(s.termTests()));
        o.set("clustering", MAPPER.valueToTree(s.clustering()));
        o.set("penalizedLrTests", MAPPER.valueToTree(s.penalizedLrTests()));
        return write((Object) o);
    }

    /**
     * Reads a summary file.
     *
     * @param source where the text came from, for the message
     * @throws IllegalArgumentException naming the source when the text is not a summary
     */
    public static ModelSummary readSummary(String json, String source) {
        try {
            JsonNode o = MAPPER.readTree(json);
            if (o == null || !o.isObject() || !o.has("coefficients") || !o.has("residualDeviance")) {
                throw new IllegalArgumentException(source + ": not a summary file: expected an object with coefficients "
                        + "and deviances");
            }
            // The fit's statistics sit among the other fields at the top level.
            ModelSummary.Goodness goodness = MAPPER.readerFor(ModelSummary.Goodness.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(o);
            ModelSummary.NullTest test = o.path("lrtStatistic").isNumber() ? new ModelSummary.NullTest(
                    o.get("lrtStatistic").asDouble(), o.get("lrtDf").asLong(), o.get("lrtPValue").asDouble()) : null;
            return new ModelSummary(o.path("method").asText(null), list(o, "coefficients", CoefficientEstimate.class),
                    list(o, "excluded", ExcludedColumn.class), goodness, test,
                    o.path("penalizedLogLikelihood").isNumber() ? o.get("penalizedLogLikelihood").asDouble() : null,
                    list(o, "notes", String.class), new ModelSummary.ErrorSource(o.path("covariance").asText(null),
                    o.path("clustering").isObject() ? MAPPER.treeToValue(o.get("clustering"), Clustering.class) : null),
                    new ModelSummary.Tests(list(o, "termTests", TermTest.class),
                            list(o, "penalizedLrTests", PenalizedLikelihoodRatio.class)),
                    o.path("classes").isArray() ? new ModelSummary.Classes(list(o, "classes", String.class),
                            o.path("referenceClass").asText(null)) : null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a summary file: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(source + ": not a summary file: " + e.getMessage(), e);
        }
    }

    private static <T> java.util.List<T> list(JsonNode o, String field, Class<T> type) throws JsonProcessingException {
        java.util.List<T> out = new java.util.ArrayList<>();
        for (JsonNode item : o.path(field)) {
            out.add(MAPPER.treeToValue(item, type));
        }
        return out;
    }

    /**
     * Reads a covariance file.
     *
     * @param source where the text came from, for the message
     * @throws IllegalArgumentException naming the source when the text is not a covariance
     */
    public static ParameterCovariance readCovariance(String json, String source) {
        try {
            ParameterCovariance c = MAPPER.readValue(json, ParameterCovariance.class);
            for (double[] row : c.matrix()) {
                if (row.length != c.parameters().size()) {
                    throw new IllegalArgumentException(source + ": covariance rows must have " + c.parameters().size()
                            + " entries, found " + row.length);
                }
            }
            return c;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a covariance file: " + e.getOriginalMessage(), e);
        }
    }
}
