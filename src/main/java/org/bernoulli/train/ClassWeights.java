package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;

/**
 * Class weights ({@code CLASS_WEIGHT}): every example's case weight is multiplied by its class's
 * factor, c₀ for label 0 and c₁ for label 1, so that the fit weighs the classes as asked — the
 * weighted likelihood Σ wᵢ c_{yᵢ} log p(yᵢ | xᵢ). {@code balanced} chooses c_y = W / (2·W_y) (W the
 * total case weight, W_y that of class y: scikit-learn's "balanced" with case weights), which gives
 * both classes the same total weight W/2.
 *
 * <p>Class weights change the intercept on purpose: probabilities of a class-weighted model refer to
 * the reweighted classes, not to the population (for rare positives under-sampled at a known rate,
 * {@link NegativeSampling} gives population probabilities instead).
 *
 * @param balanced whether the factors are chosen from the data
 * @param c0       factor for label 0 (when not balanced)
 * @param c1       factor for label 1 (when not balanced)
 */
public record ClassWeights(boolean balanced, double c0, double c1) {

    public ClassWeights {
        if (!balanced && !(c0 > 0 && c1 > 0 && Double.isFinite(c0) && Double.isFinite(c1))) {
            throw new IllegalArgumentException("class weights must be finite and positive, got " + c0 + "," + c1);
        }
    }

    /**
     * {@code balanced}, {@code none} (null: no class weights) or {@code c0,c1}.
     *
     * @throws IllegalArgumentException naming the option and what was expected
     */
    public static ClassWeights parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("none")) {
            return null;
        }
        if (t.equalsIgnoreCase("balanced")) {
            return new ClassWeights(true, 1, 1);
        }
        String[] parts = t.split(",");
        if (parts.length == 2) {
            try {
                return new ClassWeights(false, Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("{CLASS_WEIGHT} takes balanced, none or c0,c1 (two positive numbers: the "
                + "factors for label 0 and label 1), got '" + text + "'");
    }

    /** The factors (c₀, c₁) for data with these statistics. */
    public double[] factors(FeatureStatistics stats) {
        if (!balanced) {
            return new double[] {c0, c1};
        }
        double w = stats.weightSum();
        return new double[] {w / (2 * stats.negativeWeight()), w / (2 * stats.positiveWeight())};
    }

    /** What was applied, for the model's notes. */
    public String describe(double[] factors) {
        return "class weights" + (balanced ? " (balanced)" : "") + ": label 0 x " + sixDigits(factors[0])
                + ", label 1 x " + sixDigits(factors[1]) + "; the likelihood, probabilities and intercept refer to "
                + "the reweighted classes";
    }

    private static String sixDigits(double v) {
        return new java.math.BigDecimal(v, new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
