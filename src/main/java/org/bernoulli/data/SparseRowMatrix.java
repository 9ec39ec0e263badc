package org.bernoulli.data;


/**
 * A {@link FeatureMatrix} in compressed sparse row form: the non-zeros of row i are
 * {@code values[rowStart[i] .. rowStart[i+1])} at 0-based feature indices {@code indices[…]},
 * ascending within a row.
 */
public record SparseRowMatrix(int[] rowStart, int[] indices, double[] values, int width) implements FeatureMatrix {

    public SparseRowMatrix {
        if (rowStart.length < 1 || indices.length != values.length || rowStart[rowStart.length - 1] != values.length) {
            throw new IllegalStateException("sparse matrix shape mismatch: " + rowStart.length + " row starts, "
                    + indices.length + " indices, " + values.length + " values");
        }
    }

    @Override
    public int rows() {
        return rowStart.length - 1;
    }

    @Override
    public long storedValues() {
        return values.length;
    }

    @Override
    public void margins(double[] packed, double[] out) {
        double intercept = packed[packed.length - 1];
        int n = rows();
        for (int i = 0; i < n; i++) {
            double z = 0.0;
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                z += packed[indices[k]] * values[k];
            }
            out[i] = intercept + z;
        }
    }

    @Override
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        int n = rows();
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            if (ri == 0.0) {
                continue;
            }
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                CompensatedSum.add(sums, compensations, indices[k], ri * values[k]);
            }
        }
    }

    @Override
    public void addOuterProducts(double[] v, double[] h, int n) {
        int d = n - 1;
        int rows = rows();
        for (int i = 0; i < rows; i++) {
            double vi = v[i];
            if (vi == 0.0) {
                continue;
            }
            int end = rowStart[i + 1];
            for (int p = rowStart[i]; p < end; p++) {
                double a = vi * values[p];
                int row = indices[p] * n;
                for (int q = p; q < end; q++) {
                    h[row + indices[q]] += a * values[q];
                }
                h[row + d] += a;
            }
            h[d * n + d] += vi;
        }
    }

    @Override
    public void quadraticForms(double[] m, int n, double[] out) {
        int d = n - 1;
        int rows = rows();
        for (int i = 0; i < rows; i++) {
            double q = m[d * n + d];
            int end = rowStart[i + 1];
            for (int p = rowStart[i]; p < end; p++) {
                int row = indices[p] * n;
                double t = 2 * m[row + d];
                for (int k = rowStart[i]; k < end; k++) {
                    t += m[row + indices[k]] * values[k];
                }
                q += values[p] * t;
            }
            out[i] = q;
        }
    }

    @Override
    public void forEachValue(ValueVisitor visitor) {
        int n = rows();
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                visitor.accept(i, indices[k], values[k]);
            }
        }
    }

}
