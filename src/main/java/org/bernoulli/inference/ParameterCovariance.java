package org.bernoulli.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * The estimated covariance of the parameters, I⁻¹, as stored beside a model
 * ({@code covariance.json}) for scoring with standard errors. Parameters are listed intercept first,
 * then the features in column order; a feature held at 0 (constant or aliased) has a zero row and
 * column, so it adds no uncertainty.
 *
 * @param parameters {@code (Intercept)}, then the feature names
 * @param matrix     the symmetric covariance, {@code matrix[a][b]} for parameters a and b
 */
public record ParameterCovariance(List<String> parameters, double[][] matrix) {

    public ParameterCovariance {
        parameters = List.copyOf(parameters);
        if (matrix.length != parameters.size()) {
            throw new IllegalArgumentException("covariance of " + matrix.length + " rows for " + parameters.size()
                    + " parameters");
        }
    }

    /** From a raw-scale covariance with the intercept last (as {@link InformationInverse} gives it). */
    public static ParameterCovariance of(InformationInverse inverse, List<String> featureNames) {
        int d = featureNames.size();
        int n = d + 1;
        double[] c = inverse.covariance();
        double[][] m = new double[n][n];
        for (int a = 0; a < n; a++) {
            int ra = a == 0 ? d : a - 1;
            for (int b = 0; b < n; b++) {
                int rb = b == 0 ? d : b - 1;
                m[a][b] = c[ra * n + rb];
            }
        }
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(featureNames);
        return new ParameterCovariance(names, m);
    }

    /**
     * From the raw-scale covariance of a model of more than two classes (θ = (θ₁, …, θ_{K−1}), each
     * θₖ = (wₖ, bₖ)): the parameters named as R's {@code vcov} of {@code multinom} names them,
     * {@code CLASS:(Intercept)} then {@code CLASS:FEATURE}, class after class.
     *
     * @param classes every class, the reference first
     */
    public static ParameterCovariance ofClasses(double[] covariance, List<String> classes, List<String> featureNames) {
        int d = featureNames.size();
        int q = d + 1;
        int size = (classes.size() - 1) * q;
        int[] packedIndex = new int[size];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes.size() - 1; k++) {
            String outcome = classes.get(k + 1);
            names.add(outcome + ":(Intercept)");
            packedIndex[k * q] = k * q + d;
            for (int j = 0; j < d; j++) {
                names.add(outcome + ":" + featureNames.get(j));
                packedIndex[k * q + j + 1] = k * q + j;
            }
        }
        double[][] m = new double[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                m[a][b] = covariance[packedIndex[a] * size + packedIndex[b]];
            }
        }
        return new ParameterCovariance(names, m);
    }

    /** Number of features (parameters besides the intercept). */
    public int numFeatures() {
        return matrix.length - 1;
    }

    /**
     * The covariance in packed order (features, then intercept), row-major — the layout the
     * scoring code multiplies with x̃ = (x, 1).
     */
    public double[] packed() {
        return packedBlock(0, matrix.length);
    }

    /**
     * The whole covariance in packed order for {@code predictors} predictors of equal size listed one after
     * another, each intercept first: each predictor's features then its intercept, predictor after
     * predictor, row-major — the layout of the fit's raw covariance.
     */
    public double[] packedAcross(int predictors) {
        int size = matrix.length;
        int n = size / predictors;
        if (n * predictors != size) {
            throw new IllegalArgumentException(size + " parameters do not split into " + predictors + " predictors");
        }
        int[] at = new int[size]; // the packed position of each listed parameter
        for (int k = 0; k < predictors; k++) {
            at[k * n] = k * n + n - 1;
            for (int j = 1; j < n; j++) {
                at[k * n + j] = k * n + j - 1;
            }
        }
        double[] out = new double[size * size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                out[at[a] * size + at[b]] = matrix[a][b];
            }
        }
        return out;
    }

    /**
     * The covariance of each linear predictor's own parameters in packed order, for a covariance of
     * {@code predictors} predictors of equal size listed one after another, each intercept first (one
     * for a binary model; the non-reference classes' of a model of more, {@link #ofClasses}).
     */
    public double[][] packedByPredictor(int predictors) {
        int n = matrix.length / predictors;
        if (n * predictors != matrix.length) {
            throw new IllegalArgumentException(matrix.length + " parameters do not split into " + predictors
                    + " predictors");
        }
        double[][] out = new double[predictors][];
        for (int k = 0; k < predictors; k++) {
            out[k] = packedBlock(k * n, n);
        }
        return out;
    }

    /** The diagonal block of n parameters from {@code from} (intercept first), in packed order. */
    private double[] packedBlock(int from, int n) {
        int d = n - 1;
        double[] out = new double[n * n];
        for (int a = 0; a < n; a++) {
            int ra = a == 0 ? d : a - 1;
            for (int b = 0; b < n; b++) {
                int rb = b == 0 ? d : b - 1;
                out[ra * n + rb] = matrix[from + a][from + b];
            }
        }
        return out;
    }

    /** The standard error of the margin b + w·x at a row: √(x̃ᵀ I⁻¹ x̃), x̃ = (x, 1), x dense. */
    public double marginStandardError(double[] x) {
        int d = numFeatures();
        double q = matrix[0][0];
        for (int j = 0; j < d; j++) {
            double xj = x[j];
            if (xj == 0.0) {
                continue;
            }
            double t = 2 * matrix[j + 1][0];
            for (int k = 0; k < d; k++) {
                t += matrix[j + 1][k + 1] * x[k];
            }
            q += xj * t;
        }
        return Math.sqrt(Math.max(q, 0.0));
    }
}
