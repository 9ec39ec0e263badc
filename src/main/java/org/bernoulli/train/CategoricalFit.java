package org.bernoulli.train;

import org.bernoulli.math.LossEvaluation;
import org.bernoulli.optim.OptimizationResult;

import java.util.List;

/**
 * A finished fit of a model of K classes, raw feature scale.
 *
 * @param classes      every class, the reference first
 * @param classRows    the rows of positive weight in each class (the fit's count of them)
 * @param packed       θ = (θ₁, …, θ_{K−1}), θₖ = (wₖ, bₖ) for the k-th non-reference class
 * @param optimizer    the optimizer that fitted it (newton, lbfgs)
 * @param optimization the optimizer's result (in the standardized parametrization it worked in)
 * @param atSolution   the data term at θ: mean loss, gradient, fit diagnostics
 * @param warnings     what a user should know about this fit
 */
public record CategoricalFit(List<String> classes, long[] classRows, double[] packed, String optimizer,
                             OptimizationResult optimization, LossEvaluation atSolution, List<String> warnings) {

    public CategoricalFit {
        classes = List.copyOf(classes);
        classRows = classRows.clone();
        if (classRows.length != classes.size()) {
            throw new IllegalArgumentException(classRows.length + " class counts for classes " + classes);
        }
        warnings = List.copyOf(warnings);
        packed = packed.clone();
        if (classes.size() < 3 || packed.length % (classes.size() - 1) != 0) {
            throw new IllegalArgumentException(packed.length + " parameters for classes " + classes);
        }
    }

    @Override
    public long[] classRows() {
        return classRows.clone();
    }

    @Override
    public double[] packed() {
        return packed.clone();
    }

    /** d. */
    public int numFeatures() {
        return packed.length / (classes.size() - 1) - 1;
    }

    /** bₖ of each non-reference class. */
    public double[] intercepts() {
        int q = numFeatures() + 1;
        double[] out = new double[classes.size() - 1];
        for (int k = 0; k < out.length; k++) {
            out[k] = packed[k * q + q - 1];
        }
        return out;
    }

    /** wₖ of each non-reference class, one row per class. */
    public double[][] coefficients() {
        int q = numFeatures() + 1;
        double[][] out = new double[classes.size() - 1][];
        for (int k = 0; k < out.length; k++) {
            out[k] = java.util.Arrays.copyOfRange(packed, k * q, k * q + q - 1);
        }
        return out;
    }

    /**
     * How this fit came to be, for the model (as {@link Fit#provenance}); the input's
     * {@code positiveRows} counts the rows of the non-reference classes.
     *
     * @param rows        rows read
     * @param weightSum   their total weight
     */
    public org.bernoulli.model.TrainingProvenance provenance(long rows, double weightSum,
                                                             org.bernoulli.optim.StopRule stop, String inputPath,
                                                             String inputFormat, int partitions, String sparkVersion,
                                                             double seconds) {
        long others = 0;
        for (int k = 1; k < classRows.length; k++) {
            others += classRows[k];
        }
        return Fit.provenance(new org.bernoulli.model.TrainingProvenance.Input(inputPath, inputFormat, rows, weightSum,
                others), optimizer, optimization, atSolution, warnings, stop, partitions, sparkVersion, seconds);
    }

    /** The model of this fit. */
    public org.bernoulli.model.CategoricalModel model(List<String> featureNames,
                                                      org.bernoulli.model.Regularization penalty,
                                                      org.bernoulli.model.TrainingProvenance provenance,
                                                      org.bernoulli.formula.Encoding encoding) {
        return new org.bernoulli.model.CategoricalModel(org.bernoulli.model.LogisticModel.FORMAT_VERSION,
                org.bernoulli.model.CategoricalModel.MULTINOMIAL, classes, intercepts(), coefficients(), numFeatures(),
                featureNames, penalty, provenance, encoding);
    }

    /** The same fit with each warning rewritten. */
    public CategoricalFit mapWarnings(java.util.function.UnaryOperator<String> f) {
        return new CategoricalFit(classes, classRows, packed, optimizer, optimization, atSolution,
                warnings.stream().map(f).toList());
    }
}
