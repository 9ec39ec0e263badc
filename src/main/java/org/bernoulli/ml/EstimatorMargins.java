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

    /** The effects of a binary formula fit over the rows it used, with its covariance. */
    static List<AverageMarginalEffect> of(Dataset<Row> rows, Design design, org.bernoulli.train.ModelFitting.Fitted fitted) {
        refuse(true, design);
        if (fitted.summary() == null) {
            throw new UsageException("margins: the effects' standard errors need the fit's inference, which is off for "
                    + design.numFeatures() + " columns");
        }
        MarginSums sums = TableMargins.sums(rows, "the spark.ml dataset", new MarginSums(design, fitted.packed(), true));
        return MarginalEffects.of(sums, fitted.summary().inverse().covariance());
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
        if (design.counts() || design.classes() != null) {
            throw new UsageException("margins: average marginal effects are computed for a binary response, not "
                    + (design.counts() ? "binomial counts" : "a response of more than two classes") + " yet");
        }
    }
}
