package org.bernoulli.math;

import org.bernoulli.optim.HessianVectorFunction;
import org.bernoulli.optim.TwiceDiffFunction;
import org.bernoulli.optim.ValueAndGradient;

/**
 * The training objective — stated here once for the whole project:
 *
 * <pre>
 *   F(w, b) = (1/W) Σ wᵢ [softplus(zᵢ) − yᵢ zᵢ]  +  λ·((1−α)/2·‖v‖² + α·‖v‖₁),     zᵢ = b + w·xᵢ + oᵢ
 * </pre>
 *
 * the mean binary cross-entropy — the negative Bernoulli log-likelihood divided by the total
 * weight W = Σ wᵢ, with offsets oᵢ (0 for most data) — plus Spark MLlib's elastic-net penalty,
 * the intercept unpenalized: λ = regParam, α = elasticNetParam, v = w (the raw coefficients) or
 * vⱼ = wⱼσⱼ (the coefficients of the standardized features, standardization on). λ = 0 is the plain
 * maximum-likelihood fit; minimizing F maximizes the (penalized) likelihood. The penalty, written
 * per coefficient as ½ Σⱼ aⱼwⱼ² + Σⱼ cⱼ|wⱼ|, is {@link ElasticNetPenalty}.
 *
 * <p>This class is F's smooth part as a function of standardized parameters θ̃ (see
 * {@link FeatureScaling}), f(θ̃) = (1/W) Σ wᵢ [softplus(zᵢ) − yᵢ zᵢ] + ½ Σⱼ aⱼ wⱼ² with
 * (w, b) = raw(θ̃); the L1 part Σⱼ cⱼ|wⱼ| is not smooth and is left to the optimizer (OWL-QN,
 * proximal Newton). Each evaluation is one pass of the {@link DataLoss}.
 */
public final class LogisticObjective implements TwiceDiffFunction, HessianVectorFunction {
    private final DataLoss data;
    private final FeatureScaling scaling;
    private final double[] l2;
    private double[] lastPoint;
    private LossEvaluation lastEvaluation;

    /**
     * @param data    the data term
     * @param scaling the reparametrization the optimizer works in
     * @param l2      λ ≥ 0, the same for every coefficient
     */
    public LogisticObjective(DataLoss data, FeatureScaling scaling, double l2) {
        this(data, scaling, filled(scaling.numFeatures(), l2));
    }

    /**
     * @param data    the data term
     * @param scaling the reparametrization the optimizer works in
     * @param l2      aⱼ ≥ 0, one per feature
     */
    public LogisticObjective(DataLoss data, FeatureScaling scaling, double[] l2) {
        for (double a : l2) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("regularization parameter must be a finite number >= 0, got " + a);
            }
        }
        if (scaling.numFeatures() != data.numFeatures() || l2.length != data.numFeatures()) {
            throw new IllegalArgumentException("scaling for " + scaling.numFeatures() + " features and "
                    + l2.length + " penalty weights, data has " + data.numFeatures());
        }
        this.data = data;
        this.scaling = scaling;
        this.l2 = l2.clone();
    }

    private static double[] filled(int d, double value) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Override
    public ValueAndGradient evaluate(double[] standardized) {
        return compute(standardized, false).first();
    }

    /**
     * Also the Hessian in the standardized parametrization: with θ = A·θ̃ the raw parameters,
     * ∇²f(θ̃) = Aᵀ·H·A + diag(aⱼ/sⱼ²), H the raw data Hessian (1/W) Σ wᵢpᵢ(1−pᵢ) x̃ᵢx̃ᵢᵀ. Fixed
     * features get a unit diagonal (their gradient is 0, so their step is 0).
     */
    @Override
    public SecondOrder evaluateWithHessian(double[] standardized) {
        return compute(standardized, true);
    }

    private SecondOrder compute(double[] standardized, boolean withHessian) {
        double[] raw = scaling.toRaw(standardized);
        LossEvaluation e = data.evaluate(raw, withHessian);
        lastPoint = standardized.clone();
        lastEvaluation = e;
        double[] gradient = scaling.gradientToStandardized(e.gradient());
        double penalty = 0.0;
        int d = scaling.numFeatures();
        for (int j = 0; j < d; j++) {
            if (l2[j] > 0) {
                double wj = raw[j];
                penalty += l2[j] * wj * wj;
                // ∂/∂βⱼ of (aⱼ/2) wⱼ² with wⱼ = βⱼ/sⱼ is aⱼ wⱼ / sⱼ.
                if (!scaling.isFixed(j)) {
                    gradient[j] += l2[j] * wj / scaling.scales()[j];
                }
            }
        }
        ValueAndGradient first = new ValueAndGradient(e.meanLoss() + 0.5 * penalty, gradient);
        return new SecondOrder(first, withHessian ? standardizedHessian(e.hessian()) : null);
    }

    private double[] standardizedHessian(double[] h) {
        double[] out = scaling.matrixToStandardized(h);
        int n = scaling.numFeatures() + 1;
        double[] s = scaling.scales();
        for (int j = 0; j < s.length; j++) {
            if (!scaling.isFixed(j)) {
                out[j * n + j] += l2[j] / (s[j] * s[j]);
            }
        }
        return out;
    }

    /**
     * ∇²f(θ̃)·ṽ in one pass, without forming the Hessian: with A the linear map {@link
     * FeatureScaling#toRaw}, Aᵀ·(H·(A·ṽ)) + diag(λ/sⱼ²)·ṽ, where H·u is the raw data Hessian times
     * u summed over the data (aⱼ in place of λ for per-feature weights). Fixed features get a unit diagonal, as in {@link #evaluateWithHessian}.
     */
    @Override
    public double[] hessianVector(double[] standardized, double[] direction) {
        double[] hu = data.hessianVector(scaling.toRaw(standardized), scaling.toRaw(direction));
        double[] out = scaling.gradientToStandardized(hu);
        double[] s = scaling.scales();
        for (int j = 0; j < s.length; j++) {
            out[j] = scaling.isFixed(j) ? direction[j] : out[j] + l2[j] * direction[j] / (s[j] * s[j]);
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

    /** aⱼ, the L2 weight of each raw coefficient. */
    public double[] l2() {
        return l2.clone();
    }
}
