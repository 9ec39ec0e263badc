package org.bernoulli.math;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.data.CompensatedVector;
import org.bernoulli.data.DenseMatrix;
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

    /** ε = 10 × machine epsilon: a fitted probability within ε of 0 or 1 is numerically 0 or 1. */
    public static final double EXTREME_PROBABILITY = 10 * Math.ulp(1.0);

    private final int numFeatures;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedSum lossSum = new CompensatedSum();
    // The sums are allocated on first use: an empty aggregator (the zero value shipped with every
    // task) then serializes to a few bytes instead of 16·(d+1) — which matters for wide data.
    private final CompensatedVector gradient;
    /** Upper triangle of Σ wᵢpᵢ(1−pᵢ) x̃ᵢx̃ᵢᵀ, row-major (d+1)², or null when not asked for. */
    private double[] hessian;
    /** The compensations of {@link #hessian}'s sums (Kahan–Babuška), for the dense pass's runs. */
    private double[] hessianCompensation;
    private final boolean withHessian;
    private long rows;
    private double misclassifiedWeight;
    private long extremeRows;

    private transient double[] buffer;
    /** The plain gradient sums of the current run of dense rows. */
    private transient double[] run;
    private transient double[] curvatures;
    /** The plain Hessian sums of the current run of dense rows, upper triangle. */
    private transient double[] runHessian;

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
        this.gradient = new CompensatedVector(numFeatures + 1);
    }

    private void allocate() {
        if (withHessian && hessian == null) {
            hessian = new double[(numFeatures + 1) * (numFeatures + 1)];
            hessianCompensation = new double[hessian.length];
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
        if (block.matrix() instanceof DenseMatrix dense) {
            return addDense(block, dense, packed);
        }
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
            gradient.add(numFeatures, ri); // ∂/∂b
        }
        block.addTransposed(r, gradient.sums(), gradient.compensations());
        if (v != null) {
            block.addOuterProducts(v, hessian, numFeatures + 1);
        }
        return this;
    }

    /**
     * The loss and gradient of a dense block in one sweep of each row, while the row is in cache:
     * its margin (four independent partial dot products, so that the additions pipeline), then its
     * loss and residual from one exponential, then {@code rᵢ·xᵢ} added to plain per-run sums of
     * the gradient, a loop the JIT vectorizes. The rows are taken in runs of
     * {@value CompensatedVector#RUN_ROWS}; at the end of each run its sums enter the compensated
     * gradient sums and are cleared.
     *
     * <p>Error: the runs' bound ({@link CompensatedVector#RUN_ROWS}), for the terms wᵢrᵢxᵢⱼ. So the
     * gradient is within about 10⁻¹⁴ of Σᵢ|wᵢrᵢxᵢⱼ|/W of the exact sum whatever the partitioning (a run
     * never spans blocks), and the same to the bit for the same blocks merged in the same order. The
     * weight and loss sums stay compensated per row (one term each).
     *
     * <p>With the Hessian, each row's curvature cᵢ = wᵢσ(zᵢ)σ(−zᵢ) comes from the same exponential, and
     * at the end of a run its rows enter plain sums of the upper triangle four at a time
     * ({@link #addRunHessian}: a rank-4 update, four products per load and store of a sum), which
     * then enter the compensated Hessian sums — the gradient's error bound, for Σ|cᵢx̃ᵢⱼx̃ᵢₖ|.
     */
    private LossAggregator addDense(FeatureBlock block, DenseMatrix dense, double[] packed) {
        int n = dense.rows();
        int width = dense.width();
        int d = numFeatures;
        double[] x = dense.values();
        double[] labels = block.labels();
        double[] weights = block.weights();
        double[] offsets = block.offsets();
        double intercept = packed[d];
        if (run == null) {
            run = new double[d + 1];
        }
        double[] g = run;
        double[] c = null;
        if (withHessian) {
            if (curvatures == null || curvatures.length < CompensatedVector.RUN_ROWS) {
                curvatures = new double[CompensatedVector.RUN_ROWS];
            }
            if (runHessian == null) {
                runHessian = new double[(d + 1) * (d + 1)];
            }
            c = curvatures;
        }
        for (int start = 0; start < n; start += CompensatedVector.RUN_ROWS) {
            int end = Math.min(n, start + CompensatedVector.RUN_ROWS);
            for (int i = start, base = start * width; i < end; i++, base += width) {
                rows++;
                double w = weights[i];
                if (c != null) {
                    c[i - start] = 0.0;
                }
                if (w == 0.0) {
                    continue;
                }
                double z = intercept + DenseMatrix.dot(packed, x, base, width) + (offsets == null ? 0.0 : offsets[i]);
                // u = ±z so that the loss is softplus(u) and the residual ±σ(u) (Logistic's
                // negLogLikelihood and residual, sharing e^−|u|).
                boolean positive = labels[i] > 0.5;
                double u = positive ? -z : z;
                double e = Math.exp(-Math.abs(u));
                double sigma = u >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                weightSum.add(w);
                lossSum.add(w * (Math.max(u, 0.0) + Math.log1p(e)));
                if (u >= 0.0) {
                    misclassifiedWeight += w;
                }
                if (Math.abs(z) > EXTREME_MARGIN) {
                    extremeRows++;
                }
                double ri = w * (positive ? -sigma : sigma);
                if (c != null) {
                    // σ(u)σ(−u) = e^−|u| / (1 + e^−|u|)², the same for z = ±u.
                    c[i - start] = w * sigma * (u >= 0.0 ? e / (1.0 + e) : 1.0 / (1.0 + e));
                }
                g[d] += ri;
                for (int k = 0; k < width; k++) {
                    g[k] += ri * x[base + k];
                }
            }
            if (c != null) {
                addRunHessian(x, width, start, end, c);
            }
            gradient.addRun(g, width);
        }
        return this;
    }

    /**
     * Adds rows {@code start..end} of a dense block with curvatures {@code c} (indexed from {@code start})
     * to the run's plain upper-triangle sums, four rows at a time, then those sums to the compensated
     * Hessian. Hᵢⱼₖ += Σᵣ cᵣ xᵣⱼ xᵣₖ for k ≥ j, the intercept as a last column of ones.
     */
    private void addRunHessian(double[] x, int width, int start, int end, double[] c) {
        int n = numFeatures + 1;
        int d = numFeatures;
        double[] h = runHessian;
        int i = start;
        for (; i + 3 < end; i += 4) {
            double c0 = c[i - start];
            double c1 = c[i + 1 - start];
            double c2 = c[i + 2 - start];
            double c3 = c[i + 3 - start];
            int b0 = i * width;
            int b1 = b0 + width;
            int b2 = b1 + width;
            int b3 = b2 + width;
            for (int j = 0; j < width; j++) {
                double a0 = c0 * x[b0 + j];
                double a1 = c1 * x[b1 + j];
                double a2 = c2 * x[b2 + j];
                double a3 = c3 * x[b3 + j];
                int row = j * n;
                for (int k = j; k < width; k++) {
                    h[row + k] += (a0 * x[b0 + k] + a1 * x[b1 + k]) + (a2 * x[b2 + k] + a3 * x[b3 + k]);
                }
                h[row + d] += (a0 + a1) + (a2 + a3);
            }
            h[d * n + d] += (c0 + c1) + (c2 + c3);
        }
        for (; i < end; i++) {
            double ci = c[i - start];
            int b = i * width;
            for (int j = 0; j < width; j++) {
                double a = ci * x[b + j];
                int row = j * n;
                for (int k = j; k < width; k++) {
                    h[row + k] += a * x[b + k];
                }
                h[row + d] += a;
            }
            h[d * n + d] += ci;
        }
        for (int j = 0; j < width; j++) {
            int row = j * n;
            for (int k = j; k < width; k++) {
                CompensatedSum.add(hessian, hessianCompensation, row + k, h[row + k]);
                h[row + k] = 0.0;
            }
            CompensatedSum.add(hessian, hessianCompensation, row + d, h[row + d]);
            h[row + d] = 0.0;
        }
        CompensatedSum.add(hessian, hessianCompensation, d * n + d, h[d * n + d]);
        h[d * n + d] = 0.0;
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
        gradient.merge(other.gradient);
        if (other.hessian != null) {
            allocate();
            CompensatedSum.merge(hessian, hessianCompensation, other.hessian, other.hessianCompensation);
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
        double[] mean = gradient.values();
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= w;
        }
        double[] meanHessian = null;
        if (withHessian) {
            int n = numFeatures + 1;
            meanHessian = new double[n * n];
            for (int j = 0; j < n; j++) {
                for (int k = j; k < n; k++) {
                    double h = (hessian[j * n + k] + hessianCompensation[j * n + k]) / w;
                    meanHessian[j * n + k] = h;
                    meanHessian[k * n + j] = h;
                }
            }
        }
        return new LossEvaluation(rows, w, lossSum.value() / w, mean, misclassifiedWeight, extremeRows, meanHessian);
    }
}
