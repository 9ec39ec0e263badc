package org.bernoulli.data;

/**
 * Weighted per-feature statistics of a data set, from one pass.
 *
 * @param rows           number of examples
 * @param weightSum      W = Σ wᵢ
 * @param positiveWeight Σ wᵢ over examples with label 1
 * @param positiveRows   number of examples with label 1
 * @param means          weighted means, one per feature
 * @param stdDevs        weighted (population) standard deviations, one per feature
 * @param min            smallest value of each feature (implicit zeros of sparse rows included)
 * @param max            largest value of each feature (implicit zeros included)
 * @param sums           Σ wᵢxᵢⱼ, one per feature
 * @param positiveSums   Σ wᵢxᵢⱼ over examples with label 1, one per feature
 */
public record FeatureStatistics(long rows, double weightSum, double positiveWeight, long positiveRows,
                                double[] means, double[] stdDevs, double[] min, double[] max, double[] sums,
                                double[] positiveSums) {

    public int numFeatures() {
        return means.length;
    }

    /** Whether feature j takes a single value in every example. */
    public boolean isConstant(int j) {
        return min[j] == max[j];
    }

    /** Σ wᵢ over examples with label 0. */
    public double negativeWeight() {
        return weightSum - positiveWeight;
    }
}
