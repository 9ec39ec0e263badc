package org.bernoulli.inference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The joint Wald test of a term with several columns (a factor's levels): W = β̂ₜᵀ Vₜₜ⁻¹ β̂ₜ on the
 * term's df estimated columns, V the covariance the summary's errors come from, p = P(χ²_df > W) —
 * "does credit history matter" in one number, where the coefficient table gives one z per level.
 *
 * @param term       the term, as the formula names it
 * @param df         its estimated columns
 * @param chiSquared W
 * @param p          its upper χ² tail
 */
public record TermTest(String term, int df, double chiSquared, double p) {

    /**
     * @param columns    the term's estimated columns (raw indices into {@code packed})
     * @param packed     the estimates, coefficients then intercept
     * @param covariance their covariance, n×n row-major
     */
    public static TermTest of(String term, int[] columns, double[] packed, double[] covariance) {
        int n = packed.length;
        int m = columns.length;
        RealMatrix v = new Array2DRowRealMatrix(m, m);
        double[] b = new double[m];
        for (int a = 0; a < m; a++) {
            b[a] = packed[columns[a]];
            for (int c = 0; c < m; c++) {
                // The mean of the two triangles: a computed covariance is symmetric only to rounding.
                v.setEntry(a, c, (covariance[columns[a] * n + columns[c]] + covariance[columns[c] * n + columns[a]]) / 2);
            }
        }
        double[] solved = new CholeskyDecomposition(v, 1e-14, 0.0).getSolver().solve(new ArrayRealVector(b)).toArray();
        double w = 0;
        for (int a = 0; a < m; a++) {
            w += b[a] * solved[a];
        }
        return new TermTest(term, m, w, WaldInference.chiSquaredUpperTail(w, m));
    }
}
