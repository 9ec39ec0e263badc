package org.bernoulli.math;

/**
 * The Householder QR of a tall matrix as LINPACK's {@code dqrdc2} computes it (R's {@code qr()}
 * by default), without pivoting, for applying Qᵀ as R's {@code qr.qty} does. The reflections are
 * LINPACK's own — column l scaled by its norm carrying the sign of its diagonal, 1 added to the
 * diagonal — so that Qᵀy has R's signs: what a basis built from Qᵀ (R's natural splines) needs to
 * give R's columns, not merely the same column space.
 */
public final class HouseholderQr implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[][] a; // a[row][column], LINPACK's compact form
    private final double[] qraux;
    private final int rows;
    private final int columns;

    /** @param matrix {@code rows × columns}, rows ≥ columns, of full column rank (copied) */
    public HouseholderQr(double[][] matrix) {
        rows = matrix.length;
        columns = matrix[0].length;
        a = new double[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = matrix[i].clone();
        }
        qraux = new double[columns];
        for (int l = 0; l < Math.min(rows - 1, columns); l++) {
            double norm = 0.0;
            for (int i = l; i < rows; i++) {
                norm = Math.hypot(norm, a[i][l]);
            }
            if (norm == 0.0) {
                throw new IllegalArgumentException("column " + l + " is zero below the diagonal: the matrix is not of "
                        + "full column rank");
            }
            if (a[l][l] != 0.0) {
                norm = Math.copySign(norm, a[l][l]);
            }
            for (int i = l; i < rows; i++) {
                a[i][l] /= norm;
            }
            a[l][l] += 1.0;
            for (int j = l + 1; j < columns; j++) {
                double t = 0.0;
                for (int i = l; i < rows; i++) {
                    t -= a[i][l] * a[i][j];
                }
                t /= a[l][l];
                for (int i = l; i < rows; i++) {
                    a[i][j] += t * a[i][l];
                }
            }
            qraux[l] = a[l][l];
            a[l][l] = -norm;
        }
    }

    /** Replaces y (length rows) by Qᵀy. */
    public void applyTranspose(double[] y) {
        for (int j = 0; j < Math.min(rows - 1, columns); j++) {
            if (qraux[j] == 0.0) {
                continue;
            }
            double t = -qraux[j] * y[j];
            for (int i = j + 1; i < rows; i++) {
                t -= a[i][j] * y[i];
            }
            t /= qraux[j];
            y[j] += t * qraux[j];
            for (int i = j + 1; i < rows; i++) {
                y[i] += t * a[i][j];
            }
        }
    }
}
