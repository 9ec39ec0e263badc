package org.bernoulli.math;

import org.bernoulli.optim.DiffFunction;
import org.bernoulli.optim.ValueAndGradient;

/**
 * The penalized objective of a model of K classes — Spark MLlib's and glmnet's symmetric
 * multinomial:
 *
 * <pre>
 *   F(θ₀, …, θ_{K−1}) = −(1/W) Σ wᵢ log p_{i,yᵢ}  +  Σₖ (½ Σⱼ aⱼwₖⱼ² + Σⱼ cⱼ|wₖⱼ|),
 *   pₖ = exp(ηₖ)/Σₗ exp(ηₗ),  ηₖ = bₖ + wₖ·x
 * </pre>
 *
 * one coefficient vector per class, every class penalized alike ({@link ElasticNetPenalty}: λ, α and
 * the standardization as MLlib's), the intercepts unpenalized. The likelihood depends on the
 * parameters only through their differences, so the data term is {@link CategoricalDataLoss} at the
 * baseline parameters θₖ − θ₀ (k ≥ 1), and its gradient is that map's transpose: ∂/∂θₖ = gₖ,
 * ∂/∂θ₀ = −Σₖ gₖ. This class is F's smooth part in standardized parameters (each class through the
 * same {@link FeatureScaling}); the L1 part is left to the optimizer (OWL-QN). The gradient's
 * intercept components sum to 0, so an optimizer that moves along gradients keeps the intercepts'
 * sum where it started. Each evaluation is one pass.
 */
public final class SymmetricSoftmaxObjective implements DiffFunction {
    private final CategoricalDataLoss data;
    private final FeatureScaling scaling;
    private final double[] l2;

    /**
     * @param l2 aⱼ ≥ 0, the L2 weight of each raw coefficient (the same in every class)
     */
    public SymmetricSoftmaxObjective(CategoricalDataLoss data, FeatureScaling scaling, double[] l2) {
        if (scaling.numFeatures() != data.numFeatures() || l2.length != data.numFeatures()) {
            throw new IllegalArgumentException("scaling for " + scaling.numFeatures() + " features and " + l2.length
                    + " penalty weights, data has " + data.numFeatures());
        }
        this.data = data;
        this.scaling = scaling;
        this.l2 = l2.clone();
    }

    private int q() {
        return data.numFeatures() + 1;
    }

    /** The number of parameters, K(d + 1). */
    public int parameters() {
        return data.classes() * q();
    }

    /** Raw parameters of standardized ones, class by class. */
    public double[] toRaw(double[] standardized) {
        return byClass(standardized, scaling::toRaw);
    }

    /** Standardized parameters of raw ones, class by class. */
    public double[] toStandardized(double[] raw) {
        return byClass(raw, scaling::toStandardized);
    }

    private double[] byClass(double[] x, java.util.function.UnaryOperator<double[]> map) {
        int q = q();
        double[] out = new double[x.length];
        for (int k = 0; k < data.classes(); k++) {
            System.arraycopy(map.apply(java.util.Arrays.copyOfRange(x, k * q, (k + 1) * q)), 0, out, k * q, q);
        }
        return out;
    }

    /** The baseline-category parameters θₖ − θ₀ (k ≥ 1) of raw symmetric ones. */
    public double[] baseline(double[] raw) {
        int q = q();
        double[] out = new double[(data.classes() - 1) * q];
        for (int k = 1; k < data.classes(); k++) {
            for (int j = 0; j < q; j++) {
                out[(k - 1) * q + j] = raw[k * q + j] - raw[j];
            }
        }
        return out;
    }

    @Override
    public ValueAndGradient evaluate(double[] standardized) {
        double[] raw = toRaw(standardized);
        LossEvaluation e = data.evaluate(baseline(raw), false);
        int q = q();
        int d = q - 1;
        double[] rawGradient = new double[raw.length];
        for (int k = 1; k < data.classes(); k++) {
            for (int j = 0; j < q; j++) {
                double g = e.gradient()[(k - 1) * q + j];
                rawGradient[k * q + j] = g;
                rawGradient[j] -= g;
            }
        }
        double[] gradient = byClass(rawGradient, scaling::gradientToStandardized);
        double penalty = 0;
        for (int k = 0; k < data.classes(); k++) {
            for (int j = 0; j < d; j++) {
                double w = raw[k * q + j];
                penalty += 0.5 * l2[j] * w * w;
                if (!scaling.isFixed(j)) {
                    gradient[k * q + j] += l2[j] * w / scaling.scales()[j];
                }
            }
        }
        return new ValueAndGradient(e.meanLoss() + penalty, gradient);
    }

    /**
     * F at raw symmetric parameters, the L1 part included: the objective as MLlib states it, for
     * comparing fits.
     *
     * @param l1 cⱼ, the L1 weight of each raw coefficient
     */
    public double valueAtRaw(double[] raw, double[] l1) {
        double v = evaluate(toStandardized(raw)).value();
        int q = q();
        for (int k = 0; k < data.classes(); k++) {
            for (int j = 0; j < q - 1; j++) {
                v += l1[j] * Math.abs(raw[k * q + j]);
            }
        }
        return v;
    }
}
