package org.bernoulli.data;

/**
 * The columns of one categorical term stored as what they are: row i has at most one non-zero
 * among columns {@code [offset, offset + levels)}, at column {@code offset + level[i]}, with value
 * {@code values[i]} — or 1 when {@code values} is null (a factor, or an interaction of factors) —
 * and none when {@code level[i] < 0} (the reference level). One integer per row instead of
 * {@code levels} mostly-zero cells: the margin contribution is one lookup, the gradient one add at
 * that index, and the term's part of the Hessian is diagonal (glum's categorical matrix). An
 * interaction of a factor with a number keeps the number in {@code values}.
 *
 * @param offset the term's first column
 * @param levels the term's number of columns
 * @param level  per row, the column within the term, or −1 for none
 * @param values per row, the value at that column; null when every value is 1
 */
public record CategoricalMatrix(int offset, int levels, int[] level, double[] values) implements FeatureMatrix {

    public CategoricalMatrix {
        if (offset < 0 || levels < 1 || (values != null && values.length != level.length)) {
            throw new IllegalStateException("categorical matrix shape mismatch: offset " + offset + ", " + levels
                    + " levels, " + level.length + " rows, " + (values == null ? "no" : values.length) + " values");
        }
        for (int l : level) {
            if (l >= levels) {
                throw new IllegalStateException("level " + l + " of a term of " + levels + " columns");
            }
        }
    }

    @Override
    public int rows() {
        return level.length;
    }

    @Override
    public int width() {
        return offset + levels;
    }

    /** One integer per row (and one value per row for an interaction with a number). */
    @Override
    public long storedValues() {
        return level.length;
    }

    private double value(int i) {
        return values == null ? 1.0 : values[i];
    }

    @Override
    public void margins(double[] packed, double[] out) {
        java.util.Arrays.fill(out, 0, rows(), packed[packed.length - 1]);
        addMargins(packed, out);
    }

    /** Adds {@code Σ_j θ[j]·x_ij} (no intercept) to {@code out[i]}: one lookup per row. */
    void addMargins(double[] packed, double[] out) {
        for (int i = 0; i < level.length; i++) {
            if (level[i] >= 0) {
                out[i] += packed[offset + level[i]] * value(i);
            }
        }
    }

    @Override
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        for (int i = 0; i < level.length; i++) {
            if (level[i] >= 0 && r[i] != 0.0) {
                CompensatedSum.add(sums, compensations, offset + level[i], r[i] * value(i));
            }
        }
    }

    @Override
    public void addOuterProducts(double[] v, double[] h, int n) {
        int d = n - 1;
        for (int i = 0; i < level.length; i++) {
            double vi = v[i];
            if (vi == 0.0) {
                continue;
            }
            if (level[i] >= 0) {
                int j = offset + level[i];
                double x = value(i);
                h[j * n + j] += vi * x * x;
                h[j * n + d] += vi * x;
            }
            h[d * n + d] += vi;
        }
    }

    @Override
    public void quadraticForms(double[] m, int n, double[] out) {
        int d = n - 1;
        for (int i = 0; i < level.length; i++) {
            double q = m[d * n + d];
            if (level[i] >= 0) {
                int j = offset + level[i];
                double x = value(i);
                q += x * (m[j * n + j] * x + 2 * m[j * n + d]);
            }
            out[i] = q;
        }
    }

    @Override
    public void forEachValue(ValueVisitor visitor) {
        for (int i = 0; i < level.length; i++) {
            if (level[i] >= 0) {
                visitor.accept(i, offset + level[i], value(i));
            }
        }
    }
}
