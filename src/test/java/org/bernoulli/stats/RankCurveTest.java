package org.bernoulli.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

public class RankCurveTest {

    /** Brute force: the fraction of (positive, negative) pairs ordered correctly, ties one half. */
    public static double pairwiseAuc(double[] scores, int[] labels) {
        double correct = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] != 0) {
                    continue;
                }
                pairs++;
                correct += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return correct / pairs;
    }

    /** Brute force: average precision, precision at each distinct score over all examples scoring at least it. */
    public static double averagePrecision(double[] scores, int[] labels) {
        long p = java.util.Arrays.stream(labels).filter(l -> l == 1).count();
        TreeMap<Double, long[]> groups = groups(scores, labels);
        double ap = 0;
        for (double s : groups.keySet()) {
            long tp = 0;
            long all = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= s) {
                    all++;
                    tp += labels[i];
                }
            }
            ap += (double) groups.get(s)[0] / p * tp / all;
        }
        return ap;
    }

    static TreeMap<Double, long[]> groups(double[] scores, int[] labels) {
        TreeMap<Double, long[]> groups = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            long[] g = groups.computeIfAbsent(scores[i], k -> new long[2]);
            g[labels[i] == 1 ? 0 : 1]++;
        }
        return groups;
    }

    @Test
    void aucAndAveragePrecisionEqualBruteForceWithTiesAndAnySplit() {
        Random random = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            int n = 400 + random.nextInt(300);
            double[] scores = new double[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextDouble() < 0.35 ? 1 : 0;
                // Coarse scores: many ties, within and across classes.
                scores[i] = Math.round((random.nextGaussian() + labels[i]) * 4) / 4.0;
            }
            List<long[]> sorted = new ArrayList<>(groups(scores, labels).values());
            for (int parts : new int[] {1, 2, 7, 64}) {
                List<RankCurve.AucPartial> partials = new ArrayList<>();
                int[] bounds = new int[parts + 1];
                for (int p = 1; p <= parts; p++) {
                    bounds[p] = p == parts ? sorted.size() : random.nextInt(sorted.size() + 1);
                }
                java.util.Arrays.sort(bounds);
                for (int p = 0; p < parts; p++) {
                    RankCurve.AucPartial partial = new RankCurve.AucPartial();
                    for (int g = bounds[p]; g < bounds[p + 1]; g++) {
                        partial.add(sorted.get(g)[0], sorted.get(g)[1]);
                    }
                    partials.add(partial);
                }
                assertEquals(pairwiseAuc(scores, labels), RankCurve.auc(partials), 1e-12, parts + " parts");
                long totalP = partials.stream().mapToLong(RankCurve.AucPartial::positives).sum();
                long totalN = partials.stream().mapToLong(RankCurve.AucPartial::negatives).sum();
                double ap = 0;
                long posBelow = 0;
                long negBelow = 0;
                for (int p = 0; p < parts; p++) {
                    RankCurve.AveragePrecisionPartial partial =
                            new RankCurve.AveragePrecisionPartial(totalP, totalN, posBelow, negBelow);
                    for (int g = bounds[p]; g < bounds[p + 1]; g++) {
                        partial.add(sorted.get(g)[0], sorted.get(g)[1]);
                    }
                    ap += partial.value();
                    posBelow += partials.get(p).positives();
                    negBelow += partials.get(p).negatives();
                }
                assertEquals(averagePrecision(scores, labels), ap, 1e-12, parts + " parts");
            }
        }
    }

    @Test
    void perfectAndReversedRankings() {
        RankCurve.AucPartial reversed = new RankCurve.AucPartial();
        reversed.add(3, 0);
        reversed.add(0, 2);
        assertEquals(0.0, RankCurve.auc(List.of(reversed)));
        RankCurve.AucPartial tied = new RankCurve.AucPartial();
        tied.add(3, 2);
        assertEquals(0.5, RankCurve.auc(List.of(tied)));
        RankCurve.AucPartial oneClass = new RankCurve.AucPartial();
        oneClass.add(3, 0);
        assertThrows(IllegalArgumentException.class, () -> RankCurve.auc(List.of(oneClass)));
    }
}
