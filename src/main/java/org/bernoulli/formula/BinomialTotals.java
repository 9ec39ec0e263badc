package org.bernoulli.formula;

import org.apache.commons.math3.special.Gamma;
import org.bernoulli.data.CompensatedSum;

import java.io.Serializable;

/**
 * What the summary of binomial counts needs beyond the Bernoulli sums. A row of k successes in
 * n = k + f trials with case weight w enters the fit as two Bernoulli rows (label 1 with weight wk,
 * label 0 with weight wf) — exactly the same log-likelihood terms k·log p + f·log(1 − p) — but R's
 * summary counts it as one observation, measures deviance against the saturated model
 * (p = k/n per row), and includes the binomial coefficient in the log-likelihood and AIC:
 * <pre>
 *   deviance = 2 (ℓ_sat − ℓ),   ℓ_sat = Σ w [k log(k/n) + f log(f/n)],
 *   log L    = ℓ + Σ w log C(n, k)      (R's logLik and AIC).
 * </pre>
 */
public final class BinomialTotals implements Serializable {
    private static final long serialVersionUID = 1L;

    private long observations;
    private long nonIntegerRows;
    private final CompensatedSum saturated = new CompensatedSum();
    private final CompensatedSum logChoose = new CompensatedSum();

    /** Adds a row of {@code k} successes and {@code f} failures with case weight {@code w}. */
    public void add(double k, double f, double w) {
        double n = k + f;
        if (w > 0 && n > 0) {
            observations++;
        }
        if (k != Math.rint(k) || f != Math.rint(f)) {
            nonIntegerRows++;
        }
        saturated.add(w * (xLogX(k) + xLogX(f) - xLogX(n)));
        logChoose.add(w * (Gamma.logGamma(n + 1) - Gamma.logGamma(k + 1) - Gamma.logGamma(f + 1)));
    }

    private static double xLogX(double x) {
        return x > 0 ? x * Math.log(x) : 0.0;
    }

    public BinomialTotals merge(BinomialTotals o) {
        observations += o.observations;
        nonIntegerRows += o.nonIntegerRows;
        saturated.add(o.saturated);
        logChoose.add(o.logChoose);
        return this;
    }

    /** Rows with at least one trial and positive weight: R's number of observations. */
    public long observations() {
        return observations;
    }

    /**
     * Rows whose successes or failures are not whole numbers: a binomial count is a number of trials,
     * so R's glm warns ("non-integer #successes in a binomial glm!"), and so does the fit.
     */
    public long nonIntegerRows() {
        return nonIntegerRows;
    }

    /** ℓ_sat, the saturated model's log-likelihood (without binomial coefficients). */
    public double saturatedLogLikelihood() {
        return saturated.value();
    }

    /** Σ w log C(n, k). */
    public double logBinomialCoefficients() {
        return logChoose.value();
    }
}
