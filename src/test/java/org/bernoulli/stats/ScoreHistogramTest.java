package org.bernoulli.stats;

import org.bernoulli.math.Logistic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's binned curves against brute force: the curves of the histogram must be exactly the
 * curves of the examples with each score replaced by its bin (ties within a bin), so their areas
 * equal the exact areas computed on the binned scores. Tolerance 1e-12: sums of a few thousand
 * ratios of integers.
 */
class ScoreHistogramTest {

    private static final int N = 3000;

    @Test
    void marginBinsHaveTheirStatedEdges() {
        int last = ScoreHistogram.MARGIN_BINS - 1;
        assertEquals(0, ScoreHistogram.marginBin(-40.000001));
        assertEquals(0, ScoreHistogram.marginBin(Double.NEGATIVE_INFINITY));
        assertEquals(1, ScoreHistogram.marginBin(-40));
        assertEquals(1, ScoreHistogram.marginBin(-39.951));
        assertEquals(2, ScoreHistogram.marginBin(-39.949));
        assertEquals(1 + 40 * ScoreHistogram.BINS_PER_UNIT, ScoreHistogram.marginBin(0));
        assertEquals(last - 1, ScoreHistogram.marginBin(39.999));
        assertEquals(last, ScoreHistogram.marginBin(40));
        assertEquals(last, ScoreHistogram.marginBin(Double.POSITIVE_INFINITY));
    }

    @Test
    void curvesAreThoseOfTheBinnedScores() {
        Random random = new Random(7);
        double[] z = new double[N];
        double[] y = new double[N];
        ScoreHistogram h = new ScoreHistogram();
        for (int i = 0; i < N; i++) {
            // Overlapping classes, margins spread over the whole range and beyond its ends.
            y[i] = random.nextDouble() < 0.3 ? 1 : 0;
            z[i] = (y[i] == 1 ? 1.5 : -0.5) + random.nextGaussian() * (i % 10 == 0 ? 30 : 1.5);
            h.add(z[i], y[i]);
        }
        int[] bin = new int[N];
        for (int i = 0; i < N; i++) {
            bin[i] = ScoreHistogram.marginBin(z[i]);
        }
        assertEquals(auc(bin, y), trapezoid(h.roc()), 1e-12);
        assertEquals(averagePrecision(bin, y), stepArea(h.precisionRecall()), 1e-12);
        List<ScoreHistogram.Point> roc = h.roc();
        assertEquals(new ScoreHistogram.Point(0, 0), roc.get(0));
        assertEquals(new ScoreHistogram.Point(1, 1), roc.get(roc.size() - 1));
        for (int k = 1; k < roc.size(); k++) {
            assertTrue(roc.get(k).x() >= roc.get(k - 1).x() && roc.get(k).y() >= roc.get(k - 1).y());
        }
        assertEquals(1.0, h.precisionRecall().get(h.precisionRecall().size() - 1).x(), 0);
    }

    @Test
    void reliabilityTableCountsAndAveragesEachProbabilityBin() {
        Random random = new Random(11);
        ScoreHistogram h = new ScoreHistogram();
        long[] rows = new long[10];
        double[] sumP = new double[10];
        long[] pos = new long[10];
        for (int i = 0; i < N; i++) {
            double z = random.nextGaussian() * 3;
            double p = Logistic.sigmoid(z);
            double y = random.nextDouble() < p ? 1 : 0;
            h.add(z, y);
            int c = p >= 1 ? 9 : (int) (p * 10);
            rows[c]++;
            sumP[c] += p;
            pos[c] += (long) y;
        }
        List<ScoreHistogram.CalibrationBin> bins = h.calibration();
        assertEquals(10, bins.size());
        for (int c = 0; c < 10; c++) {
            ScoreHistogram.CalibrationBin b = bins.get(c);
            assertEquals(c / 10.0, b.lower(), 1e-15);
            assertEquals(rows[c], b.rows());
            assertEquals(sumP[c] / rows[c], b.meanPredicted(), 1e-12);
            assertEquals((double) pos[c] / rows[c], b.observedRate(), 0);
            assertTrue(b.meanPredicted() >= b.lower() && b.meanPredicted() <= b.upper());
        }
    }

    @Test
    void mergingEqualsCountingEverythingInOnePlaceAndCountsRoundTrip() {
        Random random = new Random(3);
        ScoreHistogram all = new ScoreHistogram();
        ScoreHistogram a = new ScoreHistogram();
        ScoreHistogram b = new ScoreHistogram();
        for (int i = 0; i < 500; i++) {
            double z = random.nextGaussian() * 5;
            double y = random.nextBoolean() ? 1 : 0;
            all.add(z, y);
            (i % 3 == 0 ? a : b).add(z, y);
        }
        ScoreHistogram.Counts merged = a.merge(b).counts();
        ScoreHistogram.Counts expected = all.counts();
        assertArrayEquals(expected.positives(), merged.positives());
        assertArrayEquals(expected.negatives(), merged.negatives());
        assertArrayEquals(expected.calibrationRows(), merged.calibrationRows());
        assertArrayEquals(expected.calibrationPositives(), merged.calibrationPositives());
        assertArrayEquals(expected.calibrationProbabilitySums(), merged.calibrationProbabilitySums(), 1e-12);
        assertEquals(all.roc(), ScoreHistogram.of(expected).roc());
    }

    @Test
    void oneClassHasNoCurves() {
        ScoreHistogram h = new ScoreHistogram();
        h.add(0.3, 1);
        h.add(-2, 1);
        assertTrue(h.roc().isEmpty());
        assertTrue(h.precisionRecall().isEmpty());
        assertEquals(2, h.calibration().stream().mapToLong(ScoreHistogram.CalibrationBin::rows).sum());
    }

    /** Mann–Whitney over all pairs, ties one half. */
    private static double auc(int[] score, double[] y) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            if (y[i] != 1) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (y[j] != 0) {
                    continue;
                }
                pairs++;
                sum += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
            }
        }
        return sum / pairs;
    }

    /** Σ over positives of precision at that positive's score, / P; ties share the threshold. */
    private static double averagePrecision(int[] score, double[] y) {
        long positives = 0;
        for (double v : y) {
            positives += (long) v;
        }
        double sum = 0;
        for (int i = 0; i < score.length; i++) {
            if (y[i] != 1) {
                continue;
            }
            long tp = 0;
            long called = 0;
            for (int j = 0; j < score.length; j++) {
                if (score[j] >= score[i]) {
                    called++;
                    tp += (long) y[j];
                }
            }
            sum += (double) tp / called;
        }
        return sum / positives;
    }

    private static double trapezoid(List<ScoreHistogram.Point> curve) {
        double area = 0;
        for (int k = 1; k < curve.size(); k++) {
            area += (curve.get(k).x() - curve.get(k - 1).x()) * (curve.get(k).y() + curve.get(k - 1).y()) / 2;
        }
        return area;
    }

    /** Σ (recall_k − recall_{k−1}) · precision_k, recall starting at 0. */
    private static double stepArea(List<ScoreHistogram.Point> curve) {
        double area = 0;
        double previous = 0;
        for (ScoreHistogram.Point p : curve) {
            area += (p.x() - previous) * p.y();
            previous = p.x();
        }
        return area;
    }
}
