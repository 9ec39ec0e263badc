package org.bernoulli.model;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Map;

/**
 * The penalty a model was fitted with: λ = {@code regParam}, α = {@code elasticNetParam} and
 * whether v are the raw or the standardized coefficients of Spark MLlib's elastic net (the objective
 * is stated in {@code org.bernoulli.math.LogisticObjective}). regParam = 0 is the plain
 * maximum-likelihood fit. Messages name the settings by reference
 * ({@link org.bernoulli.data.Setting}), which each door words.
 */
public record Regularization(double regParam, double elasticNetParam, boolean standardization) {

    public Regularization {
        if (!(regParam >= 0) || Double.isInfinite(regParam)) {
            throw new IllegalArgumentException("{REG_PARAM} must be a finite number >= 0, got " + regParam);
        }
        if (!(elasticNetParam >= 0 && elasticNetParam <= 1)) {
            throw new IllegalArgumentException("{ELASTIC_NET} must be in [0, 1], got " + elasticNetParam);
        }
    }

    /** The penalty on the raw coefficients. */
    public Regularization(double regParam, double elasticNetParam) {
        this(regParam, elasticNetParam, false);
    }

    public static Regularization l2(double regParam) {
        return new Regularization(regParam, 0.0, false);
    }

    /** λ·α, the weight of ‖v‖₁. */
    public double l1() {
        return regParam * elasticNetParam;
    }

    /** λ·(1 − α), the weight of ½‖v‖². */
    public double l2() {
        return regParam * (1 - elasticNetParam);
    }

    /** In words, e.g. "none", "L2, lambda 0.1" or "elastic net, lambda 0.05, alpha 0.5, standardized". */
    public String describe() {
        if (regParam == 0) {
            return "none";
        }
        String kind = elasticNetParam == 0 ? "L2" : elasticNetParam == 1 ? "L1" : "elastic net";
        return kind + ", lambda " + regParam + (elasticNetParam > 0 && elasticNetParam < 1 ? ", alpha "
                + elasticNetParam : "") + (standardization ? ", standardized" : "");
    }

    /**
     * From model.json. Models written before {@code standardization} was recorded penalized the raw
     * coefficients, so a missing field means false.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Regularization fromJson(Map<String, Object> json) {
        return new Regularization(number(json, "regParam"), number(json, "elasticNetParam"),
                Boolean.TRUE.equals(json.get("standardization")));
    }

    private static double number(Map<String, Object> json, String field) {
        if (!(json.get(field) instanceof Number n)) {
            throw new IllegalArgumentException("regularization." + field + " must be a number, found "
                    + json.get(field));
        }
        return n.doubleValue();
    }
}
