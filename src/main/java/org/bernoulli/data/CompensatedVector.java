package org.bernoulli.data;

import java.io.Serializable;

/**
 * A vector of compensated sums, one per coordinate ({@link CompensatedSum}'s TwoSum on parallel
 * arrays, no object per coordinate): the gradient-like sums of the aggregators. The arrays are
 * allocated on first use, so that an empty vector — inside the zero value shipped with every task —
 * serializes to a few bytes instead of 16·n, which matters for wide data.
 */
public final class CompensatedVector implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Rows whose terms the fused dense passes sum plainly before the sums enter the compensated ones
     * ({@link #addRun}): within a run, plain summation of k ≤ {@value} terms errs by at most
     * (k − 1)·u·Σ|terms| (u = 2⁻⁵³), about 7·10⁻¹⁵ of the run's Σ|terms|; the compensated sums across
     * runs add about u of the total.
     */
    public static final int RUN_ROWS = 64;

    private final int length;
    private double[] sums;
    private double[] compensations;

    public CompensatedVector(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("a vector of " + length + " sums");
        }
        this.length = length;
    }

    private void allocate() {
        if (sums == null) {
            sums = new double[length];
            compensations = new double[length];
        }
    }

    /** Adds {@code x} to coordinate {@code i}. */
    public void add(int i, double x) {
        allocate();
        CompensatedSum.add(sums, compensations, i, x);
    }

    /**
     * The running sums, for a matrix product to add into with {@link #compensations()} (for
     * example {@link FeatureMatrix#addTransposed}); allocated when needed.
     */
    public double[] sums() {
        allocate();
        return sums;
    }

    /** The error terms paired with {@link #sums()}. */
    public double[] compensations() {
        allocate();
        return compensations;
    }

    /**
     * Adds a run's plain partial sums — {@code run[0, width)} and the last coordinate's, the
     * intercept's — and clears them for the next run: how the fused dense passes let a run of rows
     * add plainly and enter the compensated sums once per run.
     */
    public void addRun(double[] run, int width) {
        allocate();
        int last = length - 1;
        for (int k = 0; k < width; k++) {
            CompensatedSum.add(sums, compensations, k, run[k]);
            run[k] = 0.0;
        }
        CompensatedSum.add(sums, compensations, last, run[last]);
        run[last] = 0.0;
    }

    /** Adds another vector's sums, error terms included. */
    public void merge(CompensatedVector other) {
        if (other.length != length) {
            throw new IllegalArgumentException("cannot merge " + other.length + " sums into " + length);
        }
        if (other.sums != null) {
            allocate();
            CompensatedSum.merge(sums, compensations, other.sums, other.compensations);
        }
    }

    /** The compensated totals, as a new array (zeros when nothing was added). */
    public double[] values() {
        return sums == null ? new double[length] : CompensatedSum.values(sums, compensations);
    }
}
