package org.bernoulli.model;

import org.bernoulli.math.Logistic;

import java.util.List;

/**
 * A fitted logistic regression: P(y = 1 | x) = σ(b + w·x). Immutable once built; the arrays it
 * hands out are copies.
 *
 * @param formatVersion  version of the model file layout ({@value #FORMAT_VERSION})
 * @param intercept      b
 * @param coefficients   w, in feature order, on the raw (unstandardized) feature scale
 * @param numFeatures    d, the length of w
 * @param featureNames   the name of each feature, in the same order
 * @param regularization the penalty it was fitted with
 * @param training       provenance of the fit
 * @param encoding       for a model fitted through a formula, how data rows become model rows
 *                       (formula, column kinds, factor levels, response coding, NA action); else null
 */
public record LogisticModel(int formatVersion, double intercept, double[] coefficients, int numFeatures,
                            List<String> featureNames, Regularization regularization, TrainingProvenance training,
                            @com.fasterxml.jackson.annotation.JsonInclude(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                            org.bernoulli.formula.Encoding encoding) implements FittedModel {

    public static final int FORMAT_VERSION = 1;

    public LogisticModel {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("model format version " + formatVersion + " is not supported; expected "
                    + FORMAT_VERSION);
        }
        if (coefficients == null || featureNames == null || regularization == null) {
            throw new IllegalArgumentException("a model needs coefficients, featureNames and regularization");
        }
        if (numFeatures != coefficients.length || featureNames.size() != numFeatures) {
            throw new IllegalArgumentException("numFeatures is " + numFeatures + " but there are " + coefficients.length
                    + " coefficients and " + featureNames.size() + " feature names");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String name : featureNames) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a feature name is empty; every feature needs a name");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("feature name '" + name + "' appears twice; every feature needs a "
                        + "name of its own, or one input column would feed two coefficients");
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept is " + intercept + "; expected a finite number");
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new IllegalArgumentException("coefficient " + j + " is " + coefficients[j]
                        + "; expected a finite number");
            }
        }
        coefficients = coefficients.clone();
        featureNames = List.copyOf(featureNames);
    }

    /** A model of numeric features, without a formula. */
    public LogisticModel(int formatVersion, double intercept, double[] coefficients, int numFeatures,
                         List<String> featureNames, Regularization regularization, TrainingProvenance training) {
        this(formatVersion, intercept, coefficients, numFeatures, featureNames, regularization, training, null);
    }

    /** The same model with other provenance (its phase times, say). */
    public LogisticModel withTraining(TrainingProvenance provenance) {
        return new LogisticModel(formatVersion, intercept, coefficients, numFeatures, featureNames, regularization,
                provenance, encoding);
    }

    /** The same model with the encoding of the formula it was fitted through. */
    public LogisticModel withEncoding(org.bernoulli.formula.Encoding encoding) {
        return new LogisticModel(formatVersion, intercept, coefficients, numFeatures, featureNames, regularization,
                training, encoding);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The margin (log-odds) z = b + w·x for a dense feature vector. */
    public double margin(double[] x) {
        if (x.length != numFeatures) {
            throw new IllegalArgumentException("expected " + numFeatures + " features, got " + x.length);
        }
        double z = intercept;
        for (int j = 0; j < x.length; j++) {
            z += coefficients[j] * x[j];
        }
        return z;
    }

    @Override
    public double[][] packedByPredictor() {
        double[] packed = java.util.Arrays.copyOf(coefficients, numFeatures + 1);
        packed[numFeatures] = intercept;
        return new double[][] {packed};
    }

    @Override
    public org.bernoulli.math.RowMargins rowMargins(double[][] covariances) {
        return new org.bernoulli.math.RowMargins(new double[][] {coefficients}, new double[] {intercept}, covariances);
    }

    /** P(y = 1 | x) = σ(b + w·x). */
    public double probability(double[] x) {
        return Logistic.sigmoid(margin(x));
    }
}
