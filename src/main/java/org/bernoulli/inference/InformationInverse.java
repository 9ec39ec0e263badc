package org.bernoulli.inference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.bernoulli.math.FeatureScaling;

/**
 * The inverse of an information matrix, I⁻¹ — the asymptotic covariance of the estimates — and
 * log det I, computed where they are well conditioned: I is first carried to the standardized
 * parameters (features centred and scaled, {@link FeatureScaling#matrixToStandardized}), factored
 * there by Cholesky, and the inverse carried back, Cov = A·Ĩ⁻¹·Aᵀ. Raw features whose scales differ
 * by six orders of magnitude would otherwise make I numerically singular when it is not.
 *
 * @param covariance     I⁻¹ on the raw scale, n×n row-major, intercept last; fixed features have
 *                       zero rows and columns (their coefficient is held at 0, not estimated)
 * @param logDeterminant log det I over the estimated parameters, on the raw scale
 */
public record InformationInverse(double[] covariance, double logDeterminant) {

    /**
     * @param information the total information (not per unit weight), raw scale, n×n, intercept last
     * @param scaling     the standardization; its fixed features are left out
     * @throws SingularInformationException when I is not numerically positive definite on the
     *                                      parameters left in (aliased columns not removed)
     */
    public static InformationInverse of(double[] information, FeatureScaling scaling) {
        int d = scaling.numFeatures();
        int n = d + 1;
        double[] standardized = scaling.matrixToStandardized(information);
        int[] active = activeParameters(scaling);
        int m = active.length;
        RealMatrix sub = new Array2DRowRealMatrix(m, m);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                sub.setEntry(a, b, standardized[active[a] * n + active[b]]);
            }
        }
        CholeskyDecomposition cholesky;
        try {
            cholesky = new CholeskyDecomposition(sub, 1e-10, 0.0);
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new SingularInformationException("the information matrix is not positive definite: some columns "
                    + "are (nearly) linear combinations of others", e);
        }
        RealMatrix l = cholesky.getL();
        double logDet = 0.0;
        for (int a = 0; a < m; a++) {
            logDet += 2 * Math.log(l.getEntry(a, a));
        }
        for (int j = 0; j < d; j++) {
            if (!scaling.isFixed(j)) {
                logDet += 2 * Math.log(scaling.scales()[j]);
            }
        }
        RealMatrix inverse = cholesky.getSolver().getInverse();
        double[] embedded = new double[n * n];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                embedded[active[a] * n + active[b]] = inverse.getEntry(a, b);
            }
        }
        return new InformationInverse(scaling.covarianceToRaw(embedded), logDet);
    }

    /** Indices of the estimated parameters: the features not fixed, then the intercept (index d). */
    static int[] activeParameters(FeatureScaling scaling) {
        int d = scaling.numFeatures();
        return java.util.stream.IntStream.rangeClosed(0, d).filter(j -> j == d || !scaling.isFixed(j)).toArray();
    }

    /**
     * The sandwich C·M·C·factor with C this inverse (raw scale; zero rows and columns for fixed
     * parameters, which stay zero): the robust covariance of the estimates, keeping this log-determinant.
     *
     * @param meat   M, n×n raw scale, intercept last
     * @param factor a small-sample factor (1 for HC0)
     */
    public InformationInverse sandwich(double[] meat, double factor) {
        int n = (int) Math.round(Math.sqrt(covariance.length));
        RealMatrix c = new Array2DRowRealMatrix(n, n);
        RealMatrix m = new Array2DRowRealMatrix(n, n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                c.setEntry(a, b, covariance[a * n + b]);
                m.setEntry(a, b, meat[a * n + b]);
            }
        }
        RealMatrix s = c.multiply(m).multiply(c);
        double[] out = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                // Symmetric by construction; the mean of the two triangles removes rounding asymmetry.
                out[a * n + b] = factor * (s.getEntry(a, b) + s.getEntry(b, a)) / 2;
            }
        }
        return new InformationInverse(out, logDeterminant);
    }

    /** The standard error of parameter j (raw index, intercept last): √(I⁻¹)ⱼⱼ. */
    public double standardError(int j) {
        int n = (int) Math.round(Math.sqrt(covariance.length));
        return Math.sqrt(covariance[j * n + j]);
    }
}
