package org.bernoulli.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * The JSON form of a {@link LogisticModel} ({@code model.json}). Doubles are written in the
 * shortest form that reads back to the same bits, so a model survives a round trip exactly.
 */
public final class ModelJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Later versions add fields; an older reader keeps what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ModelJson() {
    }

    public static String write(LogisticModel model) {
        try {
            return MAPPER.writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize model: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model.
     *
     * @param json   the file content
     * @param source where it came from, for the message
     * @throws ModelFormatException naming the source and the problem
     */
    public static LogisticModel read(String json, String source) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(json);
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                if (!object.has("encoding")) {
                    object.putNull("encoding"); // models of numeric features have none
                }
            }
            return MAPPER.treeToValue(tree, LogisticModel.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ModelFormatException(source + " is not a valid Bernoulli model: " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + " is not a valid Bernoulli model: " + e.getOriginalMessage(), e);
        }
    }
}
