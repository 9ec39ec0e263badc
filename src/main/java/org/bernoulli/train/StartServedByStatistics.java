package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.InterceptOnlyEvaluation;
import org.bernoulli.math.LossEvaluation;

/**
 * A {@link DataLoss} that answers the evaluation at the intercept-only starting point from the
 * statistics pass ({@link InterceptOnlyEvaluation}) and passes every other request, any request
 * for a Hessian, and every request on data with offsets (whose intercept-only margins differ by row)
 * to the data. Saves one pass per fit; optimizers still count the evaluation.
 */
final class StartServedByStatistics implements DataLoss {
    private final DataLoss data;
    private final FeatureStatistics stats;
    private final double[] start;

    /** @param start the raw starting point; served from the statistics only if intercept-only */
    StartServedByStatistics(DataLoss data, FeatureStatistics stats, double[] start) {
        this.data = data;
        this.stats = stats;
        this.start = start.clone();
    }

    @Override
    public int numFeatures() {
        return data.numFeatures();
    }

    @Override
    public LossEvaluation evaluate(double[] packed, boolean withHessian) {
        if (!withHessian && stats.offsetRows() == 0 && java.util.Arrays.equals(packed, start)
                && isInterceptOnly(packed) && stats.numFeatures() == data.numFeatures()) {
            return InterceptOnlyEvaluation.at(stats, packed[packed.length - 1]);
        }
        return data.evaluate(packed, withHessian);
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        return data.hessianVector(packed, direction);
    }

    private static boolean isInterceptOnly(double[] packed) {
        for (int j = 0; j < packed.length - 1; j++) {
            if (packed[j] != 0.0) {
                return false;
            }
        }
        return true;
    }
}
