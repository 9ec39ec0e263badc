package org.bernoulli.train;

/** Whether a fit is followed by maximum-likelihood inference ({@code STATS}). */
public enum StatsMode {
    /** On up to {@value #AUTO_MAX_FEATURES} features, off beyond. */
    AUTO,
    ON,
    OFF;

    /**
     * Widest model for which auto computes the summary: the information pass costs O(nnz²) per row
     * and the inversion O(d³) on the driver, (d+1)² doubles of memory — about 32 MiB here.
     */
    public static final int AUTO_MAX_FEATURES = 2048;

    public boolean enabled(int numFeatures) {
        return this == ON || (this == AUTO && numFeatures <= AUTO_MAX_FEATURES);
    }
}
