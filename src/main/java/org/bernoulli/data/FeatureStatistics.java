package org.bernoulli.data;

/**
 * Weighted per-feature statistics of a data set, from one pass.
 *
 * @param counts     how many rows, by kind
 * @param weights    the case weights' sums
 * @param columns    each feature's weighted moments and range
 * @param rowsDigest the sum, mod 2⁶⁴, of a 64-bit hash of each row's (label, case weight, offset):
 *                   the same for the same rows in any order or partitioning, and different (but for a
 *                   2⁻⁶⁴ chance) when a label, weight or offset differs — what two fits' likelihoods must
 *                   share to be compared
 */
public record FeatureStatistics(RowCounts counts, WeightSums weights, ColumnMoments columns, long rowsDigest) {

    /**
     * How many rows, by kind.
     *
     * @param rows                 number of examples
     * @param positiveRows         examples with label 1
     * @param weightedPositiveRows examples with label 1 and a positive weight
     * @param weightedNegativeRows examples with label 0 and a positive weight
     * @param offsetRows           examples with a non-zero offset (0 when the data has no offsets)
     * @param storedValues         values the blocks store (cells of dense rows, non-zeros of sparse and
     *                             categorical ones): with {@code rows}, how much work a pass does per row
     */
    public record RowCounts(long rows, long positiveRows, long weightedPositiveRows, long weightedNegativeRows,
                            long offsetRows, long storedValues) {
    }

    /**
     * The case weights' sums.
     *
     * @param weightSum       W = Σ wᵢ
     * @param weightSquareSum Σ wᵢ²
     * @param positiveWeight  Σ wᵢ over examples with label 1
     */
    public record WeightSums(double weightSum, double weightSquareSum, double positiveWeight) {
    }

    /**
     * Each feature's weighted moments and range, one value per feature.
     *
     * @param means        weighted means
     * @param stdDevs      weighted (population) standard deviations
     * @param min          smallest values (implicit zeros of sparse rows included)
     * @param max          largest values (implicit zeros included)
     * @param sums         Σ wᵢxᵢⱼ
     * @param positiveSums Σ wᵢxᵢⱼ over examples with label 1
     */
    public record ColumnMoments(double[] means, double[] stdDevs, double[] min, double[] max, double[] sums,
                                double[] positiveSums) {
    }

    public long rows() {
        return counts.rows();
    }

    public long positiveRows() {
        return counts.positiveRows();
    }

    public long weightedPositiveRows() {
        return counts.weightedPositiveRows();
    }

    public long weightedNegativeRows() {
        return counts.weightedNegativeRows();
    }

    public long offsetRows() {
        return counts.offsetRows();
    }

    public long storedValues() {
        return counts.storedValues();
    }

    public double weightSum() {
        return weights.weightSum();
    }

    public double weightSquareSum() {
        return weights.weightSquareSum();
    }

    public double positiveWeight() {
        return weights.positiveWeight();
    }

    public double[] means() {
        return columns.means();
    }

    public double[] stdDevs() {
        return columns.stdDevs();
    }

    public double[] min() {
        return columns.min();
    }

    public double[] max() {
        return columns.max();
    }

    public double[] sums() {
        return columns.sums();
    }

    public double[] positiveSums() {
        return columns.positiveSums();
    }

    public int numFeatures() {
        return columns.means().length;
    }

    /** Whether feature j takes a single value in every example. */
    public boolean isConstant(int j) {
        return columns.min()[j] == columns.max()[j];
    }

    /**
     * The unbiased weighted standard deviations Spark MLlib standardizes by:
     * σⱼ² = Σ wᵢ(xᵢⱼ − x̄ⱼ)² / (W − Σwᵢ²/W), the population variance times W²/(W² − Σwᵢ²) (n/(n − 1) for
     * unit weights); 0 when there is a single example.
     */
    public double[] sampleStdDevs() {
        double w = weightSum();
        double denominator = w * w - weightSquareSum();
        double factor = denominator > 0 ? Math.sqrt(w * w / denominator) : 0.0;
        double[] sd = stdDevs();
        double[] out = new double[sd.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = sd[j] * factor;
        }
        return out;
    }

    /** Stored values per row, on average. */
    public double storedPerRow() {
        return rows() == 0 ? 0.0 : storedValues() / (double) rows();
    }

    /** Σ wᵢ over examples with label 0. */
    public double negativeWeight() {
        return weightSum() - positiveWeight();
    }
}
