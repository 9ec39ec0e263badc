package org.bernoulli.math;

/**
 * The logistic link and the Bernoulli log-likelihood, computed stably for every margin.
 *
 * <p>For a margin (log-odds) {@code z} the model's probability of the positive class is
 * {@code p = σ(z) = 1 / (1 + e^−z)}. One example's Bernoulli likelihood is
 * {@code p^y (1−p)^(1−y)}; its negative log, the binary cross-entropy, is
 * {@code −log L = softplus(z) − y·z} with {@code softplus(z) = log(1 + e^z)}. Neither the
 * likelihood itself nor {@code log(σ(z))} is ever formed: both underflow for large margins.
 * Each tail is computed from the margin, never as {@code 1 − p}, so that probabilities near 0 and
 * near 1 keep their full relative precision.
 */
public final class Logistic {

    private Logistic() {
    }

    /** logit(t) = log(t / (1 − t)): −∞ for t = 0 (every margin is above it), +∞ for t = 1 (none is). */
    public static double logit(double t) {
        return Math.log(t) - Math.log1p(-t);
    }

    /**
     * {@code log(1 + e^z)}, exact to rounding for every finite z:
     * {@code max(z, 0) + log1p(e^−|z|)}. It never overflows and never loses the small tail.
     */
    public static double softplus(double z) {
        return softplus(z, tail(z));
    }

    /** {@link #softplus(double)} given {@code tail = }{@link #tail}{@code (z)}, as for −z: both share it. */
    public static double softplus(double z, double tail) {
        return Math.max(z, 0.0) + Math.log1p(tail);
    }

    /** {@code σ(z) = 1/(1 + e^−z)}, evaluated on the side where the exponential cannot overflow. */
    public static double sigmoid(double z) {
        return sigmoid(z, tail(z));
    }

    /** {@link #sigmoid(double)} given {@code tail = }{@link #tail}{@code (z)}. */
    public static double sigmoid(double z, double tail) {
        return z >= 0 ? 1.0 / (1.0 + tail) : tail / (1.0 + tail);
    }

    /**
     * {@code e^−|z|}, at most 1: the one exponential that σ(z), σ(−z), softplus(z) and softplus(−z)
     * all need, so that a caller wanting several of them computes it once.
     */
    public static double tail(double z) {
        return Math.exp(-Math.abs(z));
    }

    /** {@code log σ(z) = −softplus(−z)}: the log-probability of the positive class. */
    public static double logSigmoid(double z) {
        return -softplus(-z);
    }

    /**
     * The negative log-likelihood of one example with label {@code y ∈ {0, 1}} at margin z:
     * {@code softplus(z) − y·z}, which is {@code softplus(−z)} for y = 1 and {@code softplus(z)}
     * for y = 0. Written per label so that no large terms cancel (for z = 1e6 and y = 1 the result
     * is exactly 0, not the difference of two numbers near 1e6).
     */
    public static double negLogLikelihood(double z, double y) {
        return y > 0.5 ? softplus(-z) : softplus(z);
    }

    /**
     * The derivative of {@link #negLogLikelihood} with respect to the margin: {@code σ(z) − y},
     * evaluated as {@code −σ(−z)} for y = 1 so that the residual keeps full precision when the
     * example is fitted well.
     */
    public static double residual(double z, double y) {
        return y > 0.5 ? -sigmoid(-z) : sigmoid(z);
    }
}
