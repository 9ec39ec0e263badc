package org.bernoulli.stats;

import org.bernoulli.math.Logistic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels counted by score, fine enough to draw ROC and precision–recall curves, and a reliability
 * table by predicted probability.
 *
 * <p><b>Curves.</b> Examples are counted in bins of the margin z = logit p, of width
 * 1/{@value #BINS_PER_UNIT} on [−{@value #MARGIN_LIMIT}, {@value #MARGIN_LIMIT}), plus one open bin
 * at each end. σ is increasing, so margin bins order examples exactly as probabilities do; unlike
 * equal-width probability bins they keep their resolution where p is close to 0 or 1, which is where
 * a well-separating model puts most examples. A curve point is a threshold at a bin edge: every
 * example in a higher bin is called positive. The areas the report prints come from the exact
 * evaluation ({@link BinaryClassificationMetrics}), not from these bins.
 *
 * <p><b>Reliability.</b> Ten equal-width bins of p = σ(z): per bin the number of examples, their
 * mean predicted probability and the observed fraction of positives. A calibrated model has the two
 * equal up to sampling error, about √(p(1−p)/n) for a bin of n examples.
 */
public final class ScoreHistogram implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Margins at or beyond ±this fall into the open end bins (σ(40) = 1 − 4·10⁻¹⁸). */
    public static final int MARGIN_LIMIT = 40;
    /** Bins per unit of margin. */
    public static final int BINS_PER_UNIT = 20;
    /** Closed bins between the limits, plus the two open ends. */
    public static final int MARGIN_BINS = 2 * MARGIN_LIMIT * BINS_PER_UNIT + 2;
    /** Equal-width probability bins of the reliability table. */
    public static final int CALIBRATION_BINS = 10;

    /**
     * The counts, as stored in {@code evaluation.json}.
     *
     * @param positives                  label-1 examples per margin bin, lowest margin first
     * @param negatives                  label-0 examples per margin bin
     * @param calibrationRows            examples per probability bin, [0, 0.1) first
     * @param calibrationProbabilitySums Σ p per probability bin
     * @param calibrationPositives       label-1 examples per probability bin
     */
    public record Counts(long[] positives, long[] negatives, long[] calibrationRows,
                         double[] calibrationProbabilitySums, long[] calibrationPositives) {
        public Counts {
            check("positives", positives.length, MARGIN_BINS);
            check("negatives", negatives.length, MARGIN_BINS);
            check("calibrationRows", calibrationRows.length, CALIBRATION_BINS);
            check("calibrationProbabilitySums", calibrationProbabilitySums.length, CALIBRATION_BINS);
            check("calibrationPositives", calibrationPositives.length, CALIBRATION_BINS);
        }

        private static void check(String name, int found, int expected) {
            if (found != expected) {
                throw new IllegalArgumentException(name + " must have " + expected + " entries, found " + found);
            }
        }
    }

    /** A point of a curve. */
    public record Point(double x, double y) {
    }

    /**
     * One bin of the reliability table.
     *
     * @param lower         lower probability edge (inclusive)
     * @param upper         upper probability edge (exclusive, but 1 is in the last bin)
     * @param rows          examples whose predicted probability falls in the bin
     * @param meanPredicted their mean predicted probability; NaN for an empty bin
     * @param observedRate  their fraction of label 1; NaN for an empty bin
     */
    public record CalibrationBin(double lower, double upper, long rows, double meanPredicted, double observedRate) {
    }

    private final long[] positives = new long[MARGIN_BINS];
    private final long[] negatives = new long[MARGIN_BINS];
    private final long[] calibrationRows = new long[CALIBRATION_BINS];
    private final double[] calibrationProbabilitySums = new double[CALIBRATION_BINS];
    private final long[] calibrationPositives = new long[CALIBRATION_BINS];

    public ScoreHistogram() {
    }

    /** A histogram holding the given counts. */
    public static ScoreHistogram of(Counts counts) {
        ScoreHistogram h = new ScoreHistogram();
        System.arraycopy(counts.positives(), 0, h.positives, 0, MARGIN_BINS);
        System.arraycopy(counts.negatives(), 0, h.negatives, 0, MARGIN_BINS);
        System.arraycopy(counts.calibrationRows(), 0, h.calibrationRows, 0, CALIBRATION_BINS);
        System.arraycopy(counts.calibrationProbabilitySums(), 0, h.calibrationProbabilitySums, 0, CALIBRATION_BINS);
        System.arraycopy(counts.calibrationPositives(), 0, h.calibrationPositives, 0, CALIBRATION_BINS);
        return h;
    }

    public Counts counts() {
        return new Counts(positives.clone(), negatives.clone(), calibrationRows.clone(),
                calibrationProbabilitySums.clone(), calibrationPositives.clone());
    }

    /** Counts one example with margin {@code z} and label {@code y} ∈ {0, 1}. */
    public void add(double z, double y) {
        add(z, Logistic.sigmoid(z), y);
    }

    /** Counts one example with margin {@code z}, probability {@code p = σ(z)} and label {@code y} ∈ {0, 1}. */
    public void add(double z, double p, double y) {
        boolean positive = y == 1.0;
        int bin = marginBin(z);
        if (positive) {
            positives[bin]++;
        } else {
            negatives[bin]++;
        }
        int c = Math.min(CALIBRATION_BINS - 1, (int) (p * CALIBRATION_BINS));
        calibrationRows[c]++;
        calibrationProbabilitySums[c] += p;
        if (positive) {
            calibrationPositives[c]++;
        }
    }

    /** The margin bin of z: 0 below −limit, the last bin at or above +limit. */
    static int marginBin(double z) {
        if (z < -MARGIN_LIMIT) {
            return 0;
        }
        if (z >= MARGIN_LIMIT) {
            return MARGIN_BINS - 1;
        }
        return Math.min(MARGIN_BINS - 2, 1 + (int) Math.floor((z + MARGIN_LIMIT) * BINS_PER_UNIT));
    }

    /** Adds another histogram's counts to this one and returns this. */
    public ScoreHistogram merge(ScoreHistogram other) {
        for (int b = 0; b < MARGIN_BINS; b++) {
            positives[b] += other.positives[b];
            negatives[b] += other.negatives[b];
        }
        for (int c = 0; c < CALIBRATION_BINS; c++) {
            calibrationRows[c] += other.calibrationRows[c];
            calibrationProbabilitySums[c] += other.calibrationProbabilitySums[c];
            calibrationPositives[c] += other.calibrationPositives[c];
        }
        return this;
    }

    public long totalPositives() {
        long p = 0;
        for (long v : positives) {
            p += v;
        }
        return p;
    }

    public long totalNegatives() {
        long n = 0;
        for (long v : negatives) {
            n += v;
        }
        return n;
    }

    /**
     * The ROC curve as (false-positive rate, true-positive rate), from (0, 0) through one point per
     * non-empty bin, highest threshold first, to (1, 1); empty when either class is absent.
     */
    public List<Point> roc() {
        List<Point> points = walk((tp, fp, p, n) -> new Point((double) fp / n, (double) tp / p));
        if (!points.isEmpty()) {
            points.add(0, new Point(0, 0));
        }
        return points;
    }

    /**
     * The precision–recall curve as (recall, precision), one point per non-empty bin from the
     * highest threshold down; empty when either class is absent.
     */
    public List<Point> precisionRecall() {
        return walk((tp, fp, p, n) -> new Point((double) tp / p, (double) tp / (tp + fp)));
    }

    /** A point from the counts above a threshold: true and false positives of P positives and N negatives. */
    @FunctionalInterface
    private interface ThresholdPoint {
        Point at(long truePositives, long falsePositives, long positives, long negatives);
    }

    /** One point per non-empty margin bin, calling everything in it and above positive. */
    private List<Point> walk(ThresholdPoint point) {
        long p = totalPositives();
        long n = totalNegatives();
        List<Point> points = new ArrayList<>();
        if (p == 0 || n == 0) {
            return points;
        }
        long tp = 0;
        long fp = 0;
        for (int b = MARGIN_BINS - 1; b >= 0; b--) {
            if (positives[b] + negatives[b] == 0) {
                continue;
            }
            tp += positives[b];
            fp += negatives[b];
            points.add(point.at(tp, fp, p, n));
        }
        return points;
    }

    /** The reliability table, lowest probabilities first; empty bins included with NaN means. */
    public List<CalibrationBin> calibration() {
        List<CalibrationBin> bins = new ArrayList<>(CALIBRATION_BINS);
        for (int c = 0; c < CALIBRATION_BINS; c++) {
            long rows = calibrationRows[c];
            bins.add(new CalibrationBin((double) c / CALIBRATION_BINS, (double) (c + 1) / CALIBRATION_BINS, rows,
                    rows == 0 ? Double.NaN : calibrationProbabilitySums[c] / rows,
                    rows == 0 ? Double.NaN : (double) calibrationPositives[c] / rows));
        }
        return bins;
    }
}
