package org.bernoulli.math;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.data.CompensatedVector;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;

import java.io.Serializable;

/**
 * Sums of the data Hessian times a direction, without forming the Hessian: for parameters θ and a
 * direction u (both packed, intercept last) it accumulates W = Σ wᵢ and
 *
 * <pre>
 *   Σ wᵢ σ'(zᵢ) (x̃ᵢ·u) x̃ᵢ,      zᵢ = x̃ᵢ·θ,  σ'(z) = σ(z)σ(−z),  x̃ = (x, 1)
 * </pre>
 *
 * so that the mean is H·u with H = (1/W) Σ wᵢσ'(zᵢ)x̃ᵢx̃ᵢᵀ, the Hessian of the mean binary
 * cross-entropy. One pass costs two margin computations and one transposed product per row — about
 * what a gradient pass costs — and memory O(d), which is what lets trust-region Newton run on data
 * too wide for the (d+1)² Hessian. Sums are compensated like {@link LossAggregator}'s — a dense block's
 * in runs of plain sums, as its fused pass does — so the result barely depends on the partitioning;
 * scratch buffers are reused, nothing is allocated per row.
 */
public final class HessianVectorAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numFeatures;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedVector sums;
    private transient double[] margins;
    private transient double[] directionMargins;
    /** The plain sums of the current run of dense rows. */
    private transient double[] run;

    public HessianVectorAggregator(int numFeatures) {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("number of features must be non-negative, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.sums = new CompensatedVector(numFeatures + 1);
    }

    /**
     * Adds every example of a block.
     *
     * @param packed    θ, where the curvature σ'(z) is taken
     * @param direction u, the vector the Hessian multiplies
     * @return this aggregator
     */
    public HessianVectorAggregator add(FeatureBlock block, double[] packed, double[] direction) {
        if (packed.length != numFeatures + 1 || direction.length != numFeatures + 1) {
            throw new IllegalArgumentException("expected " + (numFeatures + 1) + " parameters and direction entries, got "
                    + packed.length + " and " + direction.length);
        }
        if (block.width() > numFeatures) {
            throw new IllegalArgumentException("block uses " + block.width() + " features, the model has " + numFeatures);
        }
        if (block.matrix() instanceof DenseMatrix dense) {
            return addDense(block, dense, packed, direction);
        }
        int n = block.rows();
        if (margins == null || margins.length < n) {
            margins = new double[n];
            directionMargins = new double[n];
        }
        double[] z = margins;
        double[] zu = directionMargins;
        block.margins(packed, z);
        block.matrix().margins(direction, zu); // x̃·u: a direction has no offset (the offset moves z, not its change)
        for (int i = 0; i < n; i++) {
            double w = block.weight(i);
            if (w == 0.0) {
                zu[i] = 0.0;
                continue;
            }
            weightSum.add(w);
            double c = w * Logistic.sigmoid(z[i]) * Logistic.sigmoid(-z[i]) * zu[i];
            zu[i] = c;
            sums.add(numFeatures, c); // intercept row of x̃
        }
        block.addTransposed(zu, sums.sums(), sums.compensations());
        return this;
    }

    /**
     * A dense block in one sweep of each row, as {@link LossAggregator}'s fused pass takes it: the
     * row's margins at θ and along u ({@link DenseMatrix#dot}), its weight
     * cᵢ = wᵢσ'(zᵢ)(x̃ᵢ·u) from one exponential, then cᵢxᵢ added to plain sums of a run of
     * {@value CompensatedVector#RUN_ROWS} rows, which enter the compensated sums at the end of the run.
     * The error bound is the loss pass's: within about 10⁻¹⁴ of Σᵢ|cᵢx̃ᵢⱼ|/W of the exact sum whatever
     * the partitioning, and the same bits for the same blocks merged in the same order.
     */
    private HessianVectorAggregator addDense(FeatureBlock block, DenseMatrix dense, double[] packed,
                                             double[] direction) {
        int n = dense.rows();
        int width = dense.width();
        int d = numFeatures;
        double[] x = dense.values();
        double[] weights = block.weights();
        double[] offsets = block.offsets();
        if (run == null) {
            run = new double[d + 1];
        }
        double[] g = run;
        for (int start = 0; start < n; start += CompensatedVector.RUN_ROWS) {
            int end = Math.min(n, start + CompensatedVector.RUN_ROWS);
            for (int i = start, base = start * width; i < end; i++, base += width) {
                double w = weights[i];
                if (w == 0.0) {
                    continue;
                }
                double z = packed[d] + DenseMatrix.dot(packed, x, base, width) + (offsets == null ? 0.0 : offsets[i]);
                double zu = direction[d] + DenseMatrix.dot(direction, x, base, width);
                // σ'(z) = σ(z)σ(−z) = e^−|z| / (1 + e^−|z|)².
                double e = Math.exp(-Math.abs(z));
                double ci = w * (1.0 / (1.0 + e)) * (e / (1.0 + e)) * zu;
                weightSum.add(w);
                g[d] += ci;
                for (int k = 0; k < width; k++) {
                    g[k] += ci * x[base + k];
                }
            }
            sums.addRun(g, width);
        }
        return this;
    }

    /** Adds the sums of another aggregator of the same dimension; returns this. */
    public HessianVectorAggregator merge(HessianVectorAggregator other) {
        if (other.numFeatures != numFeatures) {
            throw new IllegalArgumentException("cannot merge aggregators of " + numFeatures + " and "
                    + other.numFeatures + " features");
        }
        weightSum.add(other.weightSum);
        sums.merge(other.sums);
        return this;
    }

    /**
     * H·u on the raw scale, intercept last.
     *
     * @throws IllegalStateException when no example with positive weight was added
     */
    public double[] result() {
        double w = weightSum.value();
        if (!(w > 0.0)) {
            throw new IllegalStateException("no examples with positive weight were aggregated: the mean is undefined");
        }
        double[] out = sums.values();
        for (int j = 0; j < out.length; j++) {
            out[j] /= w;
        }
        return out;
    }
}
