package org.bernoulli.math;

import org.bernoulli.data.FeatureBlock;

import java.io.Serializable;

/**
 * The meat of the sandwich covariance, M = Σ sᵢsᵢᵀ with the score of row i
 * sᵢ = wᵢ(yᵢ − σ(zᵢ))x̃ᵢ, x̃ᵢ = (xᵢ, 1): the empirical variance of the scores, as R's
 * {@code sandwich::meat} (times n) and statsmodels' HC0 compute it. Total, not per unit weight; raw
 * scale, intercept last; one pass, summed like the Hessian (plain sums per block, merged in order).
 */
public final class ScoreOuterProductAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numFeatures;
    private double[] upper;
    private transient double[] squares;

    public ScoreOuterProductAggregator(int numFeatures) {
        this.numFeatures = numFeatures;
    }

    /** Adds every row of a block at the packed parameters θ = (w, b). */
    public ScoreOuterProductAggregator add(FeatureBlock block, double[] packed) {
        int n = numFeatures + 1;
        if (upper == null) {
            upper = new double[n * n];
        }
        int rows = block.rows();
        if (squares == null || squares.length < rows) {
            squares = new double[rows];
        }
        double[] v = squares;
        block.margins(packed, v);
        for (int i = 0; i < rows; i++) {
            double s = block.weight(i) * Logistic.residual(v[i], block.label(i));
            v[i] = s * s;
        }
        block.addOuterProducts(v, upper, n);
        return this;
    }

    public ScoreOuterProductAggregator merge(ScoreOuterProductAggregator other) {
        if (other.upper != null) {
            if (upper == null) {
                upper = other.upper.clone();
            } else {
                for (int k = 0; k < upper.length; k++) {
                    upper[k] += other.upper[k];
                }
            }
        }
        return this;
    }

    /** M, n×n row-major, symmetric. */
    public double[] result() {
        return symmetric(upper, numFeatures + 1);
    }

    /** The full symmetric n×n matrix from its upper triangle (row-major; null: all zero). */
    static double[] symmetric(double[] upper, int n) {
        double[] m = new double[n * n];
        if (upper != null) {
            for (int j = 0; j < n; j++) {
                for (int k = j; k < n; k++) {
                    m[j * n + k] = upper[j * n + k];
                    m[k * n + j] = upper[j * n + k];
                }
            }
        }
        return m;
    }
}
