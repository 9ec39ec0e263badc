package org.bernoulli.math;

/**
 * Virtual standardization: the optimizer works on standardized features x̃ⱼ = (xⱼ − cⱼ)/sⱼ while the
 * data stays as it is (sparse data stays sparse). A standardized parameter vector
 * θ̃ = (β₀, …, β_{d−1}, b̃) maps to the raw one θ = (w, b) by
 *
 * <pre>
 *   wⱼ = βⱼ / sⱼ,        b = b̃ − Σⱼ wⱼ cⱼ
 * </pre>
 *
 * and by the chain rule a raw gradient (Gⱼ, R) maps to ∂/∂βⱼ = (Gⱼ − cⱼ R)/sⱼ, ∂/∂b̃ = R.
 * Both maps cost O(d) on the driver, so the pass over the data is always on the raw scale.
 * Features whose every value is equal are {@linkplain #isFixed fixed}: their coefficient stays 0
 * (the intercept absorbs them), as Spark MLlib does.
 *
 * @param centers cⱼ, the weighted means
 * @param scales  sⱼ > 0, the weighted standard deviations (1 for fixed features)
 * @param fixed   features held at coefficient 0
 */
public record FeatureScaling(double[] centers, double[] scales, boolean[] fixed) {

    public FeatureScaling {
        if (centers.length != scales.length || fixed.length != scales.length) {
            throw new IllegalArgumentException("scaling arrays differ in length");
        }
        for (int j = 0; j < scales.length; j++) {
            if (!(scales[j] > 0) || !Double.isFinite(scales[j]) || !Double.isFinite(centers[j])) {
                throw new IllegalArgumentException("feature " + j + ": scale must be positive and finite, got "
                        + scales[j] + " (center " + centers[j] + ")");
            }
        }
    }

    /**
     * Scaling from per-feature means, standard deviations and ranges, for an L2 penalty λ on the
     * raw coefficients. The curvature of the objective along a raw coefficient wⱼ is at most
     * ¼·sdⱼ² (from the data, since σ'(z) ≤ ¼) plus λ (from the penalty); the scale
     * sⱼ = √(sdⱼ² + 4λ) makes that bound the same, ¼, for every standardized coordinate — plain
     * standardization when λ = 0, and a diagonal preconditioner when the penalty dominates a
     * feature of small spread. A feature with min == max is fixed; one whose computed standard
     * deviation rounded to 0 while its range is not empty uses half its range instead.
     */
    public static FeatureScaling of(double[] means, double[] stdDevs, double[] min, double[] max, double l2) {
        double[] perFeature = new double[means.length];
        java.util.Arrays.fill(perFeature, l2);
        return of(means, stdDevs, min, max, perFeature);
    }

    /**
     * As {@link #of(double[], double[], double[], double[], double)}, with an L2 curvature aⱼ of its
     * own for each raw coefficient: sⱼ = √(sdⱼ² + 4aⱼ).
     */
    public static FeatureScaling of(double[] means, double[] stdDevs, double[] min, double[] max, double[] l2) {
        int d = means.length;
        double[] centers = new double[d];
        double[] scales = new double[d];
        boolean[] fixed = new boolean[d];
        for (int j = 0; j < d; j++) {
            if (min[j] == max[j]) {
                fixed[j] = true;
                centers[j] = 0.0;
                scales[j] = 1.0;
            } else {
                centers[j] = means[j];
                double spread = stdDevs[j] > 0 ? stdDevs[j] : (max[j] - min[j]) / 2;
                scales[j] = Math.sqrt(spread * spread + 4 * l2[j]);
            }
        }
        return new FeatureScaling(centers, scales, fixed);
    }

    /** No scaling at all (centers 0, scales 1, nothing fixed). */
    public static FeatureScaling identity(int numFeatures) {
        double[] ones = new double[numFeatures];
        java.util.Arrays.fill(ones, 1.0);
        return new FeatureScaling(new double[numFeatures], ones, new boolean[numFeatures]);
    }

    public int numFeatures() {
        return scales.length;
    }

    public boolean isFixed(int j) {
        return fixed[j];
    }

    /** θ̃ (standardized, intercept last) → θ (raw, intercept last). */
    public double[] toRaw(double[] standardized) {
        int d = scales.length;
        double[] raw = new double[d + 1];
        double shift = 0.0;
        for (int j = 0; j < d; j++) {
            raw[j] = fixed[j] ? 0.0 : standardized[j] / scales[j];
            shift += raw[j] * centers[j];
        }
        raw[d] = standardized[d] - shift;
        return raw;
    }

    /** θ (raw) → θ̃ (standardized); the inverse of {@link #toRaw} on non-fixed coordinates. */
    public double[] toStandardized(double[] raw) {
        int d = scales.length;
        double[] standardized = new double[d + 1];
        double shift = 0.0;
        for (int j = 0; j < d; j++) {
            standardized[j] = fixed[j] ? 0.0 : raw[j] * scales[j];
            shift += (fixed[j] ? 0.0 : raw[j]) * centers[j];
        }
        standardized[d] = raw[d] + shift;
        return standardized;
    }

    /** A raw-scale gradient (G, R) → the gradient with respect to θ̃ (0 on fixed features). */
    public double[] gradientToStandardized(double[] rawGradient) {
        int d = scales.length;
        double r = rawGradient[d];
        double[] g = new double[d + 1];
        for (int j = 0; j < d; j++) {
            g[j] = fixed[j] ? 0.0 : (rawGradient[j] - centers[j] * r) / scales[j];
        }
        g[d] = r;
        return g;
    }

    /**
     * The same scaling with the features flagged in {@code exclude} also fixed (held at coefficient
     * 0), for example columns aliased with others.
     */
    public FeatureScaling withFixed(boolean[] exclude) {
        if (exclude.length != scales.length) {
            throw new IllegalArgumentException("exclusion flags for " + exclude.length + " features, scaling has "
                    + scales.length);
        }
        double[] c = centers.clone();
        double[] s = scales.clone();
        boolean[] f = fixed.clone();
        for (int j = 0; j < f.length; j++) {
            if (exclude[j] && !f[j]) {
                f[j] = true;
                c[j] = 0.0;
                s[j] = 1.0;
            }
        }
        return new FeatureScaling(c, s, f);
    }

    /**
     * A symmetric matrix of second derivatives in the raw parameters θ (n×n row-major, n = d + 1,
     * intercept last) expressed in the standardized ones: with θ = A·θ̃ (the linear map of
     * {@link #toRaw}), Aᵀ·H·A. Entry by entry, for features j, k and the intercept b:
     * (Hⱼₖ − cⱼHₖb − cₖHⱼb + cⱼcₖHbb)/(sⱼsₖ), (Hⱼb − cⱼHbb)/sⱼ and Hbb. Fixed features get a unit
     * diagonal and zeros elsewhere (their coordinate never moves).
     */
    public double[] matrixToStandardized(double[] h) {
        int d = scales.length;
        int n = d + 1;
        double hbb = h[d * n + d];
        double[] out = new double[n * n];
        for (int j = 0; j < d; j++) {
            if (fixed[j]) {
                out[j * n + j] = 1.0;
                continue;
            }
            double hjb = h[j * n + d];
            for (int k = j; k < d; k++) {
                if (fixed[k]) {
                    continue;
                }
                double hkb = h[k * n + d];
                double v = (h[j * n + k] - centers[j] * hkb - centers[k] * hjb + centers[j] * centers[k] * hbb)
                        / (scales[j] * scales[k]);
                out[j * n + k] = v;
                out[k * n + j] = v;
            }
            double vb = (hjb - centers[j] * hbb) / scales[j];
            out[j * n + d] = vb;
            out[d * n + j] = vb;
        }
        out[d * n + d] = hbb;
        return out;
    }

    /**
     * A covariance (or any matrix transforming like one) in the standardized parameters mapped to
     * the raw ones: A·M·Aᵀ, n×n row-major, intercept last. Fixed features get zero rows and columns.
     */
    public double[] covarianceToRaw(double[] m) {
        int d = scales.length;
        int n = d + 1;
        // T = A·M: a feature row of A has the single entry 1/sⱼ; the intercept row is (−c/s, 1).
        double[] t = new double[n * n];
        for (int j = 0; j < d; j++) {
            if (fixed[j]) {
                continue;
            }
            for (int q = 0; q < n; q++) {
                t[j * n + q] = m[j * n + q] / scales[j];
            }
        }
        for (int q = 0; q < n; q++) {
            double v = m[d * n + q];
            for (int j = 0; j < d; j++) {
                if (!fixed[j]) {
                    v -= centers[j] / scales[j] * m[j * n + q];
                }
            }
            t[d * n + q] = v;
        }
        // (T·Aᵀ)[r][q] = Σ_b T[r][b]·A[q][b].
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            double interceptColumn = t[r * n + d];
            for (int j = 0; j < d; j++) {
                if (fixed[j]) {
                    continue;
                }
                out[r * n + j] = t[r * n + j] / scales[j];
                interceptColumn -= centers[j] / scales[j] * t[r * n + j];
            }
            out[r * n + d] = interceptColumn;
        }
        return out;
    }
}
