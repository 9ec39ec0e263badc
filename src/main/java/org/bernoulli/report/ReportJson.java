package org.bernoulli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bernoulli.optim.IterationRecord;

import java.util.List;

/**
 * {@code evaluation.json}, {@code history.json} and {@code path.json}, the report's inputs beside the model. Undefined
 * metrics (an area when one class is absent) are written as the string {@code "NaN"} and read back
 * as NaN.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ReportJson() {
    }

    public static String writeEvaluation(DataEvaluation evaluation) {
        return write(evaluation);
    }

    /** {@code evaluation.json} of a model of more than two classes: its metrics, as {@code evaluate} writes them. */
    public static String writeEvaluation(ClassEvaluation evaluation) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("data", evaluation.data());
        json.putAll(evaluation.metrics().toMap());
        return write(json);
    }

    public static String writeHistory(List<IterationRecord> history) {
        return write(history);
    }

    public static String writeCurve(org.bernoulli.train.CrossValidation.Curve curve) {
        return write(curve);
    }

    /** @param source where the text came from, for the message */
    public static org.bernoulli.train.CrossValidation.Curve readCurve(String json, String source) {
        try {
            return MAPPER.readValue(json, org.bernoulli.train.CrossValidation.Curve.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not a cross-validation curve: " + e.getOriginalMessage(), e);
        }
    }

    /** A drop1 table ({@code drop1.json}). @param source where the text came from, for the message */
    public static org.bernoulli.train.Drop1.Table readDrop1(String json, String source) {
        try {
            return MAPPER.readValue(json, org.bernoulli.train.Drop1.Table.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not a drop1 table: " + e.getOriginalMessage(), e);
        }
    }

    public static String writePath(List<PathPoint> path) {
        return write(path);
    }

    /** @param source where the text came from, for the message */
    public static List<PathPoint> readPath(String json, String source) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<PathPoint>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not a regularization path: " + e.getOriginalMessage(), e);
        }
    }

    /** @param source where the text came from, for the message */
    public static DataEvaluation readEvaluation(String json, String source) {
        try {
            return MAPPER.readValue(json, DataEvaluation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not an evaluation file: " + e.getOriginalMessage(), e);
        }
    }

    /** @param source where the text came from, for the message */
    public static List<IterationRecord> readHistory(String json, String source) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<IterationRecord>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not an iteration history: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
