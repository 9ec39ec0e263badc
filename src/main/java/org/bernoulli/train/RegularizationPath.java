package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.DataLoss;
import org.bernoulli.optim.IterationMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a decreasing sequence of penalties λ₁ &gt; λ₂ &gt; … on the same data, each fit started from
 * the previous solution (a warm start): neighbouring solutions are close, so each fit after the
 * first needs a few passes instead of a whole fit from the intercept-only point.
 *
 * <p>The sequence starts at λmax, the smallest penalty at which every coefficient is 0. At the
 * intercept-only fit b = log(W₊/W₋) the gradient of the mean BCE along wⱼ is
 * gⱼ = (p̄·Σᵢwᵢxᵢⱼ − Σ_{yᵢ=1} wᵢxᵢⱼ)/W with p̄ = W₊/W, known from the statistics pass; the KKT
 * conditions keep every wⱼ at 0 while |gⱼ| ≤ λα·σⱼ (σⱼ = 1 when the penalty is on the raw
 * coefficients), so λmax = maxⱼ |gⱼ|/(α σⱼ). A pure L2 penalty never makes coefficients 0; its path
 * starts where an α of 0.001 would (glmnet's convention). The values are equally spaced in log λ.
 */
public final class RegularizationPath {
    /** α used for λmax when the penalty has no L1 part. */
    static final double RIDGE_ALPHA = 1e-3;

    /**
     * One fit of the path.
     *
     * @param regParam λ
     * @param fit      the fit at λ
     */
    public record Step(double regParam, Fit fit) {
        /** Coefficients that are not exactly 0. */
        public int nonZero() {
            int n = 0;
            for (double w : fit.coefficients()) {
                n += w != 0.0 ? 1 : 0;
            }
            return n;
        }
    }

    /** Receives each finished fit of the path. */
    @FunctionalInterface
    public interface StepMonitor {
        void accept(int index, int count, Step step);
    }

    private RegularizationPath() {
    }

    /** λmax for the penalty's α and standardization, from the statistics alone. */
    public static double lambdaMax(FeatureStatistics stats, double alpha, boolean standardization) {
        double w = stats.weightSum();
        double base = stats.positiveWeight() / w;
        double[] sd = stats.sampleStdDevs();
        double largest = 0;
        for (int j = 0; j < stats.numFeatures(); j++) {
            if (stats.isConstant(j)) {
                continue;
            }
            double g = (base * stats.sums()[j] - stats.positiveSums()[j]) / w;
            double scale = standardization ? sd[j] : 1.0;
            if (scale > 0) {
                largest = Math.max(largest, Math.abs(g) / scale);
            }
        }
        return largest / (alpha > 0 ? alpha : RIDGE_ALPHA);
    }

    /** {@code count} values from {@code max} down to {@code min}, equally spaced in log λ. */
    public static double[] sequence(double max, double min, int count) {
        if (!(max > 0) || !(min > 0) || !(min <= max) || count < 1) {
            throw new IllegalArgumentException("a path needs 0 < min <= max and at least one value; got max " + max
                    + ", min " + min + ", " + count + " values");
        }
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = count == 1 ? min : max * Math.pow(min / max, (double) k / (count - 1));
        }
        out[count - 1] = min;
        return out;
    }

    /**
     * Fits every λ of {@code lambdas} (decreasing) with the settings' α, standardization, optimizer
     * and stop rule.
     *
     * @param warm     start each fit from the previous solution (true), or from the intercept-only
     *                 point (false, for comparison)
     * @param progress receives every iteration of every fit
     * @param steps    receives each finished fit
     */
    public static List<Step> fit(DataLoss data, FeatureStatistics stats, List<String> names, boolean[] excluded,
                                 TrainerSettings settings, double[] lambdas, boolean warm, IterationMonitor progress,
                                 StepMonitor steps) {
        List<Step> path = new ArrayList<>(lambdas.length);
        double[] previous = null;
        for (int k = 0; k < lambdas.length; k++) {
            if (k > 0 && !(lambdas[k] < lambdas[k - 1])) {
                throw new IllegalArgumentException("path penalties must decrease; " + lambdas[k] + " follows "
                        + lambdas[k - 1]);
            }
            TrainerSettings at = settings.withRegParam(lambdas[k]);
            Fit fit = new LogisticTrainer(at).fit(data, stats, names, excluded, warm ? previous : null, progress);
            Step step = new Step(lambdas[k], fit);
            path.add(step);
            steps.accept(k, lambdas.length, step);
            previous = java.util.Arrays.copyOf(fit.coefficients(), fit.coefficients().length + 1);
            previous[previous.length - 1] = fit.intercept();
        }
        return path;
    }
}
