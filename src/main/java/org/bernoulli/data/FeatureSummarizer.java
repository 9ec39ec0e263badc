package org.bernoulli.data;


import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable one-pass summary of blocks: counts, weight sums and per-feature weighted first and
 * second moments and ranges. The feature dimension grows with the widest block seen, so LIBSVM
 * data needs no declared width.
 *
 * <p>The variance is E[x²] − E[x]², which loses digits when a feature's mean is large against its
 * spread; it is used only to scale the optimization (coefficients are mapped back exactly with the
 * same scale), so those digits do not reach the model. Constant features are recognized from the
 * exact range, not from the variance.
 */
public final class FeatureSummarizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private long rows;
    private long positiveRows;
    /** Rows of positive weight, by label: the examples a fit can learn from. */
    private long weightedPositiveRows;
    private long weightedNegativeRows;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedSum positiveWeight = new CompensatedSum();
    private final CompensatedSum weightSquareSum = new CompensatedSum();
    private long offsetRows;
    private double[] sum = new double[0];
    private double[] sumCompensation = new double[0];
    private double[] sumSquares = new double[0];
    private double[] sumSquaresCompensation = new double[0];
    /** Σ wᵢxᵢⱼ over examples with label 1: with {@link #sum}, the gradient at any intercept-only point. */
    private double[] positiveSum = new double[0];
    private double[] positiveSumCompensation = new double[0];
    private double[] min = new double[0];
    private double[] max = new double[0];
    /** Rows in which feature j is stored (for sparse rows, the others hold an implicit zero). */
    private long[] stored = new long[0];
    /** Σ of a 64-bit hash of each row's (label, weight, offset), mod 2⁶⁴: {@link FeatureStatistics#rowsDigest}. */
    private long rowsDigest;
    /** A dense run's plain sums ({@link #addDense}), kept between blocks. */
    private transient double[] runSum;
    private transient double[] runSquares;
    private transient double[] runPositive;

    /** Adds every example of a block. */
    public FeatureSummarizer add(FeatureBlock block) {
        ensureWidth(block.width());
        int n = block.rows();
        for (int i = 0; i < n; i++) {
            double w = block.weight(i);
            rowsDigest += rowHash(block.label(i), w, block.offset(i));
            rows++;
            weightSum.add(w);
            weightSquareSum.add(w * w);
            if (block.offset(i) != 0.0) {
                offsetRows++;
            }
            if (block.label(i) > 0.5) {
                positiveRows++;
                positiveWeight.add(w);
                if (w > 0) {
                    weightedPositiveRows++;
                }
            } else if (w > 0) {
                weightedNegativeRows++;
            }
        }
        if (block.matrix() instanceof SparseColumnMatrix columns) {
            addColumns(block, columns);
            return this;
        }
        if (block.matrix() instanceof DenseMatrix dense) {
            addDense(block, dense);
            return this;
        }
        block.forEachValue((row, j, x) -> {
            double w = block.weight(row);
            CompensatedSum.add(sum, sumCompensation, j, w * x);
            CompensatedSum.add(sumSquares, sumSquaresCompensation, j, w * x * x);
            if (block.label(row) > 0.5) {
                CompensatedSum.add(positiveSum, positiveSumCompensation, j, w * x);
            }
            min[j] = Math.min(min[j], x);
            max[j] = Math.max(max[j], x);
            stored[j]++;
        });
        return this;
    }

    /**
     * A dense block's values row by row, as the dense passes sum them: each row's weight and label
     * read once, the rows taken in runs of at most {@value CompensatedVector#RUN_ROWS} whose sums are
     * plain (a loop the compiler keeps in registers and pipelines), each run's sums then entering the
     * compensated ones — within the runs' bound ({@link CompensatedVector#RUN_ROWS}).
     */
    private void addDense(FeatureBlock block, DenseMatrix dense) {
        int width = dense.width();
        double[] values = dense.values();
        if (runSum == null || runSum.length < width) {
            runSum = new double[width];
            runSquares = new double[width];
            runPositive = new double[width];
        }
        double[] s = runSum;
        double[] s2 = runSquares;
        double[] sp = runPositive;
        for (int start = 0; start < dense.rows(); start += CompensatedVector.RUN_ROWS) {
            int end = Math.min(dense.rows(), start + CompensatedVector.RUN_ROWS);
            for (int i = start, base = start * width; i < end; i++, base += width) {
                double w = block.weight(i);
                boolean positive = block.label(i) > 0.5;
                for (int j = 0; j < width; j++) {
                    double x = values[base + j];
                    double wx = w * x;
                    s[j] += wx;
                    s2[j] += wx * x;
                    if (positive) {
                        sp[j] += wx;
                    }
                    min[j] = Math.min(min[j], x);
                    max[j] = Math.max(max[j], x);
                }
            }
            for (int j = 0; j < width; j++) {
                CompensatedSum.add(sum, sumCompensation, j, s[j]);
                CompensatedSum.add(sumSquares, sumSquaresCompensation, j, s2[j]);
                CompensatedSum.add(positiveSum, positiveSumCompensation, j, sp[j]);
                s[j] = 0.0;
                s2[j] = 0.0;
                sp[j] = 0.0;
            }
        }
        // Every value of a dense row is stored, zeros included.
        for (int j = 0; j < width; j++) {
            stored[j] += dense.rows();
        }
    }

    /**
     * The column layout gives each feature's values of the block together: sum them plainly (a
     * column of a block holds few values) and add one compensated partial per column, touching the
     * d-long arrays in ascending order once per column instead of at random once per value.
     */
    private void addColumns(FeatureBlock block, SparseColumnMatrix matrix) {
        int[] columns = matrix.columns();
        int[] columnStart = matrix.columnStart();
        int[] rowIndex = matrix.rowIndex();
        double[] values = matrix.values();
        double[] weights = block.weights();
        double[] labels = block.labels();
        for (int c = 0; c < columns.length; c++) {
            int j = columns[c];
            double s = 0.0;
            double s2 = 0.0;
            double sp = 0.0;
            double lo = min[j];
            double hi = max[j];
            int start = columnStart[c];
            int end = columnStart[c + 1];
            for (int k = start; k < end; k++) {
                double x = values[k];
                double wx = weights[rowIndex[k]] * x;
                s += wx;
                s2 += wx * x;
                if (labels[rowIndex[k]] > 0.5) {
                    sp += wx;
                }
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            CompensatedSum.add(sum, sumCompensation, j, s);
            CompensatedSum.add(sumSquares, sumSquaresCompensation, j, s2);
            CompensatedSum.add(positiveSum, positiveSumCompensation, j, sp);
            min[j] = lo;
            max[j] = hi;
            stored[j] += end - start;
        }
    }

    /** Adds another summary. */
    public FeatureSummarizer merge(FeatureSummarizer other) {
        ensureWidth(other.sum.length);
        rows += other.rows;
        positiveRows += other.positiveRows;
        weightedPositiveRows += other.weightedPositiveRows;
        weightedNegativeRows += other.weightedNegativeRows;
        weightSum.add(other.weightSum);
        positiveWeight.add(other.positiveWeight);
        weightSquareSum.add(other.weightSquareSum);
        offsetRows += other.offsetRows;
        rowsDigest += other.rowsDigest;
        for (int j = 0; j < other.sum.length; j++) {
            CompensatedSum.add(sum, sumCompensation, j, other.sum[j]);
            sumCompensation[j] += other.sumCompensation[j];
            CompensatedSum.add(sumSquares, sumSquaresCompensation, j, other.sumSquares[j]);
            sumSquaresCompensation[j] += other.sumSquaresCompensation[j];
            CompensatedSum.add(positiveSum, positiveSumCompensation, j, other.positiveSum[j]);
            positiveSumCompensation[j] += other.positiveSumCompensation[j];
            min[j] = Math.min(min[j], other.min[j]);
            max[j] = Math.max(max[j], other.max[j]);
            stored[j] += other.stored[j];
        }
        return this;
    }

    public long rows() {
        return rows;
    }

    /** The largest feature width seen. */
    public int width() {
        return sum.length;
    }

    /**
     * The statistics for {@code numFeatures} features (at least the width seen; features never
     * seen are constant zero).
     */
    public FeatureStatistics result(int numFeatures) {
        if (numFeatures < sum.length) {
            throw new IllegalArgumentException("data uses " + sum.length + " features, more than " + numFeatures);
        }
        double w = weightSum.value();
        double[] means = new double[numFeatures];
        double[] stds = new double[numFeatures];
        double[] lo = new double[numFeatures];
        double[] hi = new double[numFeatures];
        double[] sums = new double[numFeatures];
        double[] positiveSums = new double[numFeatures];
        long storedValues = 0;
        for (int j = 0; j < sum.length; j++) {
            storedValues += stored[j];
            double mean = w > 0 ? (sum[j] + sumCompensation[j]) / w : 0.0;
            double meanSquare = w > 0 ? (sumSquares[j] + sumSquaresCompensation[j]) / w : 0.0;
            means[j] = mean;
            sums[j] = sum[j] + sumCompensation[j];
            positiveSums[j] = positiveSum[j] + positiveSumCompensation[j];
            stds[j] = Math.sqrt(Math.max(0.0, meanSquare - mean * mean));
            boolean hasImplicitZero = stored[j] < rows;
            lo[j] = stored[j] == 0 ? 0.0 : hasImplicitZero ? Math.min(0.0, min[j]) : min[j];
            hi[j] = stored[j] == 0 ? 0.0 : hasImplicitZero ? Math.max(0.0, max[j]) : max[j];
        }
        return new FeatureStatistics(new FeatureStatistics.RowCounts(rows, positiveRows, weightedPositiveRows,
                weightedNegativeRows, offsetRows, storedValues), new FeatureStatistics.WeightSums(w,
                weightSquareSum.value(), positiveWeight.value()), new FeatureStatistics.ColumnMoments(means, stds, lo, hi,
                sums, positiveSums), rowsDigest);
    }

    /**
     * A 64-bit hash of one row's label, case weight and offset (−0 read as 0), by SplitMix64's
     * finalizer: summed over rows it identifies the multiset of rows whatever their order or split.
     */
    static long rowHash(double label, double weight, double offset) {
        long h = mix(Double.doubleToLongBits(label + 0.0) ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ Double.doubleToLongBits(weight + 0.0));
        return mix(h ^ Double.doubleToLongBits(offset + 0.0));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void ensureWidth(int width) {
        if (width <= sum.length) {
            return;
        }
        int old = sum.length;
        sum = Arrays.copyOf(sum, width);
        sumCompensation = Arrays.copyOf(sumCompensation, width);
        sumSquares = Arrays.copyOf(sumSquares, width);
        sumSquaresCompensation = Arrays.copyOf(sumSquaresCompensation, width);
        positiveSum = Arrays.copyOf(positiveSum, width);
        positiveSumCompensation = Arrays.copyOf(positiveSumCompensation, width);
        min = Arrays.copyOf(min, width);
        max = Arrays.copyOf(max, width);
        stored = Arrays.copyOf(stored, width);
        Arrays.fill(min, old, width, Double.POSITIVE_INFINITY);
        Arrays.fill(max, old, width, Double.NEGATIVE_INFINITY);
    }
}
