package org.bernoulli.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
     * Reads a summary file.
     *
     * @param source where the text came from, for the message
     * @throws IllegalArgumentException naming the source when the text is not a summary
     */
    public static ModelSummary readSummary(String json, String source) {
        try {
            return MAPPER.readValue(json, ModelSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a summary file: " + e.getOriginalMessage(), e);
        }
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
