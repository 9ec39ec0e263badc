package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.CategoricalMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseRowMatrix;
import org.bernoulli.data.SplitMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Categorical terms stored as what they are: a block with a k-level factor keeps one integer per
 * row for it, not k − 1 columns, and every sum a pass takes — margins, loss, gradient, Hessian,
 * Hessian–vector product, quadratic forms, feature statistics — equals the sum over the same rows
 * one-hot encoded, to 1e-12 relative (the same products; only the order of some additions differs).
 */
class CategoricalStorageTest {
    private static final int K = 12;

    /**
     * Rows of: a number (column 0), a 12-level factor by treatment contrasts (columns 1–11, level 0
     * the reference), the factor times a number (columns 12–23, every level), another number (24).
     */
    private static List<LabeledRow> rows(Random random, int n) {
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int level = random.nextInt(K);
            double x = random.nextGaussian();
            double u = random.nextDouble() * 3;
            List<Integer> idx = new ArrayList<>();
            List<Double> val = new ArrayList<>();
            idx.add(0);
            val.add(x);
            if (level > 0) {
                idx.add(level);
                val.add(1.0);
            }
            idx.add(12 + level);
            val.add(u);
            idx.add(24);
            val.add(random.nextDouble());
            out.add(new LabeledRow(random.nextDouble() < 0.4 ? 1 : 0, 0.5 + random.nextDouble(),
                    idx.stream().mapToInt(Integer::intValue).toArray(), val.stream().mapToDouble(Double::doubleValue)
                    .toArray(), 0.1 * random.nextGaussian()));
        }
        return out;
    }

    @Test
    void aFactorIsOneIntegerPerRowAndItsSumsAreThoseOfItsOneHotColumns() {
        int n = 3000;
        int d = 25;
        List<LabeledRow> rows = rows(new Random(11), n);
        int[][] terms = {{1, 12}, {12, 24}};
        FeatureBlock split = one(BlockBuilder.blocks(rows.iterator(), terms));
        FeatureBlock oneHot = one(BlockBuilder.blocks(rows.iterator()));
        SplitMatrix m = assertInstanceOf(SplitMatrix.class, split.matrix());
        CategoricalMatrix factor = m.categorical().get(0);
        assertEquals(n, factor.storedValues(), "one integer per row for the 12-level factor");
        assertNull(factor.values(), "a factor's indicators need no values");
        assertEquals(n, m.categorical().get(1).storedValues());
        assertEquals(2L * n, m.numeric().storedValues(), "the two numbers");
        assertEquals(4L * n, split.storedValues(), "against " + oneHot.storedValues() + " stored one-hot");

        Random random = new Random(3);
        double[] packed = new double[d + 1];
        double[] direction = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            packed[j] = 0.3 * random.nextGaussian();
            direction[j] = random.nextGaussian();
        }
        double[] zSplit = new double[n];
        double[] zOneHot = new double[n];
        split.margins(packed, zSplit);
        oneHot.margins(packed, zOneHot);
        for (int i = 0; i < n; i++) {
            assertRelative(zOneHot[i], zSplit[i], "margin " + i);
        }
        LossEvaluation a = new LossAggregator(d, true).add(oneHot, packed).result();
        LossEvaluation b = new LossAggregator(d, true).add(split, packed).result();
        assertRelative(a.meanLoss(), b.meanLoss(), "loss");
        for (int j = 0; j <= d; j++) {
            assertRelative(a.gradient()[j], b.gradient()[j], "gradient " + j);
        }
        for (int j = 0; j < a.hessian().length; j++) {
            assertRelative(a.hessian()[j], b.hessian()[j], "Hessian " + j);
        }
        double[] hvA = new HessianVectorAggregator(d).add(oneHot, packed, direction).result();
        double[] hvB = new HessianVectorAggregator(d).add(split, packed, direction).result();
        for (int j = 0; j <= d; j++) {
            assertRelative(hvA[j], hvB[j], "Hessian-vector " + j);
        }
        double[] sym = new double[(d + 1) * (d + 1)];
        for (int j = 0; j <= d; j++) {
            for (int k = j; k <= d; k++) {
                sym[j * (d + 1) + k] = sym[k * (d + 1) + j] = random.nextGaussian();
            }
        }
        double[] qA = new double[n];
        double[] qB = new double[n];
        oneHot.quadraticForms(sym, d + 1, qA);
        split.quadraticForms(sym, d + 1, qB);
        for (int i = 0; i < n; i++) {
            assertRelative(qA[i], qB[i], "quadratic form " + i);
        }
        FeatureStatistics sA = new FeatureSummarizer().add(oneHot).result(d);
        FeatureStatistics sB = new FeatureSummarizer().add(split).result(d);
        for (int j = 0; j < d; j++) {
            assertRelative(sA.means()[j], sB.means()[j], "mean " + j);
            assertRelative(sA.stdDevs()[j], sB.stdDevs()[j], "sd " + j);
            assertEquals(sA.min()[j], sB.min()[j]);
            assertEquals(sA.max()[j], sB.max()[j]);
        }
    }

    @Test
    void twoValuesInOneCategoricalTermAreRefused() {
        SparseRowMatrix bad = new SparseRowMatrix(new int[] {0, 2}, new int[] {1, 2}, new double[] {1, 1}, 3);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SplitMatrix.of(bad, new int[][] {{1, 3}}));
        assertEquals("row 0 has two values in the categorical term at columns 1-2", e.getMessage());
    }

    private static FeatureBlock one(Iterator<FeatureBlock> blocks) {
        FeatureBlock b = blocks.next();
        assertEquals(false, blocks.hasNext());
        return b;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.abs(expected) + 1e-14, what);
    }
}
