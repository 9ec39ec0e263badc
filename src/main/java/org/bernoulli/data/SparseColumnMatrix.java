package org.bernoulli.data;


/**
 * A {@link FeatureMatrix} of wide sparse data in doubly compressed sparse column form: only the
 * feature columns that have a non-zero in the block are listed ({@code columns}, ascending), and the
 * non-zeros of the c-th listed column are {@code values[columnStart[c] .. columnStart[c+1])} at rows
 * {@code rowIndex[…]}, ascending.
 *
 * <p>Why a column layout: with row-wise storage, each non-zero of a wide model reads one
 * coefficient and updates one gradient sum at a random place in d-long arrays that do not fit in
 * the processor's caches, and that random access is what a pass costs. Column-wise, the block walks
 * the coefficients and gradient sums in ascending order, once per listed column, and the random
 * accesses go to the block's own margin and residual arrays (a few thousand doubles, which stay in
 * cache). Margins come out bit-for-bit equal to the row layout's (each row's terms are added in the
 * same ascending feature order); a gradient sum adds one rounded partial per column and block
 * instead of one term per non-zero, which changes it by about one rounding.
 */
public record SparseColumnMatrix(int rows, int[] columns, int[] columnStart, int[] rowIndex, double[] values,
                                 int width) implements FeatureMatrix {

    public SparseColumnMatrix {
        if (rows < 0 || columnStart.length != columns.length + 1 || rowIndex.length != values.length
                || columnStart[columns.length] != values.length) {
            throw new IllegalStateException("sparse column matrix shape mismatch: " + rows + " rows, "
                    + columns.length + " columns, " + columnStart.length + " column starts, " + values.length + " values");
        }
    }

    /** The same matrix in column form (a counting sort of the non-zeros by feature). */
    public static SparseColumnMatrix of(SparseRowMatrix rows) {
        int[] rowStart = rows.rowStart();
        int[] indices = rows.indices();
        double[] vals = rows.values();
        int width = rows.width();
        int[] count = new int[width + 1];
        for (int index : indices) {
            count[index + 1]++;
        }
        int listed = 0;
        for (int j = 0; j < width; j++) {
            if (count[j + 1] > 0) {
                listed++;
            }
        }
        int[] columns = new int[listed];
        int[] columnStart = new int[listed + 1];
        int[] slot = new int[width]; // next free position of each listed feature
        int position = 0;
        int c = 0;
        for (int j = 0; j < width; j++) {
            if (count[j + 1] > 0) {
                columns[c] = j;
                columnStart[c] = position;
                slot[j] = position;
                position += count[j + 1];
                c++;
            }
        }
        columnStart[listed] = position;
        int[] rowIndex = new int[indices.length];
        double[] values = new double[vals.length];
        int n = rows.rows();
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                int p = slot[indices[k]]++;
                rowIndex[p] = i;
                values[p] = vals[k];
            }
        }
        return new SparseColumnMatrix(n, columns, columnStart, rowIndex, values, width);
    }

    /** The same matrix in row form. */
    public SparseRowMatrix toRows() {
        int n = rows;
        int[] rowStart = new int[n + 1];
        for (int r : rowIndex) {
            rowStart[r + 1]++;
        }
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] next = java.util.Arrays.copyOf(rowStart, n);
        int[] indices = new int[values.length];
        double[] vals = new double[values.length];
        for (int c = 0; c < columns.length; c++) {
            for (int k = columnStart[c], end = columnStart[c + 1]; k < end; k++) {
                int p = next[rowIndex[k]]++;
                indices[p] = columns[c];
                vals[p] = values[k];
            }
        }
        return new SparseRowMatrix(rowStart, indices, vals, width);
    }


    @Override
    public long storedValues() {
        return values.length;
    }

    @Override
    public void margins(double[] packed, double[] out) {
        int n = rows;
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int c = 0; c < columns.length; c++) {
            double wj = packed[columns[c]];
            if (wj == 0.0) {
                continue; // adds ±0 to every row: no change
            }
            for (int k = columnStart[c], end = columnStart[c + 1]; k < end; k++) {
                out[rowIndex[k]] += wj * values[k];
            }
        }
        double intercept = packed[packed.length - 1];
        for (int i = 0; i < n; i++) {
            out[i] = intercept + out[i];
        }
    }

    @Override
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        for (int c = 0; c < columns.length; c++) {
            double partial = 0.0;
            for (int k = columnStart[c], end = columnStart[c + 1]; k < end; k++) {
                partial += r[rowIndex[k]] * values[k];
            }
            if (partial != 0.0) {
                CompensatedSum.add(sums, compensations, columns[c], partial);
            }
        }
    }

    /**
     * Outer products need each row's non-zeros together, so this converts to row form first: an
     * allocation per call, acceptable on this path (the Hessian is only formed for narrow models,
     * and wide blocks take the column form).
     */
    @Override
    public void addOuterProducts(double[] v, double[] h, int n) {
        toRows().addOuterProducts(v, h, n);
    }

    /** Per-row quadratic forms need each row's non-zeros together: through the row form, like {@link #addOuterProducts}. */
    @Override
    public void quadraticForms(double[] m, int n, double[] out) {
        toRows().quadraticForms(m, n, out);
    }

    /** Visits the values column by column (ascending features, then ascending rows). */
    @Override
    public void forEachValue(ValueVisitor visitor) {
        for (int c = 0; c < columns.length; c++) {
            int j = columns[c];
            for (int k = columnStart[c], end = columnStart[c + 1]; k < end; k++) {
                visitor.accept(rowIndex[k], j, values[k]);
            }
        }
    }

}
