package org.bernoulli.train;

import java.util.Arrays;

/**
 * Box constraints lⱼ ≤ wⱼ ≤ uⱼ on the raw coefficients ({@code LOWER_BOUNDS}, {@code UPPER_BOUNDS};
 * Spark MLlib's lowerBoundsOnCoefficients and upperBoundsOnCoefficients for a binary model), the
 * intercept free. Infinite ends are no constraint.
 *
 * @param lower lⱼ, one per feature, or a single value for every feature
 * @param upper uⱼ, one per feature, or a single value for every feature
 */
public record CoefficientBounds(double[] lower, double[] upper) {

    public CoefficientBounds {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException(lower.length + " lower bounds but " + upper.length + " upper bounds");
        }
        for (int j = 0; j < lower.length; j++) {
            if (Double.isNaN(lower[j]) || Double.isNaN(upper[j]) || lower[j] > upper[j]
                    || lower[j] == Double.POSITIVE_INFINITY || upper[j] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("coefficient " + (j + 1) + ": bounds [" + lower[j] + ", " + upper[j]
                        + "] hold no value");
            }
        }
    }

    /**
     * From the options' text: one number for every coefficient, or one per feature, comma-separated
     * ({@code inf} and {@code -inf} allowed); a missing side is unbounded.
     *
     * @throws IllegalArgumentException naming the option and what was wrong
     */
    public static CoefficientBounds parse(String lowerText, String upperText) {
        double[] lower = side(lowerText, Double.NEGATIVE_INFINITY, "{LOWER_BOUNDS}");
        double[] upper = side(upperText, Double.POSITIVE_INFINITY, "{UPPER_BOUNDS}");
        if (lower.length != upper.length) {
            double[] one = lower.length == 1 ? lower : upper;
            double[] filled = new double[Math.max(lower.length, upper.length)];
            Arrays.fill(filled, one[0]);
            if (lower.length == 1) {
                lower = filled;
            } else {
                upper = filled;
            }
        }
        return new CoefficientBounds(lower, upper);
    }

    /** The bounds for d features: a single value repeated, or checked to be d long. */
    public CoefficientBounds forFeatures(int d) {
        if (lower.length == d) {
            return this;
        }
        if (lower.length != 1) {
            throw new IllegalArgumentException("bounds for " + lower.length + " coefficients, the data has " + d
                    + " features (give one value for all, or one per feature)");
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, lower[0]);
        Arrays.fill(hi, upper[0]);
        return new CoefficientBounds(lo, hi);
    }

    private static double[] side(String text, double none, String option) {
        if (text == null) {
            return new double[] {none};
        }
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
            String p = parts[j].strip();
            try {
                out[j] = switch (p.toLowerCase()) {
                    case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
                    case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(p);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + p + "' is not a number (inf and -inf are allowed)");
            }
        }
        return out;
    }

    public int numFeatures() {
        return lower.length;
    }

    /** The bounds' values (checkpoints compare settings by their text). */
    @Override
    public String toString() {
        return "CoefficientBounds[lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
    }
}
