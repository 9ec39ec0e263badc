package org.bernoulli.data;


/** A {@link FeatureMatrix} stored densely, row-major, {@code values[i·width + j]}. */
public record DenseMatrix(int rows, int width, double[] values) implements FeatureMatrix {

    public DenseMatrix {
        if (rows < 0 || width < 0 || values.length != (long) rows * width) {
            throw new IllegalStateException("dense matrix shape mismatch: " + values.length + " values for " + rows
                    + " rows of width " + width);
        }
    }

    @Override
    public long storedValues() {
        return values.length;
    }

    /**
     * Σⱼ coefficients[j]·values[base + j] over the {@code width} entries of a row starting at {@code base},
     * in four independent partial sums (so that the additions pipeline), added as (s₀ + s₁) + (s₂ + s₃):
     * the fused passes' margin of a row.
     */
    public static double dot(double[] coefficients, double[] values, int base, int width) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        for (; j + 3 < width; j += 4) {
            s0 += coefficients[j] * values[base + j];
            s1 += coefficients[j + 1] * values[base + j + 1];
            s2 += coefficients[j + 2] * values[base + j + 2];
            s3 += coefficients[j + 3] * values[base + j + 3];
        }
        for (; j < width; j++) {
            s0 += coefficients[j] * values[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void margins(double[] packed, double[] out) {
        double intercept = packed[packed.length - 1];
        int n = rows;
        for (int i = 0, base = 0; i < n; i++, base += width) {
            double z = 0.0;
            for (int j = 0; j < width; j++) {
                z += packed[j] * values[base + j];
            }
            out[i] = intercept + z;
        }
    }

    @Override
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        int n = rows;
        for (int i = 0, base = 0; i < n; i++, base += width) {
            double ri = r[i];
            if (ri == 0.0) {
                continue;
            }
            for (int j = 0; j < width; j++) {
                CompensatedSum.add(sums, compensations, j, ri * values[base + j]);
            }
        }
    }

    @Override
    public void addOuterProducts(double[] v, double[] h, int n) {
        int d = n - 1;
                for (int i = 0, base = 0; i < rows; i++, base += width) {
            double vi = v[i];
            if (vi == 0.0) {
                continue;
            }
            for (int j = 0; j < width; j++) {
                double a = vi * values[base + j];
                if (a == 0.0) {
                    continue;
                }
                int row = j * n;
                for (int k = j; k < width; k++) {
                    h[row + k] += a * values[base + k];
                }
                h[row + d] += a;
            }
            h[d * n + d] += vi;
        }
    }

    @Override
    public void quadraticForms(double[] m, int n, double[] out) {
        int d = n - 1;
                for (int i = 0, base = 0; i < rows; i++, base += width) {
            double q = m[d * n + d];
            for (int j = 0; j < width; j++) {
                double xj = values[base + j];
                if (xj == 0.0) {
                    continue;
                }
                int row = j * n;
                double t = 2 * m[row + d];
                for (int k = 0; k < width; k++) {
                    t += m[row + k] * values[base + k];
                }
                q += xj * t;
            }
            out[i] = q;
        }
    }

    @Override
    public void forEachValue(ValueVisitor visitor) {
        int n = rows;
        for (int i = 0, base = 0; i < n; i++, base += width) {
            for (int j = 0; j < width; j++) {
                visitor.accept(i, j, values[base + j]);
            }
        }
    }

}
