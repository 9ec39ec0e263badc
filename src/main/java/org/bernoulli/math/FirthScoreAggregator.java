package org.bernoulli.math;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.data.CompensatedVector;
import org.bernoulli.data.FeatureBlock;

import java.io.Serializable;

/**
 * Sums of Firth's modified score at θ, for the penalized log-likelihood
 * l*(θ) = log L(θ) + ½ log det I(θ):
 *
 * <pre>
 *   U*(θ) = Σ [wᵢ(yᵢ − pᵢ) + hᵢ(½ − pᵢ)] x̃ᵢ,     hᵢ = wᵢpᵢ(1 − pᵢ) · x̃ᵢᵀ I(θ)⁻¹ x̃ᵢ
 * </pre>
 *
 * with pᵢ = σ(x̃ᵢ·θ), x̃ = (x, 1) and hᵢ the diagonal of the weighted hat matrix (Σ hᵢ = number of
 * parameters). The sign is that of a score (an ascent direction of l*), the sums are totals (not
 * per unit weight), raw scale, intercept last. I⁻¹ comes from the driver; the hat values need one
 * quadratic form per row, O(nnz²). Sums compensated as in {@link LossAggregator}; the scratch
 * arrays are reused across blocks.
 */
public final class FirthScoreAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numFeatures;
    private final CompensatedSum leverage = new CompensatedSum();
    private final CompensatedVector score;
    private transient double[] margins;
    private transient double[] quadratic;

    public FirthScoreAggregator(int numFeatures) {
        this.numFeatures = numFeatures;
        this.score = new CompensatedVector(numFeatures + 1);
    }

    /**
     * @param packed  θ, raw scale, intercept last
     * @param inverse I(θ)⁻¹, raw scale, (d+1)×(d+1) row-major, intercept last
     */
    public FirthScoreAggregator add(FeatureBlock block, double[] packed, double[] inverse) {
        int n = numFeatures + 1;
        if (packed.length != n || inverse.length != n * n) {
            throw new IllegalArgumentException("expected " + n + " parameters and a " + n + "x" + n + " matrix");
        }
        int rows = block.rows();
        if (margins == null || margins.length < rows) {
            margins = new double[rows];
            quadratic = new double[rows];
        }
        double[] z = margins;
        double[] q = quadratic;
        block.margins(packed, z);
        block.quadraticForms(inverse, n, q);
        for (int i = 0; i < rows; i++) {
            double w = block.weight(i);
            if (w == 0.0) {
                z[i] = 0.0;
                continue;
            }
            double p = Logistic.sigmoid(z[i]);
            double h = w * p * Logistic.sigmoid(-z[i]) * q[i];
            leverage.add(h);
            // w(y − p) is −w·residual, computed from the margin so it keeps its digits when p ≈ y.
            double r = -w * Logistic.residual(z[i], block.label(i)) + h * (0.5 - p);
            z[i] = r;
            score.add(numFeatures, r);
        }
        block.addTransposed(z, score.sums(), score.compensations());
        return this;
    }

    public FirthScoreAggregator merge(FirthScoreAggregator other) {
        leverage.add(other.leverage);
        score.merge(other.score);
        return this;
    }

    /** The modified score and the leverage sum. */
    public ModifiedScore result() {
        return new ModifiedScore(score.values(), leverage.value());
    }
}
