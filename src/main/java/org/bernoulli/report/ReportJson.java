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
        // Each class's bins; an empty bin's mean and fraction are null (no NaN in the file).
        java.util.List<Object> calibration = new java.util.ArrayList<>();
        double[][][] c = evaluation.calibration();
        for (int k = 0; k < c.length; k++) {
            java.util.List<Object> bins = new java.util.ArrayList<>();
            for (int b = 0; b < c[k].length; b++) {
                java.util.Map<String, Object> bin = new java.util.LinkedHashMap<>();
                bin.put("lower", (double) b / c[k].length);
                bin.put("upper", (double) (b + 1) / c[k].length);
                bin.put("rows", (long) c[k][b][0]);
                bin.put("meanPredicted", c[k][b][0] > 0 ? c[k][b][1] : null);
                bin.put("observed", c[k][b][0] > 0 ? c[k][b][2] : null);
                bins.add(bin);
            }
            calibration.add(java.util.Map.of("class", evaluation.metrics().classes().get(k), "bins", bins));
        }
        json.put("calibration", calibration);
        return write(json);
    }

    /**
     * Reads the {@code evaluation.json} of a model of more than two classes back.
     *
     * @param source where the text came from, for the message
     */
    public static ClassEvaluation readClassEvaluation(String json, String source) {
        try {
            com.fasterxml.jackson.databind.JsonNode o = MAPPER.readTree(json);
            if (o == null || !o.path("classes").isArray() || !o.path("confusionMatrix").isObject()) {
                throw new IllegalArgumentException(source + " is not the evaluation of a model of more than two classes");
            }
            java.util.List<String> classes = new java.util.ArrayList<>();
            o.get("classes").forEach(c -> classes.add(c.asText()));
            int k = classes.size();
            long[][] confusion = new long[k][k];
            double[] auc = new double[k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    confusion[a][b] = o.get("confusionMatrix").get("counts").get(a).get(b).asLong();
                }
                com.fasterxml.jackson.databind.JsonNode area = o.get("perClass").get(a).get("areaUnderROC");
                auc[a] = area == null || area.isNull() ? Double.NaN : area.asDouble();
            }
            double[][][] calibration = new double[k][][];
            for (int a = 0; a < k; a++) {
                com.fasterxml.jackson.databind.JsonNode bins = o.get("calibration").get(a).get("bins");
                calibration[a] = new double[bins.size()][3];
                for (int b = 0; b < bins.size(); b++) {
                    com.fasterxml.jackson.databind.JsonNode bin = bins.get(b);
                    calibration[a][b][0] = bin.get("rows").asDouble();
                    calibration[a][b][1] = bin.get("meanPredicted").isNull() ? Double.NaN
                            : bin.get("meanPredicted").asDouble();
                    calibration[a][b][2] = bin.get("observed").isNull() ? Double.NaN : bin.get("observed").asDouble();
                }
            }
            return new ClassEvaluation(o.path("data").asText(""), new org.bernoulli.stats.MulticlassMetrics(
                    o.get("rows").asLong(), o.get("rowsRejected").asLong(), classes, o.get("logLoss").asDouble(),
                    o.get("brierScore").asDouble(), confusion, auc), calibration);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(source + " is not the evaluation of a model of more than two classes: "
                    + e.getMessage(), e);
        }
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

    /** The average marginal effects ({@code margins.json}). @param source where the text came from, for the message */
    public static List<org.bernoulli.inference.AverageMarginalEffect> readMargins(String json, String source) {
        try {
            return List.of(MAPPER.readValue(json, org.bernoulli.inference.AverageMarginalEffect[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not a list of marginal effects: " + e.getOriginalMessage(),
                    e);
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
