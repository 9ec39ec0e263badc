package org.bernoulli.train;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;

import java.util.List;

/**
 * What data must offer before any optimizer runs, checked on the statistics of the pass that read
 * it, with the counts in the message: finite weighted sums (a sum that overflows double precision
 * would turn into an infinite scale or a "no weight" verdict that is false), some weight, and both
 * classes among the rows of positive weight — a logistic regression on one class has its optimum at
 * an infinite intercept. Cross-validation asks the same of every fold ({@link #checkFolds}).
 */
public final class DataRequirements {

    private DataRequirements() {
    }

    /**
     * @param stats        the statistics of the data
     * @param featureNames the features' names, for messages
     * @param weightColumn the case-weight column, or null when every row weighs 1
     * @param source       what the data is, for messages (e.g. its path)
     * @throws BadInputException saying what the data lacks, with counts
     */
    public static void check(FeatureStatistics stats, List<String> featureNames, String weightColumn, String source) {
        checkRows(stats, featureNames, weightColumn, source);
        checkBothClasses(stats, source);
    }

    /**
     * What every fit needs, whatever the classes: rows, finite weighted sums, some positive weight.
     * (A model of more than two classes checks its classes when it counts them.)
     *
     * @throws BadInputException saying what the data lacks, with counts
     */
    public static void checkRows(FeatureStatistics stats, List<String> featureNames, String weightColumn,
                                 String source) {
        if (stats.rows() == 0) {
            throw new BadInputException(source + " holds no examples");
        }
        String weights = weightColumn == null ? "the case weights" : "the case weights ({WEIGHT_COLUMN} '"
                + weightColumn + "')";
        if (!Double.isFinite(stats.weightSum()) || !Double.isFinite(stats.weightSquareSum())) {
            throw new BadInputException(source + ": " + weights + " of the " + rows(stats.rows()) + " sum (or their squares sum) to "
                    + "more than the largest double, 1.8e308: rescale them, e.g. divide them by their mean");
        }
        for (int j = 0; j < stats.numFeatures(); j++) {
            if (!Double.isFinite(stats.means()[j]) || !Double.isFinite(stats.stdDevs()[j])) {
                throw new BadInputException(source + ": the weighted sums of feature '" + name(featureNames, j)
                        + "' overflow "
                        + "double precision (its values lie in [" + stats.min()[j] + ", " + stats.max()[j] + "], "
                        + "total weight " + stats.weightSum() + "): rescale the column"
                        + (weightColumn == null ? "" : " or the weights"));
            }
        }
        if (!(stats.weightSum() > 0)) {
            throw new BadInputException(source + ": all " + rows(stats.rows()) + " have weight 0"
                    + (weightColumn == null ? "" : " in {WEIGHT_COLUMN} '" + weightColumn + "'") + "; nothing to fit");
        }
    }

    private static void checkBothClasses(FeatureStatistics stats, String source) {
        long positives = stats.weightedPositiveRows();
        long negatives = stats.weightedNegativeRows();
        if (positives == 0 || negatives == 0) {
            String only = positives > 0 ? "1" : "0";
            String other = positives > 0 ? "0" : "1";
            long otherRows = positives > 0 ? stats.rows() - stats.positiveRows() : stats.positiveRows();
            throw new BadInputException(source + " has only one class: every row of positive weight has label " + only
                    + " (" + rows(positives + negatives) + " with label " + only + ", "
                    + (otherRows == 0 ? "none with label " + other
                    : otherRows + " with label " + other + ", all of weight 0") + "); a logistic regression needs "
                    + "examples of both classes");
        }
    }

    private static String rows(long n) {
        return n == 1 ? "1 row" : n + " rows";
    }

    private static String name(List<String> featureNames, int j) {
        return j < featureNames.size() ? featureNames.get(j) : "x" + (j + 1);
    }

    /**
     * Cross-validation's requirements, before any fold is fitted: at least K rows, and for every fold
     * some held-out rows of positive weight and training rows (the other K − 1 folds) of both classes.
     *
     * @param training the statistics of each fold's training rows (its own rows at weight 0)
     * @param all      the statistics of all the data
     * @throws BadInputException naming the fold, with counts, and suggesting fewer folds
     */
    public static void checkFolds(List<FeatureStatistics> training, FeatureStatistics all) {
        int k = training.size();
        checkFoldCount(k, all);
        long weighted = all.weightedPositiveRows() + all.weightedNegativeRows();
        for (int f = 0; f < k; f++) {
            FeatureStatistics t = training.get(f);
            long heldOut = weighted - t.weightedPositiveRows() - t.weightedNegativeRows();
            if (heldOut == 0) {
                throw new BadInputException("{CV} " + k + ": fold " + (f + 1) + " holds no rows of positive weight ("
                        + weighted + " such rows, assigned to " + k + " folds by a hash of their content; identical "
                        + "rows share a fold): use fewer folds");
            }
            if (t.weightedPositiveRows() == 0 || t.weightedNegativeRows() == 0) {
                throw new BadInputException("{CV} " + k + ": the training rows of fold " + (f + 1) + " (the other "
                        + (k - 1) + " folds) have only one class (" + t.weightedPositiveRows() + " with label 1, "
                        + t.weightedNegativeRows() + " with label 0, of positive weight): use fewer folds");
            }
        }
    }

    /**
     * K-fold cross-validation needs at least K rows.
     *
     * @throws BadInputException with both counts
     */
    public static void checkFoldCount(int folds, FeatureStatistics all) {
        long weighted = all.weightedPositiveRows() + all.weightedNegativeRows();
        if (weighted < folds) {
            throw new BadInputException("{CV} " + folds + " needs at least " + folds + " rows of positive weight, the "
                    + "data has " + weighted + ": use fewer folds");
        }
    }
}
