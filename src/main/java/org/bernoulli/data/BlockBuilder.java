package org.bernoulli.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Packs rows into {@link FeatureBlock}s of at most {@code maxRows} rows, each block's matrix stored
 * dense when at least {@link #DENSE_FILL} of its cells are non-zero, otherwise as compressed sparse
 * rows — or, from {@link #COLUMN_LAYOUT_MIN_WIDTH} features on, as compressed sparse columns; a
 * block keeps its offsets when any is non-zero, and its rows' clusters when they have them.
 */
public final class BlockBuilder implements RowSink {

    /** Default number of rows per block: large enough for tight loops, small enough for cache. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;

    /**
     * Fill ratio from which a block is stored densely. A CSR entry costs 12 bytes (index and value)
     * against 8 for a dense cell, and the dense loop is faster, so dense wins from about half full.
     */
    public static final double DENSE_FILL = 0.5;

    /**
     * Width from which a sparse block is stored by columns ({@link SparseColumnMatrix}): from here
     * on the d-long coefficient and compensated gradient arrays (24 bytes per feature) no longer fit
     * in a core's private cache, and the row layout's random access into them dominates a pass.
     */
    public static final int COLUMN_LAYOUT_MIN_WIDTH = 8192;

    /**
     * Default rows per block of the column layout. A column of a wide block holds few non-zeros
     * (about rows × non-zeros per row / d), and walking a column costs a loop start, so longer
     * columns pay: measured on 100,000 features with 50 non-zeros per row, a pass over 65,536-row
     * blocks took about half the time of one over 4,096-row blocks. The margin scratch array of such
     * a block (512 KiB) still fits in a core's private cache.
     */
    public static final int DEFAULT_COLUMN_BLOCK_ROWS = 65536;

    private final int maxRows;
    private final int maxColumnBlockRows;
    /** Column ranges [start, end) of categorical terms (at most one non-zero per row), or null. */
    private final int[][] categorical;
    private double[] labels;
    private double[] weights;
    private double[] offsets;
    private boolean anyOffset;
    private int[] clusterOf;
    private LinkedHashMap<String, Integer> clusterKeys;
    private int[] rowStart;
    private int[] indices;
    private double[] values;
    private int rows;
    private int nnz;
    private int width;
    /** Whether every row of the block came whole ({@link RowSink}), kept in {@link #staged}. */
    private boolean denseRows;
    /** The values of the whole rows, {@link #stride} per row. */
    private double[] staged = new double[0];
    private int stride;
    private int[] scratchIndices = new int[0];
    private double[] scratchValues = new double[0];

    /** A builder whose blocks of every layout hold at most {@code maxRows} rows. */
    public BlockBuilder(int maxRows) {
        this(maxRows, maxRows);
    }

    /**
     * @param maxRows            rows per dense or row-sparse block
     * @param maxColumnBlockRows rows per block once the data is wide enough for the column layout
     */
    public BlockBuilder(int maxRows, int maxColumnBlockRows) {
        this(maxRows, maxColumnBlockRows, null);
    }

    /**
     * A builder whose blocks store the given categorical terms as one level per row
     * ({@link SplitMatrix}), whatever their density.
     *
     * @param categorical column ranges [start, end) of terms with at most one non-zero per row; null or
     *                    empty for the layouts by density
     */
    public BlockBuilder(int maxRows, int maxColumnBlockRows, int[][] categorical) {
        this.categorical = categorical == null || categorical.length == 0 ? null : categorical.clone();
        if (maxRows < 1 || maxColumnBlockRows < 1) {
            throw new IllegalArgumentException("rows per block must be at least 1, got " + maxRows + " and "
                    + maxColumnBlockRows);
        }
        this.maxRows = maxRows;
        this.maxColumnBlockRows = maxColumnBlockRows;
        reset();
    }

    /**
     * Starts a new block. The arrays grown for the last one are kept ({@link #build} copies what a block
     * holds out of them), so a builder making many blocks grows them once, not once per block.
     */
    private void reset() {
        if (labels == null) {
            int capacity = Math.min(Math.max(maxRows, maxColumnBlockRows), 256);
            labels = new double[capacity];
            weights = new double[capacity];
            offsets = new double[capacity];
            rowStart = new int[capacity + 1];
            indices = new int[Math.max(16, capacity * 8)];
            values = new double[indices.length];
        }
        anyOffset = false;
        denseRows = false;
        clusterOf = null;
        clusterKeys = null;
        rows = 0;
        nnz = 0;
        width = 0;
    }

    /** Whether the current block has reached its row limit and should be taken with {@link #build()}. */
    public boolean isFull() {
        return rows >= (width >= COLUMN_LAYOUT_MIN_WIDTH && categorical == null ? maxColumnBlockRows : maxRows);
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Appends a row to the current block. */
    public void add(LabeledRow row) {
        add(row.label(), row.weight(), row.offset(), row.indices(), row.values(), row.indices().length, row.cluster());
    }

    /** Appends a row without a cluster given by its non-zeros (indices ascending). */
    public void add(double label, double weight, double offset, int[] rowIndices, double[] rowValues, int k) {
        add(label, weight, offset, rowIndices, rowValues, k, null);
    }

    /**
     * Appends a row without a cluster given by all its feature values, zeros included, as a
     * {@link RowSink}: kept row after row as they come while every row of the block comes so, with the
     * same count, and made the block's dense matrix directly — or its sparse one, as rows given by their
     * non-zeros would have made it, when the block turns out sparse or a row comes otherwise.
     */
    @Override
    public void add(double label, double weight, double offset, double[] rowValues, int count) {
        if (categorical != null || (rows > 0 && (!denseRows || count != stride))) {
            toSparse();
            if (scratchIndices.length < count) {
                scratchIndices = new int[count];
                scratchValues = new double[count];
            }
            int k = 0;
            for (int j = 0; j < count; j++) {
                if (rowValues[j] != 0.0) {
                    scratchIndices[k] = j;
                    scratchValues[k++] = rowValues[j];
                }
            }
            add(label, weight, offset, scratchIndices, scratchValues, k, null);
            return;
        }
        if (rows == 0) {
            denseRows = true;
            stride = count;
        }
        growRows();
        if ((rows + 1) * count > staged.length) {
            staged = Arrays.copyOf(staged, Math.max((rows + 1) * count, staged.length * 2));
        }
        int base = rows * count;
        int last = -1;
        for (int j = 0; j < count; j++) {
            double v = rowValues[j];
            if (v != 0.0) {
                staged[base + j] = v;
                nnz++;
                last = j;
            } else {
                staged[base + j] = 0.0; // −0.0 too: a zero is not stored, as in the sparse layout
            }
        }
        labels[rows] = label;
        weights[rows] = weight;
        offsets[rows] = offset;
        anyOffset |= offset != 0.0;
        addCluster(null);
        rows++;
        width = Math.max(width, last + 1);
    }

    /** The rows kept whole so far moved into the sparse rows, for a block that is not all whole rows. */
    private void toSparse() {
        if (!denseRows) {
            return;
        }
        denseRows = false;
        int kept = rows;
        int stored = nnz;
        if (stored > indices.length) {
            indices = new int[Math.max(stored, indices.length * 2)];
            values = new double[indices.length];
        }
        int at = 0;
        for (int i = 0; i < kept; i++) {
            int base = i * stride;
            for (int j = 0; j < stride; j++) {
                if (staged[base + j] != 0.0) {
                    indices[at] = j;
                    values[at++] = staged[base + j];
                }
            }
            rowStart[i + 1] = at;
        }
    }

    private void growRows() {
        if (rows == labels.length) {
            int capacity = Math.min(Math.max(maxRows, maxColumnBlockRows), rows * 2);
            labels = Arrays.copyOf(labels, capacity);
            weights = Arrays.copyOf(weights, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            rowStart = Arrays.copyOf(rowStart, capacity + 1);
        }
    }

    private void add(double label, double weight, double offset, int[] rowIndices, double[] rowValues, int k,
                     String cluster) {
        toSparse();
        growRows();
        if (nnz + k > indices.length) {
            int capacity = Math.max(nnz + k, indices.length * 2);
            indices = Arrays.copyOf(indices, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        // A row's few non-zeros: a plain loop, which the compiler unrolls, costs less than two array copies.
        for (int t = 0; t < k; t++) {
            indices[nnz + t] = rowIndices[t];
            values[nnz + t] = rowValues[t];
        }
        labels[rows] = label;
        weights[rows] = weight;
        offsets[rows] = offset;
        anyOffset |= offset != 0.0;
        addCluster(cluster);
        nnz += k;
        rows++;
        rowStart[rows] = nnz;
        width = Math.max(width, k == 0 ? 0 : rowIndices[k - 1] + 1);
    }

    /** Keeps the row's cluster; a block's rows all have one or none do. */
    private void addCluster(String key) {
        if (rows == 0 && key != null) {
            clusterKeys = new LinkedHashMap<>();
            clusterOf = new int[labels.length];
        }
        if ((key == null) != (clusterKeys == null)) {
            throw new IllegalStateException("rows with and without a cluster in one block");
        }
        if (key != null) {
            if (clusterOf.length < labels.length) {
                clusterOf = Arrays.copyOf(clusterOf, labels.length);
            }
            Integer at = clusterKeys.putIfAbsent(key, clusterKeys.size());
            clusterOf[rows] = at == null ? clusterKeys.size() - 1 : at;
        }
    }

    /** Takes the current block (dense or sparse by fill) and starts a new one. */
    public FeatureBlock build() {
        double[] l = Arrays.copyOf(labels, rows);
        double[] w = Arrays.copyOf(weights, rows);
        FeatureMatrix matrix;
        boolean filled = width > 0 && nnz >= DENSE_FILL * rows * (double) width;
        if (denseRows && !filled) {
            toSparse(); // whole rows of mostly zeros: the sparse layout, as their non-zeros would have made
        }
        if (denseRows) {
            double[] dense = new double[rows * width];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(staged, i * stride, dense, i * width, width);
            }
            matrix = new DenseMatrix(rows, width, dense);
        } else if (categorical != null) {
            matrix = SplitMatrix.of(new SparseRowMatrix(Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(indices, nnz),
                    Arrays.copyOf(values, nnz), width), categorical);
        } else if (filled) {
            double[] dense = new double[rows * width];
            for (int i = 0; i < rows; i++) {
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    dense[i * width + indices[k]] = values[k];
                }
            }
            matrix = new DenseMatrix(rows, width, dense);
        } else {
            SparseRowMatrix sparse = new SparseRowMatrix(Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(indices, nnz),
                    Arrays.copyOf(values, nnz), width);
            matrix = width >= COLUMN_LAYOUT_MIN_WIDTH ? SparseColumnMatrix.of(sparse) : sparse;
        }
        ClusterKeys clusters = clusterKeys == null ? null
                : new ClusterKeys(clusterKeys.keySet().toArray(new String[0]), Arrays.copyOf(clusterOf, rows));
        FeatureBlock block = new FeatureBlock(l, w, anyOffset ? Arrays.copyOf(offsets, rows) : null, matrix, clusters);
        reset();
        return block;
    }

    /** Packs all rows of an iterator into blocks, lazily, one block at a time. */
    public static Iterator<FeatureBlock> blocks(Iterator<LabeledRow> rows, int maxRows) {
        return blocks(rows, new BlockBuilder(maxRows));
    }

    /** Packs all rows of an iterator into blocks with the default sizes of each layout. */
    public static Iterator<FeatureBlock> blocks(Iterator<LabeledRow> rows) {
        return blocks(rows, new BlockBuilder(DEFAULT_BLOCK_ROWS, DEFAULT_COLUMN_BLOCK_ROWS));
    }

    /** Packs rows into blocks whose categorical terms are stored one level per row ({@link SplitMatrix}). */
    public static Iterator<FeatureBlock> blocks(Iterator<LabeledRow> rows, int[][] categorical) {
        return blocks(rows, new BlockBuilder(DEFAULT_BLOCK_ROWS, DEFAULT_COLUMN_BLOCK_ROWS, categorical));
    }

    private static Iterator<FeatureBlock> blocks(Iterator<LabeledRow> rows, BlockBuilder builder) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public FeatureBlock next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                while (rows.hasNext() && !builder.isFull()) {
                    builder.add(rows.next());
                }
                return builder.build();
            }
        };
    }

    /** Packs a list of rows into blocks (for in-memory use and tests). */
    public static List<FeatureBlock> blocks(List<LabeledRow> rows, int maxRows) {
        List<FeatureBlock> out = new ArrayList<>();
        blocks(rows.iterator(), maxRows).forEachRemaining(out::add);
        return out;
    }
}
