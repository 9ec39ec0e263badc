package org.bernoulli.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows whose columns are split between layouts side by side: the numeric columns as compressed
 * sparse rows (at their own column indices), and each categorical term as a
 * {@link CategoricalMatrix} — glum's split matrix. Margins and gradients are sums over the parts;
 * the Hessian and the quadratic forms, which couple the parts, gather each row's few non-zeros
 * (one per categorical term) into ascending order first.
 *
 * @param numeric     the numeric columns; null when every column is categorical
 * @param categorical the categorical terms, by ascending first column
 * @param rows        the number of rows
 */
public record SplitMatrix(SparseRowMatrix numeric, List<CategoricalMatrix> categorical, int rows)
        implements FeatureMatrix {

    public SplitMatrix {
        categorical = List.copyOf(categorical);
        for (CategoricalMatrix c : categorical) {
            if (c.rows() != rows || (numeric != null && numeric.rows() != rows)) {
                throw new IllegalStateException("split matrix parts of different lengths");
            }
        }
    }

    /**
     * Splits rows (ascending indices) into the numeric columns and the categorical terms
     * {@code [groups[g][0], groups[g][1])}, each holding at most one non-zero per row.
     *
     * @throws IllegalStateException when a row has two non-zeros in one categorical term
     */
    public static SplitMatrix of(SparseRowMatrix rows, int[][] groups) {
        int n = rows.rows();
        int[] rowStart = rows.rowStart();
        int[] indices = rows.indices();
        double[] values = rows.values();
        int[][] level = new int[groups.length][n];
        double[][] value = new double[groups.length][n];
        boolean[] notOne = new boolean[groups.length];
        for (int[] l : level) {
            Arrays.fill(l, -1);
        }
        int[] numericStart = new int[n + 1];
        int[] numericIndex = new int[indices.length];
        double[] numericValue = new double[values.length];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int j = indices[k];
                int g = group(groups, j);
                if (g < 0) {
                    numericIndex[nnz] = j;
                    numericValue[nnz++] = values[k];
                } else {
                    if (level[g][i] >= 0) {
                        throw new IllegalStateException("row " + i + " has two values in the categorical term at "
                                + "columns " + groups[g][0] + "-" + (groups[g][1] - 1));
                    }
                    level[g][i] = j - groups[g][0];
                    value[g][i] = values[k];
                    notOne[g] |= values[k] != 1.0;
                }
            }
            numericStart[i + 1] = nnz;
        }
        List<CategoricalMatrix> parts = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            parts.add(new CategoricalMatrix(groups[g][0], groups[g][1] - groups[g][0], level[g],
                    notOne[g] ? value[g] : null));
        }
        int numericWidth = 0;
        for (int k = 0; k < nnz; k++) {
            numericWidth = Math.max(numericWidth, numericIndex[k] + 1);
        }
        SparseRowMatrix numeric = nnz == 0 && numericWidth == 0 ? null : new SparseRowMatrix(numericStart,
                Arrays.copyOf(numericIndex, nnz), Arrays.copyOf(numericValue, nnz), numericWidth);
        return new SplitMatrix(numeric, parts, n);
    }

    private static int group(int[][] groups, int j) {
        for (int g = 0; g < groups.length; g++) {
            if (j >= groups[g][0] && j < groups[g][1]) {
                return g;
            }
        }
        return -1;
    }

    @Override
    public int width() {
        int w = numeric == null ? 0 : numeric.width();
        for (CategoricalMatrix c : categorical) {
            w = Math.max(w, c.width());
        }
        return w;
    }

    @Override
    public long storedValues() {
        long s = numeric == null ? 0 : numeric.storedValues();
        for (CategoricalMatrix c : categorical) {
            s += c.storedValues();
        }
        return s;
    }

    @Override
    public void margins(double[] packed, double[] out) {
        if (numeric != null) {
            numeric.margins(packed, out);
        } else {
            Arrays.fill(out, 0, rows, packed[packed.length - 1]);
        }
        for (CategoricalMatrix c : categorical) {
            c.addMargins(packed, out);
        }
    }

    @Override
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        if (numeric != null) {
            numeric.addTransposed(r, sums, compensations);
        }
        for (CategoricalMatrix c : categorical) {
            c.addTransposed(r, sums, compensations);
        }
    }

    /** Row i's non-zeros, all parts, in ascending column order, into {@code index}/{@code value}; returns the count. */
    private int gather(int i, int[] index, double[] value) {
        int k = 0;
        if (numeric != null) {
            for (int p = numeric.rowStart()[i]; p < numeric.rowStart()[i + 1]; p++) {
                index[k] = numeric.indices()[p];
                value[k++] = numeric.values()[p];
            }
        }
        for (CategoricalMatrix c : categorical) {
            int l = c.level()[i];
            if (l >= 0) {
                int j = c.offset() + l;
                double x = c.values() == null ? 1.0 : c.values()[i];
                int at = k++;
                while (at > 0 && index[at - 1] > j) { // insertion: a row has few non-zeros
                    index[at] = index[at - 1];
                    value[at] = value[at - 1];
                    at--;
                }
                index[at] = j;
                value[at] = x;
            }
        }
        return k;
    }

    private int maxRowLength() {
        int m = 0;
        if (numeric != null) {
            for (int i = 0; i < rows; i++) {
                m = Math.max(m, numeric.rowStart()[i + 1] - numeric.rowStart()[i]);
            }
        }
        return m + categorical.size();
    }

    @Override
    public void addOuterProducts(double[] v, double[] h, int n) {
        int d = n - 1;
        int[] index = new int[maxRowLength()];
        double[] value = new double[index.length];
        for (int i = 0; i < rows; i++) {
            double vi = v[i];
            if (vi == 0.0) {
                continue;
            }
            int end = gather(i, index, value);
            for (int p = 0; p < end; p++) {
                double a = vi * value[p];
                int row = index[p] * n;
                for (int q = p; q < end; q++) {
                    h[row + index[q]] += a * value[q];
                }
                h[row + d] += a;
            }
            h[d * n + d] += vi;
        }
    }

    @Override
    public void quadraticForms(double[] m, int n, double[] out) {
        int d = n - 1;
        int[] index = new int[maxRowLength()];
        double[] value = new double[index.length];
        for (int i = 0; i < rows; i++) {
            int end = gather(i, index, value);
            double q = m[d * n + d];
            for (int p = 0; p < end; p++) {
                int row = index[p] * n;
                double t = 2 * m[row + d];
                for (int k = 0; k < end; k++) {
                    t += m[row + index[k]] * value[k];
                }
                q += value[p] * t;
            }
            out[i] = q;
        }
    }

    @Override
    public void forEachValue(ValueVisitor visitor) {
        if (numeric != null) {
            numeric.forEachValue(visitor);
        }
        for (CategoricalMatrix c : categorical) {
            c.forEachValue(visitor);
        }
    }
}
