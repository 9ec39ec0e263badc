package org.bernoulli.model;

/**
 * The penalty a model was fitted with: objective = mean BCE + regParam · ((1 − α)/2 ‖w‖² + α ‖w‖₁),
 * α = elasticNetParam, on the raw feature scale, intercept unpenalized (Spark MLlib's convention
 * with standardization = false). regParam = 0 is the plain maximum-likelihood fit.
 */
public record Regularization(double regParam, double elasticNetParam) {

    public Regularization {
        if (!(regParam >= 0) || Double.isInfinite(regParam)) {
            throw new IllegalArgumentException("regParam must be a finite number >= 0, got " + regParam);
        }
        if (!(elasticNetParam >= 0 && elasticNetParam <= 1)) {
            throw new IllegalArgumentException("elasticNetParam must be in [0, 1], got " + elasticNetParam);
        }
    }

    public static Regularization l2(double regParam) {
        return new Regularization(regParam, 0.0);
    }
}
