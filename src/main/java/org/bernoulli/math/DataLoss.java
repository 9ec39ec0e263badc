package org.bernoulli.math;

/**
 * The data term of the objective: mean binary cross-entropy and its gradient over a data set,
 * however the data set is stored ({@link BlockDataLoss} over any {@link BlockReduction}; a
 * cross-validation fold's view), so optimizers and objectives never know which one they use.
 */
public interface DataLoss {

    /** Number of feature coefficients d (the intercept comes on top). */
    int numFeatures();

    /**
     * Evaluates the mean loss and its gradient at the packed parameters θ = (w₀, …, w_{d−1}, b).
     * Each call is one pass over the data.
     */
    default LossEvaluation evaluate(double[] packed) {
        return evaluate(packed, false);
    }

    /** The same, with the Hessian too when {@code withHessian} (in the same pass). */
    LossEvaluation evaluate(double[] packed, boolean withHessian);

    /**
     * The data Hessian at θ = {@code packed} times the direction u, (1/W) Σ wᵢσ'(zᵢ)(x̃ᵢ·u)x̃ᵢ, on
     * the raw scale with the intercept last — one pass, without forming the Hessian.
     */
    double[] hessianVector(double[] packed, double[] direction);

    /**
     * The meat of the sandwich covariance at θ = {@code packed}: M = Σ sᵢsᵢᵀ with sᵢ = wᵢ(yᵢ − σ(zᵢ))x̃ᵢ,
     * total (not per unit weight), raw scale, intercept last, n×n — one pass
     * ({@link ScoreOuterProductAggregator}).
     *
     * @throws UnsupportedOperationException for data terms that cannot sum it (a fold's view)
     */
    default double[] scoreOuterProducts(double[] packed) {
        throw new UnsupportedOperationException("this data term does not sum the scores' outer products");
    }

    /**
     * The meat of the cluster-robust sandwich at θ = {@code packed}: M = Σ_g S_g S_gᵀ over the rows'
     * clusters, with G — one pass, one aggregation by cluster ({@link ClusterScoreOuterProducts}).
     *
     * @throws UnsupportedOperationException for data terms that cannot sum it
     */
    default ClusterScoreOuterProducts clusterScoreOuterProducts(double[] packed) {
        throw new UnsupportedOperationException("this data term does not sum the clusters' scores");
    }
}
