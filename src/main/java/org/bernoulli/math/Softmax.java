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

    /**
     * Writes log pₖ for every class (the reference first) into {@code out}: ηₖ − logΣexp(η), the sum
     * taken from the largest margin M as M + log1p(Σ_{l ≠ argmax} exp(ηₗ − M)), so that the most
     * probable class's log-probability keeps its digits however close to 0 it is (and ranks rows where
     * the probability itself would round to 1).
     */
    public static void logProbabilities(double[] eta, double[] out) {
        int m = out.length - 1;
        double max = 0.0;
        int argmax = 0;
        for (int k = 0; k < m; k++) {
            if (eta[k] > max) {
                max = eta[k];
                argmax = k + 1;
            }
        }
        double t = argmax == 0 ? 0.0 : StrictMath.exp(-max);
        for (int k = 0; k < m; k++) {
            if (k + 1 != argmax) {
                t += StrictMath.exp(eta[k] - max);
            }
        }
        double logSum = max + Math.log1p(t);
        out[0] = -logSum;
        for (int k = 0; k < m; k++) {
            out[k + 1] = eta[k] - logSum;
        }
    }
}
