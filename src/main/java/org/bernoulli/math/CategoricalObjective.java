package org.bernoulli.math;

import org.bernoulli.optim.TwiceDiffFunction;
import org.bernoulli.optim.ValueAndGradient;

/**
 * The objective of a model of K classes fitted by maximum likelihood: the mean categorical
 * cross-entropy f(θ) = −(1/W) Σ wᵢ log p_{i,yᵢ} ({@link CategoricalDataLoss}, baseline-category
 * parameters θ = (θ₁, …, θ_{K−1})), as a function of standardized parameters: each class's θₖ goes
 * through the same {@link FeatureScaling} the binary objective uses, so that the optimizer sees
 * features of unit spread whatever their units. Each evaluation is one pass.
 */
public final class CategoricalObjective implements TwiceDiffFunction {
    private final CategoricalDataLoss data;
    private final FeatureScaling scaling;
    private double[] lastPoint;
    private LossEvaluation lastEvaluation;
    /** A raw point whose evaluation the caller already has (the start), and that evaluation; or nulls. */
    private final double[] servedPoint;
    private final LossEvaluation servedEvaluation;

    public CategoricalObjective(CategoricalDataLoss data, FeatureScaling scaling) {
        this(data, scaling, null, null);
    }

    /**
     * An objective whose evaluation at the raw point {@code served} is {@code evaluation} (a pass the
     * caller made there already, the start's), so that it costs no second pass.
     */
    public CategoricalObjective(CategoricalDataLoss data, FeatureScaling scaling, double[] served,
                                LossEvaluation evaluation) {
        if (scaling.numFeatures() != data.numFeatures()) {
            throw new IllegalArgumentException("scaling for " + scaling.numFeatures() + " features, data has "
                    + data.numFeatures());
        }
        this.data = data;
        this.scaling = scaling;
        this.servedPoint = served == null || evaluation == null ? null : served.clone();
        this.servedEvaluation = evaluation;
    }

    private int classBlocks() {
        return data.classes() - 1;
    }

    /** The raw parameters of standardized ones, class by class. */
    public double[] toRaw(double[] standardized) {
        return byClass(standardized, scaling::toRaw);
    }

    /** The standardized parameters of raw ones, class by class. */
    public double[] toStandardized(double[] raw) {
        return byClass(raw, scaling::toStandardized);
    }

    private double[] byClass(double[] x, java.util.function.UnaryOperator<double[]> map) {
        int q = data.numFeatures() + 1;
        double[] out = new double[x.length];
        for (int k = 0; k < classBlocks(); k++) {
            double[] part = java.util.Arrays.copyOfRange(x, k * q, (k + 1) * q);
            System.arraycopy(map.apply(part), 0, out, k * q, q);
        }
        return out;
    }

    @Override
    public ValueAndGradient evaluate(double[] standardized) {
        return compute(standardized, false).first();
    }

    /**
     * Also the Hessian in the standardized parameters: block (k, l) is Aᵀ·Hₖₗ·A with A the map of
     * {@link FeatureScaling#toRaw}; a fixed feature's coordinate gets a unit diagonal in its own
     * class's block and zeros elsewhere (its gradient is 0, so it never moves).
     */
    @Override
    public SecondOrder evaluateWithHessian(double[] standardized) {
        return compute(standardized, true);
    }

    private SecondOrder compute(double[] standardized, boolean withHessian) {
        double[] raw = toRaw(standardized);
        boolean served = servedPoint != null && java.util.Arrays.equals(raw, servedPoint)
                && (!withHessian || servedEvaluation.hessian() != null);
        LossEvaluation e = served ? servedEvaluation : data.evaluate(raw, withHessian);
        lastPoint = standardized.clone();
        lastEvaluation = e;
        double[] gradient = byClass(e.gradient(), scaling::gradientToStandardized);
        return new SecondOrder(new ValueAndGradient(e.meanLoss(), gradient),
                withHessian ? standardizedHessian(e.hessian()) : null);
    }

    private double[] standardizedHessian(double[] h) {
        int q = data.numFeatures() + 1;
        int m = classBlocks();
        int size = m * q;
        double[] out = new double[size * size];
        double[] block = new double[q * q];
        for (int k = 0; k < m; k++) {
            for (int l = 0; l < m; l++) {
                for (int r = 0; r < q; r++) {
                    System.arraycopy(h, (k * q + r) * size + l * q, block, r * q, q);
                }
                double[] s = scaling.matrixToStandardized(block);
                for (int r = 0; r < q; r++) {
                    if (k != l && r < q - 1 && scaling.isFixed(r)) {
                        s[r * q + r] = 0.0;
                    }
                    System.arraycopy(s, r * q, out, (k * q + r) * size + l * q, q);
                }
            }
        }
        return out;
    }

    /** The data term at the point evaluated last, if that point is {@code standardized}; else null. */
    public LossEvaluation evaluationAt(double[] standardized) {
        return lastPoint != null && java.util.Arrays.equals(lastPoint, standardized) ? lastEvaluation : null;
    }

    public FeatureScaling scaling() {
        return scaling;
    }
}
