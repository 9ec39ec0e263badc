package org.bernoulli.stats;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.math.Logistic;

import java.io.Serializable;
import java.util.Arrays;


/**
 * Everything the evaluation of a model needs from margins and labels, accumulated row by row and
 * merged like any partial sum: the row count, the log loss Σ softplus(yᵢ ? −zᵢ : zᵢ) and the Brier
 * sum Σ (σ(zᵢ) − yᵢ)² (compensated), the confusion matrix at a margin cut, the label counts by
 * margin bin ({@link ScoreHistogram}), and the margins of each class themselves, from which
 * {@link #metrics} computes the exact areas: both classes' margins sorted and walked together in
 * ascending order, one step per distinct margin, as {@link RankCurve} counts them. Margins, not
 * probabilities, are ranked: σ rounds large margins to exactly 1, which would create ties the
 * model did not make.
 *
 * <p>Holding the margins costs 8 bytes per row, so this is for data whose margins fit the driver;
 * larger data is ranked by a distributed sort instead.
 */
public final class MarginTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double cut;
    private long rows;
    private final CompensatedSum loss = new CompensatedSum();
    private final CompensatedSum brier = new CompensatedSum();
    private long truePositives;
    private long falsePositives;
    private long trueNegatives;
    private long falseNegatives;
    private final ScoreHistogram histogram = new ScoreHistogram();
    private double[] positives = new double[16];
    private int positiveCount;
    private double[] negatives = new double[16];
    private int negativeCount;

    /** @param cut the margin at and above which a row is predicted positive: logit(threshold) */
    public MarginTally(double cut) {
        this.cut = cut;
    }

    /** Adds one row: its margin and its label, 0 or 1. */
    public void add(double z, double y) {
        rows++;
        boolean positive = y == 1.0;
        double tail = Logistic.tail(z); // one exponential for the loss, σ and the calibration bin
        loss.add(Logistic.softplus(positive ? -z : z, tail));
        double p = Logistic.sigmoid(z, tail);
        double residual = p - y;
        brier.add(residual * residual);
        boolean predicted = z >= cut;
        if (positive) {
            if (predicted) {
                truePositives++;
            } else {
                falseNegatives++;
            }
            if (positiveCount == positives.length) {
                positives = Arrays.copyOf(positives, 2 * positiveCount);
            }
            positives[positiveCount++] = z;
        } else {
            if (predicted) {
                falsePositives++;
            } else {
                trueNegatives++;
            }
            if (negativeCount == negatives.length) {
                negatives = Arrays.copyOf(negatives, 2 * negativeCount);
            }
            negatives[negativeCount++] = z;
        }
        histogram.add(z, p, y);
    }

    /** Merges another tally (of the same cut) into this one and returns this one. */
    public MarginTally merge(MarginTally other) {
        rows += other.rows;
        loss.add(other.loss);
        brier.add(other.brier);
        truePositives += other.truePositives;
        falsePositives += other.falsePositives;
        trueNegatives += other.trueNegatives;
        falseNegatives += other.falseNegatives;
        histogram.merge(other.histogram);
        positives = RankCurve.append(positives, positiveCount, other.positives, other.positiveCount);
        positiveCount += other.positiveCount;
        negatives = RankCurve.append(negatives, negativeCount, other.negatives, other.negativeCount);
        negativeCount += other.negativeCount;
        return this;
    }

    public long rows() {
        return rows;
    }

    /** Σ softplus(yᵢ ? −zᵢ : zᵢ), the rows' log losses. */
    public double lossSum() {
        return loss.value();
    }

    /** The label counts by margin bin. */
    public ScoreHistogram histogram() {
        return histogram;
    }

    /**
     * The metrics of the rows added: the mean log loss and Brier score, the exact areas under the
     * ROC and precision–recall curves (NaN when one class is absent) and the confusion matrix.
     *
     * @param rejected  input rows left out, for the record
     * @param threshold the probability threshold that {@code cut} is the logit of
     */
    public BinaryClassificationMetrics metrics(long rejected, double threshold) {
        double[] areas = areas();
        return new BinaryClassificationMetrics(rows, rejected, loss.value() / rows, brier.value() / rows, areas[0],
                areas[1], threshold, truePositives, falsePositives, trueNegatives, falseNegatives);
    }

    /** AUC and average precision from both classes' margins; NaN for both with one class. */
    private double[] areas() {
        return RankCurve.areas(positives, positiveCount, negatives, negativeCount);
    }
}
