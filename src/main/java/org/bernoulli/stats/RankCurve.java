package org.bernoulli.stats;

import org.bernoulli.data.CompensatedSum;

import java.io.Serializable;
import java.util.List;

/**
 * Exact areas under the ROC and precision–recall curves from examples grouped by distinct score and
 * visited in ascending score order, possibly split into consecutive ranges (partitions of a sorted
 * distributed data set).
 *
 * <p><b>ROC.</b> AUC is the Mann–Whitney probability that a random positive scores above a random
 * negative, ties counting one half — the area under the ROC curve with ties handled as averaged
 * ranks. Visiting distinct scores s in ascending order,
 * 2·P·N·AUC = Σₛ pos(s)·(2·neg(&lt;s) + neg(s)). A range reports its positives, negatives and its
 * local sum (with neg(&lt;s) counted within the range); ranges combine exactly by adding
 * 2·pos_r·(negatives in earlier ranges) to each.
 *
 * <p><b>Precision–recall.</b> The area is the average precision
 * AP = Σₛ (pos(s)/P)·precision(s), precision(s) = TP(s)/(TP(s) + FP(s)) over the examples scoring
 * at least s — the step-wise area under the precision–recall curve, without the optimistic linear
 * interpolation between points. A range needs the counts below it, so it is a second pass.
 */
public final class RankCurve {

    private RankCurve() {
    }

    /** One range's contribution to the AUC, accumulated in ascending score order. */
    public static final class AucPartial implements Serializable {
        private static final long serialVersionUID = 1L;
        private long positives;
        private long negatives;
        private final CompensatedSum twiceArea = new CompensatedSum();

        /** Adds the examples that share the next (higher) distinct score. */
        public void add(long pos, long neg) {
            twiceArea.add((double) pos * (2.0 * negatives + neg));
            positives += pos;
            negatives += neg;
        }

        public long positives() {
            return positives;
        }

        public long negatives() {
            return negatives;
        }
    }

    /**
     * The AUC from consecutive ranges in ascending score order.
     *
     * @throws IllegalArgumentException when there are no positives or no negatives (AUC undefined)
     */
    public static double auc(List<AucPartial> ranges) {
        long p = ranges.stream().mapToLong(AucPartial::positives).sum();
        long n = ranges.stream().mapToLong(AucPartial::negatives).sum();
        checkBothClasses(p, n);
        CompensatedSum total = new CompensatedSum();
        long negativesBefore = 0;
        for (AucPartial r : ranges) {
            total.add(r.twiceArea);
            total.add(2.0 * r.positives * (double) negativesBefore);
            negativesBefore += r.negatives;
        }
        return total.value() / (2.0 * p * (double) n);
    }

    /** Accumulates average precision over one range, given the counts of all lower-scoring ranges. */
    public static final class AveragePrecisionPartial implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long totalPositives;
        private final long totalNegatives;
        private long positivesBelow;
        private long negativesBelow;
        private final CompensatedSum sum = new CompensatedSum();

        public AveragePrecisionPartial(long totalPositives, long totalNegatives, long positivesBelow, long negativesBelow) {
            checkBothClasses(totalPositives, totalNegatives);
            this.totalPositives = totalPositives;
            this.totalNegatives = totalNegatives;
            this.positivesBelow = positivesBelow;
            this.negativesBelow = negativesBelow;
        }

        /** Adds the examples that share the next (higher) distinct score. */
        public void add(long pos, long neg) {
            long truePositives = totalPositives - positivesBelow;
            long falsePositives = totalNegatives - negativesBelow;
            if (pos > 0) {
                sum.add((double) pos / totalPositives * ((double) truePositives / (truePositives + falsePositives)));
            }
            positivesBelow += pos;
            negativesBelow += neg;
        }

        public double value() {
            return sum.value();
        }
    }

    private static void checkBothClasses(long p, long n) {
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("ranking metrics need both classes; the data has " + p + " positive and "
                    + n + " negative examples");
        }
    }

    /**
     * The exact AUC and average precision of scores held on the driver: the positives' and the
     * negatives' scores sorted and walked together in ascending order, one step per distinct score.
     * NaN for both when a class is absent.
     *
     * @param positives     the positive rows' scores (the first {@code positiveCount})
     * @param negatives     the negative rows' scores (the first {@code negativeCount})
     */
    public static double[] areas(double[] positives, int positiveCount, double[] negatives, int negativeCount) {
        if (positiveCount == 0 || negativeCount == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] pos = java.util.Arrays.copyOf(positives, positiveCount);
        double[] neg = java.util.Arrays.copyOf(negatives, negativeCount);
        // Each class sorted by its bits (doubles have one ascending order), one after the other: the sort
        // runs once per evaluation, before the compiler has made it fast, and two cold sorts side by side
        // left no core to the compiler (measured, 500,000 margins each: 0.09 s together, 0.055 s in turn).
        DoubleRadixSort.sort(pos, pos.length);
        DoubleRadixSort.sort(neg, neg.length);
        AucPartial auc = new AucPartial();
        AveragePrecisionPartial ap = new AveragePrecisionPartial(positiveCount, negativeCount, 0, 0);
        int i = 0;
        int k = 0;
        while (i < pos.length || k < neg.length) {
            // The next distinct score; == makes −0.0 and 0.0 one score, as grouping by value does.
            double z = k == neg.length || (i < pos.length && pos[i] <= neg[k]) ? pos[i] : neg[k];
            long p = 0;
            while (i < pos.length && pos[i] == z) {
                p++;
                i++;
            }
            long n = 0;
            while (k < neg.length && neg[k] == z) {
                n++;
                k++;
            }
            auc.add(p, n);
            ap.add(p, n);
        }
        return new double[] {auc(List.of(auc)), ap.value()};
    }

    /**
     * {@code into}'s first {@code count} scores followed by {@code more}'s first {@code moreCount}: the
     * scores of two partial tallies merged (into itself when it has room).
     */
    static double[] append(double[] into, int count, double[] more, int moreCount) {
        double[] out = count + moreCount <= into.length ? into
                : java.util.Arrays.copyOf(into, Math.max(count + moreCount, 16));
        System.arraycopy(more, 0, out, count, moreCount);
        return out;
    }
}
