package org.bernoulli.math;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.data.FeatureBlock;

import java.io.Serializable;

/**
 * Sums of the Bernoulli negative log-likelihood and its gradient over examples, mergeable so that
 * each partition of a distributed data set reduces its own examples and the partial sums are
 * added up (the aggregator pattern: {@link #add} per block, {@link #merge} across partitions).
 *
 * <p>For parameters θ = (w, b) it accumulates W = Σ wᵢ, Σ wᵢ [softplus(zᵢ) − yᵢ zᵢ] and
 * Σ wᵢ (σ(zᵢ) − yᵢ)(xᵢ, 1) with compensated summation, so that the totals are the same to about
 * one rounding whatever the partitioning. The scratch buffer for margins is allocated once per
 * aggregator and reused, so a pass allocates nothing per row.
 */
public final class LossAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Margin beyond which a fitted probability is numerically 0 or 1: σ(z) > 1 − ε with
     * ε = 10 × machine epsilon, the threshold R's glm uses for the same warning.
     */
    public static final double EXTREME_MARGIN = Math.log((1 - 10 * Math.ulp(1.0)) / (10 * Math.ulp(1.0)));

    private final int numFeatures;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedSum lossSum = new CompensatedSum();
    // The sums are allocated on first use: an empty aggregator (the zero value shipped with every
    // task) then serializes to a few bytes instead of 16·(d+1) — which matters for wide data.
    private double[] gradientSums;
    private double[] gradientCompensations;
    /** Upper triangle of Σ wᵢpᵢ(1−pᵢ) x̃ᵢx̃ᵢᵀ, row-major (d+1)², or null when not asked for. */
    private double[] hessian;
    private final boolean withHessian;
    private long rows;
    private double misclassifiedWeight;
    private long extremeRows;
    private transient double[] buffer;
    private transient double[] curvatures;

    /** An empty aggregator for d = {@code numFeatures} coefficients plus the intercept. */
    public LossAggregator(int numFeatures) {
        this(numFeatures, false);
    }

    /**
     * @param numFeatures d
     * @param withHessian whether to sum the Hessian too (O(nnz²) per row and (d+1)² doubles)
     */
    public LossAggregator(int numFeatures, boolean withHessian) {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("number of features must be non-negative, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.withHessian = withHessian;
    }

    private void allocate() {
        if (gradientSums == null) {
            gradientSums = new double[numFeatures + 1];
            gradientCompensations = new double[numFeatures + 1];
            hessian = withHessian ? new double[(numFeatures + 1) * (numFeatures + 1)] : null;
        }
    }

    /**
     * Adds every example of a block at the packed parameters θ = (w₀, …, w_{d−1}, b).
     *
     * @return this aggregator
     */
    public LossAggregator add(FeatureBlock block, double[] packed) {
        if (packed.length != numFeatures + 1) {
            throw new IllegalArgumentException("expected " + (numFeatures + 1) + " parameters, got " + packed.length);
        }
        if (block.width() > numFeatures) {
            throw new IllegalArgumentException("block uses " + block.width() + " features, the model has " + numFeatures);
        }
        allocate();
        int n = block.rows();
        if (buffer == null || buffer.length < n) {
            buffer = new double[n];
        }
        double[] r = buffer;
        double[] v = null;
        if (withHessian) {
            if (curvatures == null || curvatures.length < n) {
                curvatures = new double[n];
            }
            v = curvatures;
        }
        block.margins(packed, r);
        for (int i = 0; i < n; i++) {
            double z = r[i];
            double y = block.label(i);
            double w = block.weight(i);
            rows++;
            if (w == 0.0) {
                r[i] = 0.0;
                if (v != null) {
                    v[i] = 0.0;
                }
                continue;
            }
            if (v != null) {
                // σ'(z) = σ(z)σ(−z), each factor from the margin.
                v[i] = w * Logistic.sigmoid(z) * Logistic.sigmoid(-z);
            }
            weightSum.add(w);
            lossSum.add(w * Logistic.negLogLikelihood(z, y));
            boolean positive = y > 0.5;
            if (positive ? z <= 0.0 : z >= 0.0) {
                misclassifiedWeight += w;
            }
            if (Math.abs(z) > EXTREME_MARGIN) {
                extremeRows++;
            }
            double ri = w * Logistic.residual(z, y);
            r[i] = ri;
            CompensatedSum.add(gradientSums, gradientCompensations, numFeatures, ri); // ∂/∂b
        }
        block.addTransposed(r, gradientSums, gradientCompensations);
        if (v != null) {
            block.addOuterProducts(v, hessian, numFeatures + 1);
        }
        return this;
    }

    /**
     * Adds the sums of another aggregator of the same dimension.
     *
     * @return this aggregator
     */
    public LossAggregator merge(LossAggregator other) {
        if (other.numFeatures != numFeatures) {
            throw new IllegalArgumentException("cannot merge aggregators of " + numFeatures + " and "
                    + other.numFeatures + " features");
        }
        weightSum.add(other.weightSum);
        lossSum.add(other.lossSum);
        if (withHessian != other.withHessian) {
            throw new IllegalArgumentException("cannot merge aggregators with and without a Hessian");
        }
        if (other.gradientSums != null) {
            allocate();
            CompensatedSum.merge(gradientSums, gradientCompensations, other.gradientSums, other.gradientCompensations);
            if (withHessian) {
                for (int i = 0; i < hessian.length; i++) {
                    hessian[i] += other.hessian[i];
                }
            }
        }
        rows += other.rows;
        misclassifiedWeight += other.misclassifiedWeight;
        extremeRows += other.extremeRows;
        return this;
    }

    /** Number of examples added so far. */
    public long rows() {
        return rows;
    }

    /**
     * The sums divided by the weight sum.
     *
     * @throws IllegalStateException when no example with positive weight was added: a mean over
     *                               nothing is undefined, and reporting 0 would look like a perfect fit
     */
    public LossEvaluation result() {
        double w = weightSum.value();
        if (!(w > 0.0)) {
            throw new IllegalStateException("no examples with positive weight were aggregated ("
                    + rows + " rows, weight sum " + w + "): the mean loss is undefined");
        }
        allocate();
        double[] gradient = CompensatedSum.values(gradientSums, gradientCompensations);
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] /= w;
        }
        double[] meanHessian = null;
        if (withHessian) {
            int n = numFeatures + 1;
            meanHessian = new double[n * n];
            for (int j = 0; j < n; j++) {
                for (int k = j; k < n; k++) {
                    double h = hessian[j * n + k] / w;
                    meanHessian[j * n + k] = h;
                    meanHessian[k * n + j] = h;
                }
            }
        }
        return new LossEvaluation(rows, w, lossSum.value() / w, gradient, misclassifiedWeight, extremeRows, meanHessian);
    }
}
