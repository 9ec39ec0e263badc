package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.SparseColumnMatrix;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offsets enter the margin and nothing else: the data term on rows with offsets equals the mean of
 * wᵢ[softplus(zᵢ) − yᵢzᵢ] with zᵢ = b + w·xᵢ + oᵢ summed directly (1e-13 relative), its gradient is
 * Σ wᵢ(σ(zᵢ) − yᵢ)(xᵢ, 1)/W; rows without offsets build blocks that carry none; and offsets are
 * examples' data, not a wrapper of the matrix, so every layout keeps its fast paths with them.
 */
class OffsetsTest {

    @Test
    void offsetsShiftTheMarginsOfLossAndGradient() {
        Random random = new Random(9);
        int d = 6;
        List<LabeledRow> rows = new ArrayList<>();
        for (LabeledRow r : Datasets.randomRows(random, 500, d, 0.6, true)) {
            rows.add(new LabeledRow(r.label(), r.weight(), r.indices(), r.values(), 2 * random.nextGaussian()));
        }
        List<FeatureBlock> blocks = BlockBuilder.blocks(rows, 64);
        assertTrue(blocks.stream().allMatch(b -> b.offsets() != null));
        double[] packed = {0.4, -0.3, 0.2, 0.1, -0.5, 0.25, -0.7};
        LossEvaluation e = BlockDataLoss.inMemory(blocks, d).evaluate(packed);
        double loss = 0;
        double weight = 0;
        double[] gradient = new double[d + 1];
        for (LabeledRow r : rows) {
            double z = packed[d] + r.offset();
            for (int k = 0; k < r.indices().length; k++) {
                z += packed[r.indices()[k]] * r.values()[k];
            }
            loss += r.weight() * Logistic.negLogLikelihood(z, r.label());
            weight += r.weight();
            double residual = r.weight() * (Logistic.sigmoid(z) - r.label());
            for (int k = 0; k < r.indices().length; k++) {
                gradient[r.indices()[k]] += residual * r.values()[k];
            }
            gradient[d] += residual;
        }
        assertEquals(loss / weight, e.meanLoss(), 1e-13 * loss / weight);
        for (int j = 0; j <= d; j++) {
            assertEquals(gradient[j] / weight, e.gradient()[j], 1e-12, "gradient " + j);
        }
        List<FeatureBlock> plain = BlockBuilder.blocks(Datasets.randomRows(random, 100, d, 0.6, true), 64);
        assertTrue(plain.stream().noneMatch(b -> b.offsets() != null));
    }

    /**
     * Wide data with offsets is stored by columns like wide data without, and the statistics pass
     * takes the column path for it: the statistics are bit for bit those of the same rows without
     * offsets (the path's own rounding, one plain partial per column and block), only the count of
     * rows with an offset differs.
     */
    @Test
    void wideDataWithOffsetsTakesTheColumnPath() {
        Random random = new Random(12);
        int d = org.bernoulli.data.BlockBuilder.COLUMN_LAYOUT_MIN_WIDTH + 10;
        List<LabeledRow> plainRows = new ArrayList<>();
        List<LabeledRow> offsetRows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int[] indices = random.ints(20, 0, d).distinct().sorted().toArray();
            double[] values = random.doubles(indices.length, -2, 2).toArray();
            double label = random.nextBoolean() ? 1 : 0;
            double weight = 0.5 + random.nextDouble();
            plainRows.add(new LabeledRow(label, weight, indices, values));
            offsetRows.add(new LabeledRow(label, weight, indices, values, random.nextGaussian()));
        }
        List<FeatureBlock> plain = BlockBuilder.blocks(plainRows, 1000);
        List<FeatureBlock> withOffsets = BlockBuilder.blocks(offsetRows, 1000);
        assertTrue(withOffsets.stream().allMatch(b -> b.matrix() instanceof SparseColumnMatrix && b.offsets() != null),
                "wide blocks with offsets are stored by columns");
        FeatureSummarizer a = new FeatureSummarizer();
        plain.forEach(a::add);
        FeatureSummarizer b = new FeatureSummarizer();
        withOffsets.forEach(b::add);
        FeatureStatistics without = a.result(d);
        FeatureStatistics with = b.result(d);
        org.junit.jupiter.api.Assertions.assertArrayEquals(without.sums(), with.sums(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(without.stdDevs(), with.stdDevs(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(without.positiveSums(), with.positiveSums(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(without.min(), with.min(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(without.max(), with.max(), 0.0);
        assertEquals(0, without.offsetRows());
        assertEquals(3000, with.offsetRows());
        // The row path over the same values rounds otherwise: the equality above is the column path's.
        FeatureSummarizer rowPath = new FeatureSummarizer();
        for (FeatureBlock block : withOffsets) {
            SparseColumnMatrix columns = (SparseColumnMatrix) block.matrix();
            rowPath.add(new FeatureBlock(block.labels(), block.weights(), block.offsets(), columns.toRows()));
        }
        double[] rowSums = rowPath.result(d).sums();
        boolean differs = false;
        for (int j = 0; j < d; j++) {
            differs |= rowSums[j] != with.sums()[j];
            assertEquals(rowSums[j], with.sums()[j], 1e-12 * (1 + Math.abs(rowSums[j])));
        }
        assertTrue(differs, "the two paths round differently somewhere, so the test can tell them apart");
    }
}
