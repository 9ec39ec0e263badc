package org.bernoulli.math;

/**
 * A separable penalty on the raw coefficients, ½ Σⱼ aⱼwⱼ² + Σⱼ cⱼ|wⱼ|, the intercept unpenalized.
 *
 * <p>Spark MLlib's elastic net λ·((1−α)/2‖v‖² + α‖v‖₁) is this with aⱼ = λ(1−α), cⱼ = λα when it
 * penalizes the raw coefficients (v = w, standardization off), and aⱼ = λ(1−α)σⱼ², cⱼ = λασⱼ when
 * it penalizes the coefficients of the standardized features (vⱼ = wⱼσⱼ, standardization on; σⱼ
 * the feature's unbiased standard deviation, a constant feature unpenalized).
 *
 * @param l2 aⱼ ≥ 0, one per feature
 * @param l1 cⱼ ≥ 0, one per feature
 */
public record ElasticNetPenalty(double[] l2, double[] l1) {

    public ElasticNetPenalty {
        if (l2.length != l1.length) {
            throw new IllegalArgumentException("penalty weights differ in length");
        }
    }

    /**
     * MLlib's elastic net.
     *
     * @param regParam        λ ≥ 0
     * @param alpha           α ∈ [0, 1]
     * @param standardization whether the penalty applies to the standardized coefficients
     * @param stdDevs         σⱼ, used when standardization is on
     */
    public static ElasticNetPenalty of(double regParam, double alpha, boolean standardization, double[] stdDevs) {
        int d = stdDevs.length;
        double[] a = new double[d];
        double[] c = new double[d];
        for (int j = 0; j < d; j++) {
            double scale = standardization ? stdDevs[j] : 1.0;
            a[j] = regParam * (1 - alpha) * scale * scale;
            c[j] = regParam * alpha * scale;
        }
        return new ElasticNetPenalty(a, c);
    }

    public boolean hasL1() {
        for (double c : l1) {
            if (c > 0) {
                return true;
            }
        }
        return false;
    }

    /** ½ Σ aⱼwⱼ² + Σ cⱼ|wⱼ| at the raw coefficients (intercept, if present at index d, ignored). */
    public double value(double[] raw) {
        double v = 0;
        for (int j = 0; j < l2.length; j++) {
            v += 0.5 * l2[j] * raw[j] * raw[j] + l1[j] * Math.abs(raw[j]);
        }
        return v;
    }
}
