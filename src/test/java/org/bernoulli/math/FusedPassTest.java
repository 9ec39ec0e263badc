package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseRowMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused dense pass (margin, loss, residual and gradient in one sweep per row; plain sums in
 * runs of 64 rows, compensated across runs) equals the per-element compensated sums of the general
 * path — the same rows as sparse rows, which keep the separate margin and transposed-product sweeps —
 * to 1e-12 relative; so does its Hessian (the rows' curvatures from the same sweep, rank-4 updates of
 * plain run sums, compensated across runs) the sparse rows' outer products. Both are the same to the
 * bit for the same blocks, and partition-independent to 1e-12 (blocks of other sizes, merged in
 * another order); likewise the fused Hessian–vector pass (trust-region Newton's). Rows carry weights
 * (some 0), offsets, and margins large enough to saturate σ.
 */
class FusedPassTest {
    private static final int D = 37; // not a multiple of the four partial dot products

    private static List<LabeledRow> rows(Random random, int n) {
        List<LabeledRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] idx = new int[D];
            double[] val = new double[D];
            for (int j = 0; j < D; j++) {
                idx[j] = j;
                val[j] = random.nextGaussian() * (j % 3 == 0 ? 10 : 1) + j % 4;
            }
            double w = i % 11 == 0 ? 0.0 : 0.5 + random.nextDouble();
            rows.add(new LabeledRow(random.nextBoolean() ? 1 : 0, w, idx, val, random.nextGaussian() * 0.3));
        }
        return rows;
    }

    private static double[] parameters(Random random) {
        double[] packed = new double[D + 1];
        for (int j = 0; j <= D; j++) {
            packed[j] = random.nextGaussian() * 0.4;
        }
        return packed;
    }

    private static LossEvaluation sum(List<FeatureBlock> blocks, double[] packed, boolean withHessian) {
        LossAggregator a = new LossAggregator(D, withHessian);
        for (FeatureBlock b : blocks) {
            a.add(b, packed);
        }
        return a.result();
    }

    private static LossEvaluation merged(List<List<FeatureBlock>> partitions, double[] packed, boolean withHessian) {
        LossAggregator total = new LossAggregator(D, withHessian);
        for (List<FeatureBlock> partition : partitions) {
            LossAggregator a = new LossAggregator(D, withHessian);
            partition.forEach(b -> a.add(b, packed));
            total.merge(a);
        }
        return total.result();
    }

    private static void assertClose(LossEvaluation expected, LossEvaluation actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what);
        assertEquals(expected.weightSum(), actual.weightSum(), 1e-12 * expected.weightSum(), what);
        assertEquals(expected.meanLoss(), actual.meanLoss(), 1e-12 * expected.meanLoss(), what + ": loss");
        assertEquals(expected.misclassifiedWeight(), actual.misclassifiedWeight(), 1e-9, what);
        assertEquals(expected.extremeRows(), actual.extremeRows(), what);
        for (int j = 0; j <= D; j++) {
            double e = expected.gradient()[j];
            assertEquals(e, actual.gradient()[j], 1e-12 * Math.max(1, Math.abs(e)), what + ": gradient " + j);
        }
        assertEquals(expected.hessian() == null, actual.hessian() == null, what + ": a Hessian on both or neither");
        if (expected.hessian() != null) {
            // Relative to the diagonal's scale: an off-diagonal sum of terms of both signs may be near 0.
            int n = D + 1;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double scale = Math.sqrt(Math.abs(expected.hessian()[j * n + j] * expected.hessian()[k * n + k]));
                    assertEquals(expected.hessian()[j * n + k], actual.hessian()[j * n + k], 1e-12 * Math.max(scale, 1e-300),
                            what + ": Hessian " + j + "," + k);
                }
            }
        }
    }

    /** The same blocks with their rows stored as sparse rows, which the general (per-element compensated) path sums. */
    private static List<FeatureBlock> asSparseRows(List<FeatureBlock> dense) {
        List<FeatureBlock> sparse = new ArrayList<>();
        for (FeatureBlock b : dense) {
            DenseMatrix m = (DenseMatrix) b.matrix();
            int[] start = new int[m.rows() + 1];
            int[] idx = new int[m.values().length];
            for (int i = 0; i < m.rows(); i++) {
                start[i + 1] = start[i] + D;
                for (int j = 0; j < D; j++) {
                    idx[i * D + j] = j;
                }
            }
            sparse.add(new FeatureBlock(b.labels(), b.weights(), b.offsets(),
                    new SparseRowMatrix(start, idx, m.values(), D)));
        }
        return sparse;
    }

    private static double[] hessianVector(List<List<FeatureBlock>> partitions, double[] packed, double[] direction) {
        HessianVectorAggregator total = new HessianVectorAggregator(D);
        for (List<FeatureBlock> partition : partitions) {
            HessianVectorAggregator a = new HessianVectorAggregator(D);
            partition.forEach(b -> a.add(b, packed, direction));
            total.merge(a);
        }
        return total.result();
    }

    /**
     * The fused dense Hessian–vector pass equals the sparse rows' per-element compensated sums to 1e-12 of
     * the component's scale Σᵢ|cᵢx̃ᵢⱼ|/W (terms of both signs may cancel), gives the same bits for the same
     * blocks, and the same sums to that bound for other blocks merged in another order.
     */
    @Test
    void theFusedHessianVectorPassEqualsTheCompensatedSums() {
        Random random = new Random(43);
        List<LabeledRow> rows = rows(random, 5000);
        List<FeatureBlock> dense = BlockBuilder.blocks(rows, 1000);
        List<FeatureBlock> sparse = asSparseRows(dense);
        List<FeatureBlock> small = BlockBuilder.blocks(rows, 63);
        int third = small.size() / 3;
        List<List<FeatureBlock>> partitions = List.of(small.subList(0, third), small.subList(third, 2 * third),
                small.subList(2 * third, small.size()));
        for (double scale : new double[] {1, 30}) {
            double[] packed = parameters(random);
            double[] direction = parameters(random);
            for (int j = 0; j <= D; j++) {
                packed[j] *= scale;
            }
            double[] fused = hessianVector(List.of(dense), packed, direction);
            double[] compensated = hessianVector(List.of(sparse), packed, direction);
            double[] scales = new double[D + 1];
            double weight = 0;
            for (LabeledRow r : rows) {
                double z = r.offset() + packed[D];
                double zu = direction[D];
                for (int k = 0; k < r.indices().length; k++) {
                    z += packed[r.indices()[k]] * r.values()[k];
                    zu += direction[r.indices()[k]] * r.values()[k];
                }
                double c = Math.abs(r.weight() * Logistic.sigmoid(z) * Logistic.sigmoid(-z) * zu);
                for (int k = 0; k < r.indices().length; k++) {
                    scales[r.indices()[k]] += c * Math.abs(r.values()[k]);
                }
                scales[D] += c;
                weight += r.weight();
            }
            double[] other = hessianVector(partitions, packed, direction);
            for (int j = 0; j <= D; j++) {
                double bound = 1e-12 * scales[j] / weight;
                assertEquals(compensated[j], fused[j], bound, "scale " + scale + ", component " + j);
                assertEquals(compensated[j], other[j], bound, "other blocks, scale " + scale + ", component " + j);
            }
            assertArrayEquals(fused, hessianVector(List.of(dense), packed, direction), "the same blocks, the same bits");
        }
    }

    @Test
    void theFusedDensePassEqualsTheCompensatedSumsAndDoesNotDependOnBlocks() {
        Random random = new Random(42);
        List<LabeledRow> rows = rows(random, 5000);
        List<FeatureBlock> dense = BlockBuilder.blocks(rows, 1000);
        dense.forEach(b -> assertInstanceOf(DenseMatrix.class, b.matrix()));
        List<FeatureBlock> sparse = asSparseRows(dense);
        for (double scale : new double[] {1, 30}) { // 30: many margins beyond the extreme-margin bound
            double[] packed = parameters(random);
            for (int j = 0; j <= D; j++) {
                packed[j] *= scale;
            }
            LossEvaluation fused = sum(dense, packed, false);
            assertClose(sum(sparse, packed, false), fused, "sparse rows, scale " + scale);
            LossEvaluation newton = sum(dense, packed, true);
            assertClose(sum(sparse, packed, true), newton, "sparse rows' Hessian, scale " + scale);
            assertArrayEquals(fused.gradient(), sum(dense, packed, false).gradient(), "the same blocks, the same bits");
            assertArrayEquals(newton.hessian(), sum(dense, packed, true).hessian(), "the same blocks, the same bits");
            // Other blocks: 63 rows per block (runs that do not fill the rank-4 updates), in 3 partitions merged in order.
            List<FeatureBlock> small = BlockBuilder.blocks(rows, 63);
            int third = small.size() / 3;
            List<List<FeatureBlock>> partitions = List.of(small.subList(0, third), small.subList(third, 2 * third),
                    small.subList(2 * third, small.size()));
            assertClose(fused, merged(partitions, packed, false), "other blocks, scale " + scale);
            assertClose(newton, merged(partitions, packed, true), "other blocks' Hessian, scale " + scale);
            if (scale > 1) {
                assertTrue(fused.extremeRows() > 0, "the large scale reaches saturated margins");
            }
        }
    }
}
