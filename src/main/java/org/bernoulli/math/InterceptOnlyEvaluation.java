package org.bernoulli.math;

import org.bernoulli.data.FeatureStatistics;

/**
 * The data term at an intercept-only point θ = (0, …, 0, b), from the statistics pass instead of a
 * pass of its own. Every margin is b, so with W₊ and W₋ the weights of the two classes,
 *
 * <pre>
 *   mean loss  = (W₊·softplus(−b) + W₋·softplus(b)) / W
 *   ∂/∂wⱼ      = (σ(b)·Σᵢ wᵢxᵢⱼ − Σ_{yᵢ=1} wᵢxᵢⱼ) / W
 *   ∂/∂b       = (σ(b)·W − W₊) / W
 * </pre>
 *
 * — the same numbers a pass would sum, regrouped. Every optimizer starts at such a point (the
 * log-odds of the base rate), so reading and caching the data also pays for the first evaluation.
 */
public final class InterceptOnlyEvaluation {

    private InterceptOnlyEvaluation() {
    }

    /** The evaluation at (0, …, 0, b) for data with these statistics. */
    public static LossEvaluation at(FeatureStatistics stats, double b) {
        int d = stats.numFeatures();
        double w = stats.weightSum();
        double wPos = stats.positiveWeight();
        double wNeg = stats.negativeWeight();
        double p = Logistic.sigmoid(b);
        double[] gradient = new double[d + 1];
        for (int j = 0; j < d; j++) {
            gradient[j] = (p * stats.sums()[j] - stats.positiveSums()[j]) / w;
        }
        gradient[d] = (p * w - wPos) / w;
        double meanLoss = (wPos * Logistic.negLogLikelihood(b, 1.0) + wNeg * Logistic.negLogLikelihood(b, 0.0)) / w;
        double misclassified = (b <= 0 ? wPos : 0.0) + (b >= 0 ? wNeg : 0.0);
        long extreme = Math.abs(b) > LossAggregator.EXTREME_MARGIN ? stats.rows() : 0;
        return new LossEvaluation(stats.rows(), w, meanLoss, gradient, misclassified, extreme, null);
    }
}
