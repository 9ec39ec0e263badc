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
 */
public record LogisticModel(int formatVersion, double intercept, double[] coefficients, int numFeatures,
                            List<String> featureNames, Regularization regularization, TrainingProvenance training) {

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

    /** P(y = 1 | x) = σ(b + w·x). */
    public double probability(double[] x) {
        return Logistic.sigmoid(margin(x));
    }
}
