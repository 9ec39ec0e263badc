package org.bernoulli.stats;

import org.bernoulli.data.CompensatedSum;
import org.bernoulli.math.Softmax;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the evaluation of a model of K classes needs from each row's margins (ηₖ of the
 * non-reference classes) and class, accumulated row by row and merged like any partial sum: the row
 * count, the log loss Σ −log p_{i,yᵢ} and the Brier sum (compensated), the confusion matrix of the
 * most probable class, and for each class the log-probabilities log pₖ of its rows and of the others,
 * from which {@link #metrics} computes the exact one-vs-rest areas ({@link RankCurve#areas}).
 * Log-probabilities, not probabilities, are ranked: a probability rounds to exactly 1 where its
 * logarithm still differs. Holding them costs 8·K bytes per row, so this is for data whose scores fit
 * the driver, as {@link MarginTally}.
 */
public final class ClassTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int classes;
    private long rows;
    private final CompensatedSum loss = new CompensatedSum();
    private final CompensatedSum brier = new CompensatedSum();
    private final long[][] confusion;
    private final double[][] inClass;
    private final int[] inCount;
    private final double[][] outOfClass;
    private final int[] outCount;
    /** Per class and probability decile: rows, Σ pₖ, and rows of the class ({@link #CALIBRATION_BINS} bins). */
    private final double[][] calibration;
    private transient double[] logP;
    private transient double[] p;

    /** @param classes K ≥ 2 */
    public ClassTally(int classes) {
        this.classes = classes;
        this.confusion = new long[classes][classes];
        this.inClass = new double[classes][16];
        this.inCount = new int[classes];
        this.outOfClass = new double[classes][16];
        this.outCount = new int[classes];
        this.calibration = new double[classes][3 * CALIBRATION_BINS];
    }

    /** Bins of a class's predicted probability for its calibration: tenths of [0, 1]. */
    public static final int CALIBRATION_BINS = 10;

    /**
     * Adds one row.
     *
     * @param eta the margins of the non-reference classes (K − 1)
     * @param y   the row's class, 0 … K − 1
     */
    public void add(double[] eta, int y) {
        if (y < 0 || y >= classes) {
            throw new IllegalArgumentException("class " + y + " of " + classes);
        }
        if (logP == null) {
            logP = new double[classes];
            p = new double[classes];
        }
        rows++;
        Softmax.logProbabilities(eta, logP);
        Softmax.probabilities(eta, p);
        loss.add(-logP[y]);
        double squares = 0;
        for (int k = 0; k < classes; k++) {
            double r = p[k] - (k == y ? 1.0 : 0.0);
            squares += r * r;
            if (k == y) {
                inClass[k] = push(inClass[k], inCount[k]++, logP[k]);
            } else {
                outOfClass[k] = push(outOfClass[k], outCount[k]++, logP[k]);
            }
        }
        brier.add(squares);
        for (int k = 0; k < classes; k++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p[k] * CALIBRATION_BINS));
            calibration[k][3 * bin] += 1;
            calibration[k][3 * bin + 1] += p[k];
            calibration[k][3 * bin + 2] += k == y ? 1 : 0;
        }
        confusion[y][Softmax.mostProbable(eta, classes)]++;
    }

    private static double[] push(double[] into, int at, double v) {
        double[] out = at < into.length ? into : Arrays.copyOf(into, 2 * into.length);
        out[at] = v;
        return out;
    }

    /** Merges another tally of the same classes into this one and returns this one. */
    public ClassTally merge(ClassTally other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException("cannot merge tallies of " + other.classes + " and " + classes + " classes");
        }
        rows += other.rows;
        loss.add(other.loss);
        brier.add(other.brier);
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                confusion[k][l] += other.confusion[k][l];
            }
            inClass[k] = RankCurve.append(inClass[k], inCount[k], other.inClass[k], other.inCount[k]);
            inCount[k] += other.inCount[k];
            outOfClass[k] = RankCurve.append(outOfClass[k], outCount[k], other.outOfClass[k], other.outCount[k]);
            outCount[k] += other.outCount[k];
            for (int b = 0; b < calibration[k].length; b++) {
                calibration[k][b] += other.calibration[k][b];
            }
        }
        return this;
    }

    public long rows() {
        return rows;
    }

    /** Σ −log p_{i,yᵢ}, the rows' log losses. */
    public double lossSum() {
        return loss.value();
    }

    /**
     * Adds every row of a block at the baseline-category parameters θ = (θ₁, …, θ_{K−1}) (each θₖ the
     * class's coefficients, then its intercept): the training data's evaluation.
     */
    public ClassTally addBlock(org.bernoulli.data.FeatureBlock block, double[] packed) {
        int m = classes - 1;
        int n = block.rows();
        double[][] eta = org.bernoulli.math.CategoricalDataLoss.margins(block, packed, classes);
        double[] row = new double[m];
        // Every row counts once, as the two-class evaluation of the training data counts them.
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                row[k] = eta[k][i];
            }
            add(row, (int) block.label(i));
        }
        return this;
    }

    /**
     * Each class's calibration: for every tenth of its predicted probability, the rows there, their
     * mean predicted probability of the class and the fraction of them in the class.
     *
     * @return [class][bin] → {rows, mean predicted, observed fraction} (NaN means for an empty bin)
     */
    public double[][][] calibration() {
        double[][][] out = new double[classes][CALIBRATION_BINS][3];
        for (int k = 0; k < classes; k++) {
            for (int b = 0; b < CALIBRATION_BINS; b++) {
                double rowsIn = calibration[k][3 * b];
                out[k][b][0] = rowsIn;
                out[k][b][1] = rowsIn > 0 ? calibration[k][3 * b + 1] / rowsIn : Double.NaN;
                out[k][b][2] = rowsIn > 0 ? calibration[k][3 * b + 2] / rowsIn : Double.NaN;
            }
        }
        return out;
    }

    /**
     * The metrics of the rows added.
     *
     * @param names    the classes, the reference first
     * @param rejected input rows left out, for the record
     */
    public MulticlassMetrics metrics(List<String> names, long rejected) {
        double[] auc = new double[classes];
        long[][] counts = new long[classes][];
        for (int k = 0; k < classes; k++) {
            auc[k] = RankCurve.areas(inClass[k], inCount[k], outOfClass[k], outCount[k])[0];
            counts[k] = confusion[k].clone();
        }
        return new MulticlassMetrics(rows, rejected, names, loss.value() / rows, brier.value() / rows, counts, auc);
    }
}
