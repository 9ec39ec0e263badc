package org.bernoulli.data;

import java.io.Serializable;

/**
 * A block of examples held in primitive arrays: labels in {0, 1}, non-negative case weights,
 * offsets oᵢ — fixed terms of the margin, zᵢ = b + w·xᵢ + oᵢ, as R's {@code offset()}, or none — and
 * the rows' {@link FeatureMatrix}, whose layout was chosen by density and width when the block was
 * built. The examples and the matrix are separate, so that new weights (class weights, the folds of
 * a cross-validation) share the matrix, and every layout carries offsets the same way.
 *
 * @param labels  yᵢ ∈ {0, 1}
 * @param weights wᵢ ≥ 0, finite
 * @param offsets oᵢ, finite, one per row; null when the data has none (every oᵢ is 0)
 * @param matrix   the features, one row per example
 * @param clusters the cluster of each row ({@code CLUSTER_COLUMN}); null when the data has none
 */
public record FeatureBlock(double[] labels, double[] weights, double[] offsets, FeatureMatrix matrix,
                           ClusterKeys clusters) implements Serializable {

    public FeatureBlock {
        int n = matrix.rows();
        if (labels.length != n || weights.length != n || (offsets != null && offsets.length != n)
                || (clusters != null && clusters.ofRow().length != n)) {
            throw new IllegalStateException("block shape mismatch: " + labels.length + " labels, " + weights.length
                    + " weights, " + (offsets == null ? "no" : offsets.length) + " offsets, "
                    + (clusters == null ? "no" : clusters.ofRow().length) + " clusters for " + n + " rows");
        }
    }

    /** A block without clusters. */
    public FeatureBlock(double[] labels, double[] weights, double[] offsets, FeatureMatrix matrix) {
        this(labels, weights, offsets, matrix, null);
    }

    /** A block without offsets. */
    public FeatureBlock(double[] labels, double[] weights, FeatureMatrix matrix) {
        this(labels, weights, null, matrix, null);
    }

    /** Number of examples in the block. */
    public int rows() {
        return labels.length;
    }

    /** Label of example i, 0 or 1. */
    public double label(int i) {
        return labels[i];
    }

    /** Case weight of example i. */
    public double weight(int i) {
        return weights[i];
    }

    /** Offset of example i; 0 when the block has none. */
    public double offset(int i) {
        return offsets == null ? 0.0 : offsets[i];
    }

    /** One more than the largest feature index the block uses. */
    public int width() {
        return matrix.width();
    }

    public long storedValues() {
        return matrix.storedValues();
    }

    /** Writes {@code out[i] = θ[d] + Σ_j θ[j]·x_ij + oᵢ} for every row i ({@link FeatureMatrix#margins}). */
    public void margins(double[] packed, double[] out) {
        matrix.margins(packed, out);
        if (offsets != null) {
            for (int i = 0; i < offsets.length; i++) {
                out[i] += offsets[i];
            }
        }
    }

    /** {@link FeatureMatrix#addTransposed}. */
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        matrix.addTransposed(r, sums, compensations);
    }

    /** {@link FeatureMatrix#addOuterProducts}. */
    public void addOuterProducts(double[] v, double[] h, int n) {
        matrix.addOuterProducts(v, h, n);
    }

    /** {@link FeatureMatrix#quadraticForms}. */
    public void quadraticForms(double[] m, int n, double[] out) {
        matrix.quadraticForms(m, n, out);
    }

    /** {@link FeatureMatrix#forEachValue}. */
    public void forEachValue(FeatureMatrix.ValueVisitor visitor) {
        matrix.forEachValue(visitor);
    }

    /**
     * The same examples with other case weights (labels, offsets, clusters and features shared, not copied):
     * for class weights, and for the folds of cross-validation, where a fold's held-out rows get
     * weight 0.
     *
     * @param weights one finite, non-negative weight per row
     */
    public FeatureBlock withWeights(double[] weights) {
        return new FeatureBlock(labels, weights, offsets, matrix, clusters);
    }

    /**
     * The same block with every case weight multiplied by its class's factor: wᵢ·c₀ for label 0,
     * wᵢ·c₁ for label 1 (class weights).
     */
    public FeatureBlock withClassWeights(double c0, double c1) {
        double[] out = new double[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] * (labels[i] > 0.5 ? c1 : c0);
        }
        return withWeights(out);
    }
}
