package org.bernoulli.data;

import java.io.Serializable;

/**
 * A running sum with an error term (Knuth's TwoSum, the branch-free form of Kahan–Neumaier
 * summation): the represented value is {@code sum + compensation}, and the rounding error of
 * every addition is kept in the compensation instead of being lost. The result is accurate to
 * about one rounding of the exact total whatever the order or grouping of the terms, which is
 * what makes distributed sums barely depend on how the data is partitioned.
 *
 * <p>The static methods work on parallel arrays so that gradient sums can be compensated per
 * coordinate without an object per coordinate.
 */
public final class CompensatedSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double sum;
    private double compensation;

    /** Adds {@code x}. */
    public void add(double x) {
        double s = sum + x;
        double bp = s - sum;
        compensation += (sum - (s - bp)) + (x - bp);
        sum = s;
    }

    /** Adds another compensated sum, error terms included. */
    public void add(CompensatedSum other) {
        add(other.sum);
        compensation += other.compensation;
    }

    /** The compensated total. */
    public double value() {
        return sum + compensation;
    }

    /** Adds {@code x} to element {@code i} of the compensated array pair {@code (sums, compensations)}. */
    public static void add(double[] sums, double[] compensations, int i, double x) {
        double a = sums[i];
        double s = a + x;
        double bp = s - a;
        compensations[i] += (a - (s - bp)) + (x - bp);
        sums[i] = s;
    }

    /** Merges the pair {@code (otherSums, otherCompensations)} into {@code (sums, compensations)}. */
    public static void merge(double[] sums, double[] compensations, double[] otherSums, double[] otherCompensations) {
        for (int i = 0; i < sums.length; i++) {
            add(sums, compensations, i, otherSums[i]);
            compensations[i] += otherCompensations[i];
        }
    }

    /** The compensated totals of an array pair, as a new array. */
    public static double[] values(double[] sums, double[] compensations) {
        double[] out = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            out[i] = sums[i] + compensations[i];
        }
        return out;
    }
}
