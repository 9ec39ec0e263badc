package org.bernoulli.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bernoulli.math.Softmax;

import java.util.List;

/**
 * A fitted model of K > 2 classes — the baseline-category (multinomial) logit:
 * P(y = k | x) = exp(ηₖ) / Σₗ exp(ηₗ) with η₀ = 0 for the reference class (the first of
 * {@code classes}) and ηₖ = bₖ + wₖ·x for the others. Immutable; the arrays it hands out are copies.
 * The training provenance's {@code positiveRows} counts the rows of the non-reference classes.
 *
 * @param formatVersion  version of the model file layout ({@value LogisticModel#FORMAT_VERSION})
 * @param family         {@code multinomial}
 * @param classes        every class, the reference first
 * @param intercepts     bₖ, one per non-reference class
 * @param coefficients   wₖ, one row per non-reference class, in feature order, raw feature scale
 * @param numFeatures    d
 * @param featureNames   the name of each feature
 * @param regularization the penalty it was fitted with
 * @param training       provenance of the fit
 * @param encoding       for a model fitted through a formula, how data rows become model rows; else null
 */
public record CategoricalModel(int formatVersion, String family, List<String> classes, double[] intercepts,
                               double[][] coefficients, int numFeatures, List<String> featureNames,
                               Regularization regularization, TrainingProvenance training,
                               @JsonInclude(JsonInclude.Include.NON_NULL) org.bernoulli.formula.Encoding encoding)
        implements FittedModel {

    public static final String MULTINOMIAL = "multinomial";

    public CategoricalModel {
        if (formatVersion != LogisticModel.FORMAT_VERSION) {
            throw new IllegalArgumentException("model format version " + formatVersion + " is not supported; expected "
                    + LogisticModel.FORMAT_VERSION);
        }
        if (!MULTINOMIAL.equals(family)) {
            throw new IllegalArgumentException("family '" + family + "' is not " + MULTINOMIAL);
        }
        if (classes == null || intercepts == null || coefficients == null || featureNames == null
                || regularization == null) {
            throw new IllegalArgumentException("a model of classes needs classes, intercepts, coefficients, "
                    + "featureNames and regularization");
        }
        classes = List.copyOf(classes);
        if (classes.size() < 3 || new java.util.HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("classes " + classes + ": expected three distinct classes or more");
        }
        if (intercepts.length != classes.size() - 1 || coefficients.length != classes.size() - 1) {
            throw new IllegalArgumentException(intercepts.length + " intercepts and " + coefficients.length
                    + " rows of coefficients for " + classes.size() + " classes; expected one per non-reference class");
        }
        featureNames = List.copyOf(featureNames);
        if (featureNames.size() != numFeatures || new java.util.HashSet<>(featureNames).size() != numFeatures) {
            throw new IllegalArgumentException(featureNames.size() + " feature names (distinct: "
                    + new java.util.HashSet<>(featureNames).size() + ") for " + numFeatures + " features");
        }
        double[][] rows = new double[coefficients.length][];
        for (int k = 0; k < coefficients.length; k++) {
            if (coefficients[k].length != numFeatures) {
                throw new IllegalArgumentException("class '" + classes.get(k + 1) + "' has " + coefficients[k].length
                        + " coefficients; expected " + numFeatures);
            }
            rows[k] = coefficients[k].clone();
            for (double v : rows[k]) {
                finite(v, "a coefficient of class '" + classes.get(k + 1) + "'");
            }
            finite(intercepts[k], "the intercept of class '" + classes.get(k + 1) + "'");
        }
        coefficients = rows;
        intercepts = intercepts.clone();
    }

    private static void finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is " + v + "; expected a finite number");
        }
    }

    /** The same model with other provenance. */
    public CategoricalModel withTraining(TrainingProvenance provenance) {
        return new CategoricalModel(formatVersion, family, classes, intercepts, coefficients, numFeatures, featureNames,
                regularization, provenance, encoding);
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public double[][] coefficients() {
        double[][] out = new double[coefficients.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = coefficients[k].clone();
        }
        return out;
    }

    @Override
    public org.bernoulli.math.RowMargins rowMargins(double[][] covariances) {
        return new org.bernoulli.math.RowMargins(coefficients, intercepts, covariances);
    }

    @Override
    public double[][] packedByPredictor() {
        double[][] out = new double[coefficients.length][];
        for (int k = 0; k < coefficients.length; k++) {
            out[k] = java.util.Arrays.copyOf(coefficients[k], numFeatures + 1);
            out[k][numFeatures] = intercepts[k];
        }
        return out;
    }

    /** The parameters as the passes take them: θ = (θ₁, …, θ_{K−1}), θₖ = (wₖ, bₖ). */
    public double[] packed() {
        int q = numFeatures + 1;
        double[] out = new double[coefficients.length * q];
        for (int k = 0; k < coefficients.length; k++) {
            System.arraycopy(coefficients[k], 0, out, k * q, numFeatures);
            out[k * q + numFeatures] = intercepts[k];
        }
        return out;
    }

    /** P(y = k | x) for every class k, the reference first, for a dense feature vector. */
    public double[] probabilities(double[] x) {
        if (x.length != numFeatures) {
            throw new IllegalArgumentException("expected " + numFeatures + " features, got " + x.length);
        }
        double[] eta = new double[coefficients.length];
        for (int k = 0; k < eta.length; k++) {
            eta[k] = intercepts[k];
            for (int j = 0; j < numFeatures; j++) {
                eta[k] += coefficients[k][j] * x[j];
            }
        }
        double[] p = new double[classes.size()];
        Softmax.probabilities(eta, p);
        return p;
    }
}
