package org.bernoulli.math;

/**
 * The class probabilities of a model of K classes from its margins, stably: with η₀ = 0 for the
 * reference class and ηₖ for the others, pₖ = exp(ηₖ − M) / Σₗ exp(ηₗ − M), M = maxₗ ηₗ — no
 * exponential overflows, the largest term is exactly 1, and the probabilities sum to 1 within a few
 * roundings. The one place scoring turns margins into probabilities; {@link StrictMath#exp}, which
 * Spark's {@code exp} is, so that scores computed here and by a Spark expression in the same order
 * agree to the bit.
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Writes the K probabilities of the margins {@code eta[0..K−2]} of the non-reference classes into
     * {@code out[0..K−1]} (the reference class first).
     */
    public static void probabilities(double[] eta, double[] out) {
        int m = out.length - 1;
        double max = 0.0;
        for (int k = 0; k < m; k++) {
            max = Math.max(max, eta[k]);
        }
        double reference = StrictMath.exp(-max);
        double total = reference;
        for (int k = 0; k < m; k++) {
            out[k + 1] = StrictMath.exp(eta[k] - max);
            total += out[k + 1];
        }
        out[0] = reference / total;
        for (int k = 1; k <= m; k++) {
            out[k] /= total;
        }
    }

    /** The index of the most probable class (the first of equals), from the margins of the non-reference classes. */
    public static int mostProbable(double[] eta, int classes) {
        int best = 0;
        double max = 0.0;
        for (int k = 0; k < classes - 1; k++) {
            if (eta[k] > max) {
                max = eta[k];
                best = k + 1;
            }
        }
        return best;
    }
}
