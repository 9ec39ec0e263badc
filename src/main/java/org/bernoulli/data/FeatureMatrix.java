package org.bernoulli.data;

import java.io.Serializable;

/**
 * The features of a block's rows, in the layout that suits their density and width: dense
 * row-major ({@link DenseMatrix}), compressed sparse rows ({@link SparseRowMatrix}) or, for wide
 * sparse data, compressed sparse columns ({@link SparseColumnMatrix}); one level per row for a
 * categorical term ({@link CategoricalMatrix}), and numeric and categorical parts side by side
 * ({@link SplitMatrix}) for data coded through a formula.
 *
 * <p>The operations are the ones the passes need, written as whole-matrix loops so that no per-row
 * object is created. Parameters are packed as {@code θ = (w₀, …, w_{d−1}, b)}, intercept last; a
 * matrix may use fewer than d feature columns (a LIBSVM block whose rows end early), never more.
 */
public sealed interface FeatureMatrix extends Serializable
        permits DenseMatrix, SparseRowMatrix, SparseColumnMatrix, CategoricalMatrix, SplitMatrix {

    int rows();

    /** One more than the largest feature index used (0 when there is no non-zero). */
    int width();

    /** Number of stored values (non-zeros for a sparse layout, rows × width for a dense one). */
    long storedValues();

    /**
     * Writes {@code out[i] = θ[d] + Σ_j θ[j]·x_ij} for every row i, where {@code d = θ.length − 1}.
     *
     * @param packed the packed parameters; at least {@link #width()} + 1 long
     * @param out    receives the margins; at least {@link #rows()} long
     */
    void margins(double[] packed, double[] out);

    /**
     * Adds {@code Σ_i r[i]·x_ij} to element j of the compensated pair {@code (sums, compensations)}
     * for every feature j used.
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

    /** Passes each stored value {@code x_ij} to {@code visitor}, in the order the layout stores them. */
    void forEachValue(ValueVisitor visitor);

    /** Receives the stored values of a matrix. */
    @FunctionalInterface
    interface ValueVisitor {
        void accept(int row, int feature, double value);
    }
}
