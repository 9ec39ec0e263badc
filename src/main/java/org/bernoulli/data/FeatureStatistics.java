package org.bernoulli.data;

/**
 * Weighted per-feature statistics of a data set, from one pass.
 *
 * @param rows           number of examples
 * @param weightSum      W = Σ wᵢ
 * @param weightSquareSum Σ wᵢ²
 * @param positiveWeight Σ wᵢ over examples with label 1
 * @param positiveRows   number of examples with label 1
 * @param weightedPositiveRows examples with label 1 and a positive weight
 * @param weightedNegativeRows examples with label 0 and a positive weight
 * @param means          weighted means, one per feature
 * @param stdDevs        weighted (population) standard deviations, one per feature
 * @param min            smallest value of each feature (implicit zeros of sparse rows included)
 * @param max            largest value of each feature (implicit zeros included)
 * @param sums           Σ wᵢxᵢⱼ, one per feature
 * @param positiveSums   Σ wᵢxᵢⱼ over examples with label 1, one per feature
 * @param offsetRows     examples with a non-zero offset (0 when the data has no offsets)
 * @param storedValues   values the blocks store (cells of dense rows, non-zeros of sparse and
 *                       categorical ones): with {@code rows}, how much work a pass does per row
 * @param rowsDigest     the sum, mod 2⁶⁴, of a 64-bit hash of each row's (label, case weight, offset):
 *                       the same for the same rows in any order or partitioning, and different (but for
 *                       a 2⁻⁶⁴ chance) when a label, weight or offset differs — what two fits' likelihoods
 *                       must share to be compared
 */
public record FeatureStatistics(long rows, double weightSum, double weightSquareSum, double positiveWeight,
                                long positiveRows, long weightedPositiveRows, long weightedNegativeRows,
                                double[] means, double[] stdDevs, double[] min, double[] max, double[] sums,
                                double[] positiveSums, long offsetRows, long storedValues, long rowsDigest) {

    public int numFeatures() {
        return means.length;
    }

    /** Whether feature j takes a single value in every example. */
    public boolean isConstant(int j) {
        return min[j] == max[j];
    }

    /**
     * The unbiased weighted standard deviations Spark MLlib standardizes by:
     * σⱼ² = Σ wᵢ(xᵢⱼ − x̄ⱼ)² / (W − Σwᵢ²/W), the population variance times W²/(W² − Σwᵢ²) (n/(n − 1) for
     * unit weights); 0 when there is a single example.
     */
    public double[] sampleStdDevs() {
        double denominator = weightSum * weightSum - weightSquareSum;
        double factor = denominator > 0 ? Math.sqrt(weightSum * weightSum / denominator) : 0.0;
        double[] out = new double[stdDevs.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = stdDevs[j] * factor;
        }
        return out;
    }

    /** Stored values per row, on average. */
    public double storedPerRow() {
        return rows == 0 ? 0.0 : storedValues / (double) rows;
    }

    /** Σ wᵢ over examples with label 0. */
    public double negativeWeight() {
        return weightSum - positiveWeight;
    }
}
