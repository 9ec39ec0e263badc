package org.bernoulli.data;

import java.io.Serializable;

/**
 * A block of examples held in primitive arrays: labels in {0, 1}, non-negative case weights and
 * a feature matrix, dense row-major ({@link DenseBlock}) or compressed sparse rows
 * ({@link SparseBlock}) or, for wide sparse data, compressed sparse columns ({@link SparseColumnBlock}),
 * chosen by density and width when the block is built.
 *
 * <p>The two operations are the ones a pass of the training loss needs, written as whole-block
 * loops so that no per-row object is created: the margins {@code z = X·w + b} and the transposed
 * product {@code Xᵀ·r}. Parameters are packed as {@code θ = (w₀, …, w_{d−1}, b)}, intercept last; a
 * block may use fewer than d feature columns (a LIBSVM block whose rows end early), never more.
 */
public sealed interface FeatureBlock extends Serializable
        permits DenseBlock, SparseBlock, SparseColumnBlock, OffsetBlock {

    /** Number of examples in the block. */
    int rows();

    /** Label of example i, 0 or 1. */
    double label(int i);

    /** Case weight of example i, finite and non-negative. */
    double weight(int i);

    /** Offset of example i, a fixed term of its margin ({@link OffsetBlock}); 0 unless the data has offsets. */
    default double offset(int i) {
        return 0.0;
    }

    /** One more than the largest feature index this block uses (0 when it has no non-zero). */
    int width();

    /** Number of stored feature values (non-zeros for a sparse block, rows × width for a dense one). */
    long storedValues();

    /**
     * Writes {@code out[i] = θ[d] + Σ_j θ[j]·x_ij + oᵢ} for every row i, where {@code d = θ.length − 1}
     * and oᵢ is the row's {@linkplain #offset offset}.
     *
     * @param packed the packed parameters (coefficients, then intercept); at least {@link #width()} + 1 long
     * @param out    receives the margins; at least {@link #rows()} long
     */
    void margins(double[] packed, double[] out);

    /**
     * Adds {@code Σ_i r[i]·x_ij} to element j of the compensated pair {@code (sums, compensations)}
     * for every feature j the block uses.
     */
    void addTransposed(double[] r, double[] sums, double[] compensations);

    /**
     * Adds {@code Σ_i v[i]·x̃_i x̃_iᵀ} to the upper triangle of the row-major n×n matrix {@code h},
     * where x̃_i = (x_i, 1) and n = d + 1 (the intercept is coordinate d = n − 1).
     */
    void addOuterProducts(double[] v, double[] h, int n);

    /**
     * Writes {@code out[i] = x̃_iᵀ·M·x̃_i} for every row i, where x̃_i = (x_i, 1) and M is a symmetric
     * row-major n×n matrix, n = d + 1 (the intercept is coordinate d).
     */
    void quadraticForms(double[] m, int n, double[] out);

    /**
     * The same examples with other case weights (the feature arrays are shared, not copied): for
     * class weights, and for the folds of cross-validation, where a fold's held-out rows get weight 0.
     *
     * @param weights one finite, non-negative weight per row
     */
    FeatureBlock withWeights(double[] weights);

    /**
     * The same block with every case weight multiplied by its class's factor: wᵢ·c₀ for label 0,
     * wᵢ·c₁ for label 1 (class weights).
     */
    default FeatureBlock withClassWeights(double c0, double c1) {
        double[] out = new double[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = weight(i) * (label(i) > 0.5 ? c1 : c0);
        }
        return withWeights(out);
    }

    /** Passes each stored value {@code x_ij} to {@code visitor}, in the order the layout stores them. */
    void forEachValue(ValueVisitor visitor);

    /** Receives the stored feature values of a block. */
    @FunctionalInterface
    interface ValueVisitor {
        void accept(int row, int feature, double value);
    }
}
