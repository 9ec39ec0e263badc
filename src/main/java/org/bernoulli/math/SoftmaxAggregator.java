package org.bernoulli.math;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.data.CompensatedVector;
import org.bernoulli.data.FeatureBlock;

import java.io.Serializable;

/**
 * Sums of the categorical negative log-likelihood — the multinomial case of {@link LossAggregator},
 * one trial with K outcomes per row — and of its derivatives, mergeable across partitions.
 *
 * <p>Baseline-category parameters: class 0 (the reference) has margin η₀ = 0, and class k = 1…K−1
 * has ηₖ = bₖ + wₖ·x, its parameters θₖ = (wₖ, bₖ) packed one class after another, intercept last in
 * each: θ = (θ₁, …, θ_{K−1}), m(d + 1) values with m = K − 1. With pₖ = exp(ηₖ)/Σₗ exp(ηₗ) and
 * labels yᵢ ∈ {0, …, K−1}, it sums
 *
 * <pre>
 *   W = Σ wᵢ,   Σ wᵢ [logΣexp(ηᵢ) − η_{i,yᵢ}],   gradient block k: Σ wᵢ (pᵢₖ − [yᵢ = k]) x̃ᵢ,
 *   information block (k, l): Σ wᵢ pᵢₖ ([k = l] − pᵢₗ) x̃ᵢx̃ᵢᵀ,     x̃ = (x, 1)
 * </pre>
 *
 * <p>The log-sum-exp is taken from the largest margin: with M = maxₗ ηₗ (η₀ = 0 included) and
 * t = Σ_{l ≠ argmax} exp(ηₗ − M), logΣexp(η) = M + log1p(t), so no exponential overflows and the
 * loss of a row whose class has the largest margin, log1p(t), keeps its digits however small t is.
 * For K = 2 these are exactly the Bernoulli sums of {@link LossAggregator}.
 *
 * <p>Instead of the information, the aggregator can sum the scores' outer products — block (k, l):
 * Σ wᵢ² (pᵢₖ − [yᵢ = k])(pᵢₗ − [yᵢ = l]) x̃ᵢx̃ᵢᵀ, the meat of the sandwich covariance. Either matrix is
 * summed as m(m + 1)/2 blocks of (d + 1)², each through {@link FeatureBlock#addOuterProducts}.
 * Scratch arrays are allocated once per aggregator and reused: a pass allocates nothing per row.
 */
public final class SoftmaxAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a pass sums besides the loss and gradient. */
    public enum Matrix {
        /** Nothing more. */
        NONE,
        /** The Fisher information (the Hessian of the negative log-likelihood). */
        INFORMATION,
        /** The scores' outer products. */
        SCORE_PRODUCTS
    }

    private final int classes;
    private final int numFeatures;
    private final Matrix matrix;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedSum lossSum = new CompensatedSum();
    private final CompensatedVector[] gradient;
    /** Upper triangles of the blocks (k, l), k ≤ l, in the order (1,1), (1,2), …, (1,m), (2,2), …. */
    private double[][] blocks;
    /**
     * The same blocks' sums over dense rows, each upper triangle packed row by row ((d + 1)(d + 2)/2
     * values), added as one long run per row and pair ({@link #addDenseMatrix}).
     */
    private double[][] packedBlocks;
    private long rows;
    private double misclassifiedWeight;
    private long extremeRows;

    private transient double[][] margins;
    private transient double[] classParameters;
    private transient double[] pairWeights;
    /** The block's fitted probabilities pᵢₖ of the non-reference classes, [class][row], for the matrices. */
    private transient double[][] probabilities;
    /** One dense row's packed upper triangle of x̃x̃ᵀ. */
    private transient double[] rowOuter;

    /**
     * @param classes     K ≥ 2
     * @param numFeatures d
     * @param matrix      which matrix to sum besides the loss and gradient
     */
    public SoftmaxAggregator(int classes, int numFeatures, Matrix matrix) {
        if (classes < 2 || numFeatures < 0) {
            throw new IllegalArgumentException("a softmax over " + classes + " classes and " + numFeatures
                    + " features");
        }
        this.classes = classes;
        this.numFeatures = numFeatures;
        this.matrix = matrix;
        this.gradient = new CompensatedVector[classes - 1];
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] = new CompensatedVector(numFeatures + 1);
        }
    }

    /** Number of parameters, (K − 1)(d + 1). */
    public static int parameters(int classes, int numFeatures) {
        return (classes - 1) * (numFeatures + 1);
    }

    /**
     * Adds every example of a block at the packed parameters θ = (θ₁, …, θ_{K−1}).
     *
     * @return this aggregator
     * @throws IllegalArgumentException for a block with offsets, or a label that is not a class index
     */
    public SoftmaxAggregator add(FeatureBlock block, double[] packed) {
        int m = classes - 1;
        int q = numFeatures + 1;
        if (packed.length != m * q) {
            throw new IllegalArgumentException("expected " + m * q + " parameters, got " + packed.length);
        }
        if (block.width() > numFeatures) {
            throw new IllegalArgumentException("block uses " + block.width() + " features, the model has " + numFeatures);
        }
        if (block.offsets() != null) {
            throw new IllegalArgumentException("a block with offsets: the categorical likelihood takes none");
        }
        int n = block.rows();
        scratch(n);
        double[][] eta = margins;
        for (int k = 0; k < m; k++) {
            System.arraycopy(packed, k * q, classParameters, 0, q);
            block.matrix().margins(classParameters, eta[k]);
        }
        double[][] residual = eta; // each row's margins are read before its residuals overwrite them
        for (int i = 0; i < n; i++) {
            rows++;
            double w = block.weight(i);
            int y = label(block.label(i));
            if (w == 0.0) {
                for (int k = 0; k < m; k++) {
                    residual[k][i] = 0.0;
                }
                continue;
            }
            // The largest margin M (η₀ = 0 included) and t = Σ_{l ≠ argmax} exp(ηₗ − M).
            double max = 0.0;
            int argmax = 0;
            for (int k = 0; k < m; k++) {
                if (eta[k][i] > max) {
                    max = eta[k][i];
                    argmax = k + 1;
                }
            }
            double t = argmax == 0 ? 0.0 : Math.exp(-max);
            for (int k = 0; k < m; k++) {
                if (k + 1 != argmax) {
                    t += Math.exp(eta[k][i] - max);
                }
            }
            double etaY = y == 0 ? 0.0 : eta[y - 1][i];
            weightSum.add(w);
            lossSum.add(w * ((max - etaY) + Math.log1p(t)));
            if (argmax != y) {
                misclassifiedWeight += w;
            }
            if (t < LossAggregator.EXTREME_PROBABILITY) {
                extremeRows++;
            }
            double total = 1.0 + t;
            for (int k = 0; k < m; k++) {
                double p = Math.exp(eta[k][i] - max) / total;
                probabilities[k][i] = p;
                double r = w * (p - (y == k + 1 ? 1.0 : 0.0));
                residual[k][i] = r;
                gradient[k].add(numFeatures, r); // ∂/∂bₖ
            }
        }
        for (int k = 0; k < m; k++) {
            block.addTransposed(residual[k], gradient[k].sums(), gradient[k].compensations());
        }
        if (matrix != Matrix.NONE) {
            addMatrix(block, residual);
        }
        return this;
    }

    /**
     * The weight of row i in block (k, l): the information's w·pₖ([k = l] − pₗ), or the scores'
     * product of residuals rₖrₗ, rₖ = w(pₖ − [y = k]).
     */
    private double pairWeight(double[][] residual, int k, int l, int i, double w) {
        return matrix == Matrix.SCORE_PRODUCTS ? residual[k][i] * residual[l][i]
                : w * probabilities[k][i] * ((k == l ? 1.0 : 0.0) - probabilities[l][i]);
    }

    /** Adds the blocks of the information or of the scores' outer products ({@link #pairWeight}). */
    private void addMatrix(FeatureBlock block, double[][] residual) {
        int m = classes - 1;
        int q = numFeatures + 1;
        if (block.matrix() instanceof org.bernoulli.data.DenseMatrix dense && dense.width() == numFeatures) {
            addDenseMatrix(block, dense, residual);
            return;
        }
        if (blocks == null) {
            blocks = new double[m * (m + 1) / 2][q * q];
        }
        int n = block.rows();
        int b = 0;
        for (int k = 0; k < m; k++) {
            for (int l = k; l < m; l++) {
                for (int i = 0; i < n; i++) {
                    double w = block.weight(i);
                    pairWeights[i] = w == 0.0 ? 0.0 : pairWeight(residual, k, l, i, w);
                }
                block.addOuterProducts(pairWeights, blocks[b++], q);
            }
        }
    }

    /**
     * The pairs' sums over a block of dense rows: each row's upper triangle of x̃x̃ᵀ is formed once, packed
     * (q(q + 1)/2 products), then added to every pair's packed sums times the pair's weight — one long
     * contiguous run per pair that the JIT vectorizes, where a row's outer product per pair would be
     * many short ones. The same products and sums as {@link FeatureBlock#addOuterProducts}, in another
     * order.
     */
    private void addDenseMatrix(FeatureBlock block, org.bernoulli.data.DenseMatrix dense, double[][] residual) {
        int m = classes - 1;
        int q = numFeatures + 1;
        int d = numFeatures;
        int packed = q * (q + 1) / 2;
        if (packedBlocks == null) {
            packedBlocks = new double[m * (m + 1) / 2][packed];
        }
        if (rowOuter == null) {
            rowOuter = new double[packed];
        }
        double[] x = dense.values();
        double[] g = rowOuter;
        for (int i = 0, base = 0; i < block.rows(); i++, base += d) {
            double w = block.weight(i);
            if (w == 0.0) {
                continue;
            }
            int t = 0;
            for (int a = 0; a < d; a++) {
                // Row a of the triangle: xₐ·x_b for b = a … d − 1 (a run the JIT vectorizes), then xₐ·1.
                double xa = x[base + a];
                int from = base + a;
                int length = d - a;
                for (int j = 0; j < length; j++) {
                    g[t + j] = xa * x[from + j];
                }
                t += length;
                g[t++] = xa;
            }
            g[t] = 1.0;
            int p = 0;
            for (int k = 0; k < m; k++) {
                for (int l = k; l < m; l++) {
                    double v = pairWeight(residual, k, l, i, w);
                    double[] h = packedBlocks[p++];
                    for (int u = 0; u < packed; u++) {
                        h[u] += v * g[u];
                    }
                }
            }
        }
    }

    /**
     * A block's cluster scores at θ: for each cluster of the block, Σᵢ wᵢ(yᵢₖ − pᵢₖ)x̃ᵢ for every
     * non-reference class k, one array of (K − 1)(d + 1) per cluster — the categorical counterpart of
     * {@link ClusterScoreOuterProducts#sums}.
     *
     * @throws IllegalStateException for a block without clusters
     */
    public static void clusterScores(FeatureBlock block, double[] packed, int classes, int numFeatures,
                                     java.util.function.BiConsumer<String, double[]> out) {
        org.bernoulli.data.ClusterKeys keys = block.clusters();
        if (keys == null) {
            throw new IllegalStateException("the rows have no clusters ({CLUSTER_COLUMN})");
        }
        SoftmaxAggregator residuals = new SoftmaxAggregator(classes, numFeatures, Matrix.NONE);
        residuals.add(block, packed);
        double[][] r = residuals.margins; // the residuals wᵢ(pᵢₖ − yᵢₖ) of the block just added
        int m = classes - 1;
        int q = numFeatures + 1;
        double[][] scores = new double[keys.keys().length][m * q];
        int[] of = keys.ofRow();
        for (int i = 0; i < block.rows(); i++) {
            for (int k = 0; k < m; k++) {
                scores[of[i]][k * q + numFeatures] -= r[k][i];
            }
        }
        block.forEachValue((i, j, v) -> {
            for (int k = 0; k < m; k++) {
                scores[of[i]][k * q + j] -= r[k][i] * v;
            }
        });
        for (int g = 0; g < scores.length; g++) {
            out.accept(keys.keys()[g], scores[g]);
        }
    }

    private int label(double value) {
        int y = (int) value;
        if (y != value || y < 0 || y >= classes) {
            throw new IllegalArgumentException("label " + value + " is not a class index 0.." + (classes - 1));
        }
        return y;
    }

    private void scratch(int n) {
        int m = classes - 1;
        if (margins == null || margins[0].length < n) {
            margins = new double[m][n];
            probabilities = new double[m][n];
            pairWeights = new double[n];
        }
        if (classParameters == null) {
            classParameters = new double[numFeatures + 1];
        }
    }

    /**
     * Adds the sums of another aggregator of the same shape.
     *
     * @return this aggregator
     */
    public SoftmaxAggregator merge(SoftmaxAggregator other) {
        if (other.classes != classes || other.numFeatures != numFeatures || other.matrix != matrix) {
            throw new IllegalArgumentException("cannot merge softmax sums of " + other.classes + " classes and "
                    + other.numFeatures + " features into " + classes + " and " + numFeatures);
        }
        weightSum.add(other.weightSum);
        lossSum.add(other.lossSum);
        for (int k = 0; k < gradient.length; k++) {
            gradient[k].merge(other.gradient[k]);
        }
        if (other.blocks != null) {
            if (blocks == null) {
                blocks = new double[other.blocks.length][other.blocks[0].length];
            }
            for (int b = 0; b < blocks.length; b++) {
                BlockReduction.addInto(blocks[b], other.blocks[b]);
            }
        }
        if (other.packedBlocks != null) {
            if (packedBlocks == null) {
                packedBlocks = new double[other.packedBlocks.length][other.packedBlocks[0].length];
            }
            for (int b = 0; b < packedBlocks.length; b++) {
                BlockReduction.addInto(packedBlocks[b], other.packedBlocks[b]);
            }
        }
        rows += other.rows;
        misclassifiedWeight += other.misclassifiedWeight;
        extremeRows += other.extremeRows;
        return this;
    }

    /**
     * The sums divided by the weight sum; the information (when summed) as the full symmetric
     * m(d + 1) square, per unit weight.
     *
     * @throws IllegalStateException when no example with positive weight was added
     */
    public LossEvaluation result() {
        double w = weightSum.value();
        if (!(w > 0.0)) {
            throw new IllegalStateException("no examples with positive weight were aggregated ("
                    + rows + " rows, weight sum " + w + "): the mean loss is undefined");
        }
        int q = numFeatures + 1;
        double[] mean = new double[(classes - 1) * q];
        for (int k = 0; k < gradient.length; k++) {
            double[] g = gradient[k].values();
            for (int j = 0; j < q; j++) {
                mean[k * q + j] = g[j] / w;
            }
        }
        double[] information = matrix == Matrix.INFORMATION ? assembled(1.0 / w) : null;
        return new LossEvaluation(rows, w, lossSum.value() / w, mean, misclassifiedWeight, extremeRows, information);
    }

    /** The scores' outer products summed (total, not per unit weight), as the full symmetric square. */
    public double[] scoreProducts() {
        if (matrix != Matrix.SCORE_PRODUCTS) {
            throw new IllegalStateException("this aggregator sums " + matrix + ", not the scores' outer products");
        }
        return assembled(1.0);
    }

    /** The m(m + 1)/2 upper-triangle blocks as the full symmetric matrix, times {@code scale}. */
    private double[] assembled(double scale) {
        int m = classes - 1;
        int q = numFeatures + 1;
        int size = m * q;
        double[] out = new double[size * size];
        int b = 0;
        for (int k = 0; k < m; k++) {
            for (int l = k; l < m; l++) {
                double[] h = blocks == null ? null : blocks[b];
                double[] packed = packedBlocks == null ? null : packedBlocks[b];
                b++;
                // Each block is symmetric in its (d + 1)² entries; only its upper triangle was summed.
                for (int r = 0, t = 0; r < q; r++) {
                    for (int c = r; c < q; c++, t++) {
                        double v = ((h == null ? 0.0 : h[r * q + c]) + (packed == null ? 0.0 : packed[t])) * scale;
                        put(out, size, k * q + r, l * q + c, v);
                        put(out, size, k * q + c, l * q + r, v);
                    }
                }
            }
        }
        return out;
    }

    private static void put(double[] out, int size, int i, int j, double v) {
        out[i * size + j] = v;
        out[j * size + i] = v;
    }
}
