package org.bernoulli.inference;

import org.bernoulli.math.FeatureScaling;

/**
 * Finds the feature columns the data cannot tell apart from earlier ones — duplicated columns,
 * exact linear combinations — as R's glm does when it reports a coefficient as "not defined
 * because of singularities": the later column of a dependent set is aliased, the earlier ones kept.
 *
 * <p>Works on the information matrix I = Σ wᵢpᵢ(1−pᵢ)x̃ᵢx̃ᵢᵀ in standardized parameters, scaled to
 * unit diagonal (a correlation matrix in the information metric). Columns are taken in order —
 * intercept first, then features — and each is kept when the part of it not explained by the kept
 * ones has squared relative length above {@value #TOLERANCE}, i.e. when its angle to their span
 * exceeds about 1e-5 radians; this is an incremental Cholesky factorization. Exact duplicates
 * leave a residual near machine epsilon; strongly but not exactly collinear columns (a
 * correlation of 0.999 leaves 2e-3) are kept.
 */
public final class Aliasing {
    /** Smallest squared sine of the angle between a kept column and the span of the earlier ones. */
    public static final double TOLERANCE = 1e-10;

    private Aliasing() {
    }

    /**
     * @param information total information, raw scale, n×n row-major, intercept last
     * @param scaling     the standardization; fixed (constant) features are skipped, not reported
     * @return for each feature, whether it is aliased with the intercept and earlier features
     */
    public static boolean[] find(double[] information, FeatureScaling scaling) {
        int d = scaling.numFeatures();
        int n = d + 1;
        double[] h = scaling.matrixToStandardized(information);
        int[] order = new int[n];
        order[0] = d;
        for (int j = 0; j < d; j++) {
            order[j + 1] = j;
        }
        double[][] l = new double[n][]; // rows of the Cholesky factor of the kept columns (unit-diagonal scaling)
        int[] kept = new int[n];
        int keptCount = 0;
        boolean[] aliased = new boolean[d];
        for (int column : order) {
            if (column < d && scaling.isFixed(column)) {
                continue;
            }
            double diagonal = h[column * n + column];
            if (!(diagonal > 0)) {
                // No information about this parameter (the intercept's is 0 only without weight).
                if (column < d) {
                    aliased[column] = true;
                }
                continue;
            }
            double[] y = new double[keptCount + 1];
            double explained = 0.0;
            for (int a = 0; a < keptCount; a++) {
                int other = kept[a];
                double v = h[column * n + other] / Math.sqrt(diagonal * h[other * n + other]);
                for (int b = 0; b < a; b++) {
                    v -= l[a][b] * y[b];
                }
                y[a] = v / l[a][a];
                explained += y[a] * y[a];
            }
            double residual = 1.0 - explained;
            if (residual > TOLERANCE) {
                y[keptCount] = Math.sqrt(residual);
                l[keptCount] = y;
                kept[keptCount++] = column;
            } else if (column < d) {
                aliased[column] = true;
            }
        }
        return aliased;
    }
}
