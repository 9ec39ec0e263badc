package org.bernoulli.train;

import org.bernoulli.math.ClusterScoreOuterProducts;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.math.ModifiedScore;

import java.util.Arrays;

/**
 * A data term that keeps its first evaluation with a Hessian and answers a later request at the same
 * parameters from it, without a pass: the aliasing check evaluates the intercept-only start with the
 * Hessian, and Newton's first step asks for exactly that evaluation again. Every other request goes to
 * the data.
 */
final class FirstEvaluationKept implements FirthDataLoss {
    private final FirthDataLoss data;
    private double[] at;
    private LossEvaluation kept;

    FirstEvaluationKept(FirthDataLoss data) {
        this.data = data;
    }

    @Override
    public int numFeatures() {
        return data.numFeatures();
    }

    @Override
    public LossEvaluation evaluate(double[] packed, boolean withHessian) {
        if (kept != null && Arrays.equals(packed, at)) {
            return kept;
        }
        LossEvaluation e = data.evaluate(packed, withHessian);
        if (withHessian && kept == null) {
            at = packed.clone();
            kept = e;
        }
        return e;
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        return data.hessianVector(packed, direction);
    }

    @Override
    public double[] scoreOuterProducts(double[] packed) {
        return data.scoreOuterProducts(packed);
    }

    @Override
    public ClusterScoreOuterProducts clusterScoreOuterProducts(double[] packed) {
        return data.clusterScoreOuterProducts(packed);
    }

    @Override
    public ModifiedScore firthScore(double[] packed, double[] inverseInformation) {
        return data.firthScore(packed, inverseInformation);
    }
}
