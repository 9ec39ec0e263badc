package org.bernoulli.math;

/**
 * The data term of the objective at one parameter point, on the raw feature scale.
 *
 * @param rows                number of examples (weight zero included)
 * @param weightSum           W = Σ wᵢ
 * @param meanLoss            mean binary cross-entropy (1/W) Σ wᵢ [softplus(zᵢ) − yᵢ zᵢ], i.e. −log L / W
 * @param gradient            ∂meanLoss/∂θ for θ = (w₀, …, w_{d−1}, b), intercept last:
 *                            (1/W) Σ wᵢ (σ(zᵢ) − yᵢ) (xᵢ, 1)
 * @param misclassifiedWeight total weight of examples whose margin does not have the sign of their
 *                            label (z ≤ 0 for y = 1, z ≥ 0 for y = 0); zero means the parameters
 *                            separate the classes
 * @param extremeRows         examples with a fitted probability numerically 0 or 1
 *                            (|z| > {@link LossAggregator#EXTREME_MARGIN})
 * @param hessian             when asked for, ∂²meanLoss/∂θ² = (1/W) Σ wᵢ pᵢ(1 − pᵢ) x̃ᵢx̃ᵢᵀ with x̃ = (x, 1),
 *                            row-major (d+1)×(d+1) — the Fisher information per unit weight; else null
 */
public record LossEvaluation(long rows, double weightSum, double meanLoss, double[] gradient,
                             double misclassifiedWeight, long extremeRows, double[] hessian) implements java.io.Serializable {

    /** The negative log-likelihood −log L = W · meanLoss. */
    public double negLogLikelihood() {
        return weightSum * meanLoss;
    }

    /** The partial derivative with respect to the intercept. */
    public double interceptGradient() {
        return gradient[gradient.length - 1];
    }
}
