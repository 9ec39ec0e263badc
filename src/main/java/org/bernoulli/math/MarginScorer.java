package org.bernoulli.math;

import org.bernoulli.data.FeatureSink;

import java.io.Serializable;

/**
 * The margin of one row and its standard error, as every scoring path computes them: z = b +
 * Σⱼ wⱼxⱼ (+ offset), summed from the intercept over the row's non-zeros in the order they are read
 * (a parser hands them over as a {@link FeatureSink}, no feature vector is built); and, given
 * I⁻¹ in packed order (features, then intercept; (d+1)² values), the Wald standard error
 * √(x̃ᵀ I⁻¹ x̃) with x̃ = (x, 1), summed over the row's non-zeros only — O(nnz²), exact zeros
 * contributing nothing. A scorer keeps the row it is reading: one per thread, {@link #start()}
 * before each row; it allocates nothing per row.
 */
public final class MarginScorer implements FeatureSink, Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] coefficients;
    private final double intercept;
    /** I⁻¹ in packed order, or null without standard errors. */
    private final double[] covariance;
    private transient double margin;
    /** The row's values by feature (with a covariance), and which of them are set, in the order first read. */
    private transient double[] row;
    private transient int[] touched;
    private transient int touchedCount;

    /**
     * @param coefficients w, shared (not copied): the scorer never writes it
     * @param covariance   I⁻¹ in packed order for standard errors, or null
     */
    public MarginScorer(double[] coefficients, double intercept, double[] covariance) {
        int n = coefficients.length + 1;
        if (covariance != null && covariance.length != n * n) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " values; " + n + "×" + n
                    + " expected for " + coefficients.length + " features and the intercept");
        }
        this.coefficients = coefficients;
        this.intercept = intercept;
        this.covariance = covariance;
        this.margin = intercept;
    }

    /** Begins a row: the margin is the intercept, no feature read yet. */
    public void start() {
        margin = intercept;
        if (covariance != null) {
            if (row == null) {
                row = new double[coefficients.length];
                touched = new int[coefficients.length];
            }
            for (int k = 0; k < touchedCount; k++) {
                row[touched[k]] = 0.0;
            }
            touchedCount = 0;
        }
    }

    /** Adds wⱼxⱼ for feature {@code index}; a feature read twice adds twice. */
    @Override
    public void accept(int index, double value) {
        margin += coefficients[index] * value;
        if (covariance != null && value != 0.0) {
            if (row[index] == 0.0) {
                touched[touchedCount++] = index;
            }
            row[index] += value;
        }
    }

    /** Adds a fixed term (an offset) to the margin; it carries no uncertainty. */
    public void addOffset(double offset) {
        margin += offset;
    }

    /** The margin of the row read since {@link #start()}. */
    public double margin() {
        return margin;
    }

    /** The margin of a whole dense row {@code x}, summed in feature order. */
    public double margin(double[] x) {
        start();
        for (int j = 0; j < x.length; j++) {
            accept(j, x[j]);
        }
        return margin;
    }

    public boolean withStandardErrors() {
        return covariance != null;
    }

    /** The standard error of the row's margin, √(x̃ᵀ I⁻¹ x̃), over its non-zeros (with a covariance only). */
    public double standardError() {
        if (covariance == null) {
            throw new IllegalStateException("standard errors need the coefficients' covariance");
        }
        int n = coefficients.length + 1;
        int d = n - 1;
        double q = covariance[d * n + d];
        for (int a = 0; a < touchedCount; a++) {
            int j = touched[a];
            double t = 2 * covariance[j * n + d];
            for (int b = 0; b < touchedCount; b++) {
                t += covariance[j * n + touched[b]] * row[touched[b]];
            }
            q += row[j] * t;
        }
        return Math.sqrt(Math.max(q, 0.0));
    }

    public int numFeatures() {
        return coefficients.length;
    }
}
