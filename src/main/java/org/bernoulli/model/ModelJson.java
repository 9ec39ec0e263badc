package org.bernoulli.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * The JSON form of a model ({@code model.json}): a {@link LogisticModel}, or a {@link CategoricalModel}
 * (its {@code family} is {@code multinomial}). Doubles are written in the shortest form that reads
 * back to the same bits, so a model survives a round trip exactly.
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

    public static String write(FittedModel model) {
        try {
            return MAPPER.writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize model: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a binary model.
     *
     * @param json   the file content
     * @param source where it came from, for the message
     * @throws ModelFormatException naming the source and the problem
     * @throws org.bernoulli.data.UsageException for a model of more than two classes, saying so
     */
    public static LogisticModel read(String json, String source) {
        FittedModel model = readAny(json, source);
        if (model instanceof CategoricalModel c) {
            throw new org.bernoulli.data.UsageException(source + " is a model of " + c.classes().size() + " classes "
                    + org.bernoulli.data.Values.echo(c.classes()) + "; this takes a model of two classes");
        }
        return (LogisticModel) model;
    }

    /**
     * Reads a model of any family.
     *
     * @throws ModelFormatException naming the source and the problem
     */
    public static FittedModel readAny(String json, String source) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(json);
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                if (!object.has("encoding")) {
                    object.putNull("encoding"); // models of numeric features have none
                }
                if (CategoricalModel.MULTINOMIAL.equals(object.path("family").asText(null))) {
                    return MAPPER.treeToValue(tree, CategoricalModel.class);
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
