package org.bernoulli.math;

import org.bernoulli.data.FeatureSink;

import java.io.Serializable;

/**
 * The margins of one row under each linear predictor of a model — one for a model of two classes,
 * one per non-reference class (ηₖ = bₖ + wₖ·x) for a model of K — and their standard errors, from
 * the row's non-zeros as a parser hands them over: one {@link MarginScorer} per predictor, each fed
 * every value. A scorer of one row at a time: {@link #start()} before each row; it allocates
 * nothing per row.
 */
public final class RowMargins implements FeatureSink, Serializable {
    private static final long serialVersionUID = 1L;

    private final MarginScorer[] scorers;
    /** The row's standard errors once computed (NaN: not yet), so that reading one twice costs once. */
    private transient double[] standardErrors;

    /**
     * @param coefficients one row wₖ per predictor, in feature order
     * @param intercepts   bₖ, one per predictor
     * @param covariances  for standard errors, the covariance of each predictor's parameters in packed
     *                     order ((d + 1)², features then intercept); null without standard errors
     */
    public RowMargins(double[][] coefficients, double[] intercepts, double[][] covariances) {
        if (coefficients.length == 0 || intercepts.length != coefficients.length
                || covariances != null && covariances.length != coefficients.length) {
            throw new IllegalArgumentException(coefficients.length + " predictors, " + intercepts.length
                    + " intercepts and " + (covariances == null ? "no" : covariances.length) + " covariances");
        }
        scorers = new MarginScorer[coefficients.length];
        for (int k = 0; k < scorers.length; k++) {
            scorers[k] = new MarginScorer(coefficients[k].clone(), intercepts[k],
                    covariances == null ? null : covariances[k]);
        }
    }

    /** The number of linear predictors. */
    public int count() {
        return scorers.length;
    }

    /** Begins a row. */
    public void start() {
        for (MarginScorer s : scorers) {
            s.start();
        }
        if (standardErrors == null) {
            standardErrors = new double[scorers.length];
        }
        java.util.Arrays.fill(standardErrors, Double.NaN);
    }

    @Override
    public void accept(int index, double value) {
        for (MarginScorer s : scorers) {
            s.accept(index, value);
        }
    }

    /** Adds a fixed term (an offset) to every margin. */
    public void addOffset(double offset) {
        for (MarginScorer s : scorers) {
            s.addOffset(offset);
        }
    }

    /** The k-th margin of the row read since {@link #start()}. */
    public double margin(int k) {
        return scorers[k].margin();
    }

    public boolean withStandardErrors() {
        return scorers[0].withStandardErrors();
    }

    /** The standard error of the k-th margin. */
    public double standardError(int k) {
        if (Double.isNaN(standardErrors[k])) {
            standardErrors[k] = scorers[k].standardError();
        }
        return standardErrors[k];
    }

    /** d, the features of each predictor. */
    public int numFeatures() {
        return scorers[0].numFeatures();
    }
}
