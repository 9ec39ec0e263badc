package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.formula.Design;

import java.util.ArrayList;
import java.util.List;

/**
 * Quasi-complete separation by a factor, found from the statistics pass before any optimizer runs:
 * a cell of the design whose rows all have one label. Then no finite maximum-likelihood estimate
 * exists — the log-likelihood keeps rising as that cell's coefficient runs off to ±∞, every other
 * row's margin unchanged — and an unpenalized fit would stop wherever its tolerance happens to
 * hold (R's glm prints an estimate near 20 with a standard error in the thousands).
 *
 * <p>Two kinds of cell are checked exactly, from Σ wᵢxᵢⱼ and its positive part:
 * <ul>
 *   <li>a column every variable of whose term is a factor (a level, or a cell of an interaction of
 *       factors): its rows are those where it is 1;</li>
 *   <li>the reference level of a factor entered alone: its rows are those where all of the factor's
 *       columns are 0 (the direction +t on the intercept and −t on each of its columns moves only
 *       them).</li>
 * </ul>
 * Columns held at 0 (aliased or constant) are skipped. Sums of the same case weights agree exactly
 * when they hold the same rows; the tolerance, 1e-12 of the total weight, only absorbs the rounding
 * of fractional weights.
 */
public final class FactorSeparation {
    private static final double RELATIVE = 1e-12;

    private FactorSeparation() {
    }

    /**
     * @param held the columns held at 0 (aliased), one flag per feature
     * @throws SeparationException naming the factor, the level and the class its rows all have
     */
    public static void check(FeatureStatistics stats, boolean[] held, Design design) {
        double slack = RELATIVE * stats.weightSum();
        List<String> names = design.featureNames();
        for (int j = 0; j < stats.numFeatures(); j++) {
            if (held[j] || stats.isConstant(j)) {
                continue;
            }
            String cell = design.describeCell(j);
            if (cell == null) {
                continue;
            }
            double weight = stats.sums()[j];
            double positive = stats.positiveSums()[j];
            Integer label = oneClass(weight, positive, slack);
            if (label != null) {
                throw new SeparationException(message("every row with " + cell, weight, design.describeClass(label),
                        "the coefficient " + names.get(j)));
            }
        }
        for (Design.ReferenceLevel r : design.referenceLevels()) {
            double weight = stats.weightSum();
            double positive = stats.positiveWeight();
            boolean skip = false;
            for (int j = r.from(); j < r.to(); j++) {
                skip |= held[j];
                weight -= stats.sums()[j];
                positive -= stats.positiveSums()[j];
            }
            Integer label = skip ? null : oneClass(weight, positive, slack);
            if (label != null) {
                List<String> columns = new ArrayList<>(names.subList(r.from(), r.to()));
                throw new SeparationException(message("every row at the reference level of " + r.factor() + ", '"
                        + r.reference() + "'", weight, design.describeClass(label), "the intercept and "
                        + String.join(", ", columns) + " (the other levels measured against it)"));
            }
        }
    }

    /** 1 or 0 when the cell's rows (of positive total weight) are all of that class, else null. */
    private static Integer oneClass(double weight, double positive, double slack) {
        if (!(weight > slack)) {
            return null;
        }
        if (positive <= slack) {
            return 0;
        }
        return weight - positive <= slack ? 1 : null;
    }

    private static String message(String rows, double weight, String label, String coefficients) {
        return "quasi-complete separation: " + rows + " (total weight " + shortNumber(weight) + ") has " + label
                + ", so the likelihood has no maximum: it keeps growing as the fit moves " + coefficients
                + " towards infinity, and no finite maximum-likelihood estimate exists. Fit with {FIRTH}, which "
                + "gives finite estimates with standard errors, or with an L2 penalty, e.g. {REG_PARAM=0.01}; or "
                + "merge that level with another.";
    }

    private static String shortNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : new java.math.BigDecimal(v, new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
