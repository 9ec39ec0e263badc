package org.bernoulli.ml;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bernoulli.data.UsageException;
import org.bernoulli.formula.Design;
import org.bernoulli.inference.AverageMarginalEffect;
import org.bernoulli.margins.MarginSums;
import org.bernoulli.margins.MarginalEffects;
import org.bernoulli.spark.TableMargins;

import java.util.List;

/** The estimator's average marginal effects: the training job's pass over the dataset's rows ({@link TableMargins}). */
final class EstimatorMargins {

    private EstimatorMargins() {
    }

    /**
     * The effects of a formula fit over the rows it used, with its covariance; null when not asked for.
     *
     * @param asked      the estimator's {@code margins}
     * @param packed     per linear predictor: its coefficients, then its intercept
     * @param covariance the fit's covariance in packed order, or null when inference was off
     */
    static List<AverageMarginalEffect> of(boolean asked, Dataset<Row> rows, Design design, double[][] packed,
                                          double[] covariance) {
        if (!asked) {
            return null;
        }
        refuse(true, design);
        if (covariance == null) {
            throw new UsageException("margins: the effects' standard errors need the fit's inference, which is off for "
                    + design.numFeatures() + " columns");
        }
        MarginSums sums = TableMargins.sums(rows, "the spark.ml dataset",
                new MarginSums(design, packed, true, false));
        return MarginalEffects.of(sums, covariance);
    }

    /**
     * What the effects are not computed for, refused before the fit when they are asked for.
     *
     * @param design the formula's design, or null without a formula
     */
    static void refuse(boolean asked, Design design) {
        if (!asked) {
            return;
        }
        if (design == null) {
            throw new IllegalArgumentException("margins are of the variables of a formula: set formula");
        }
        if (design.counts()) {
            throw new UsageException("margins: average marginal effects are not computed for binomial counts yet");
        }
    }
}
