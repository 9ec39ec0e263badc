package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.OffsetBlock;
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
 * Σ wᵢ(σ(zᵢ) − yᵢ)(xᵢ, 1)/W, and rows without offsets build unwrapped blocks.
 */
class OffsetBlockTest {

    @Test
    void offsetsShiftTheMarginsOfLossAndGradient() {
        Random random = new Random(9);
        int d = 6;
        List<LabeledRow> rows = new ArrayList<>();
        for (LabeledRow r : Datasets.randomRows(random, 500, d, 0.6, true)) {
            rows.add(new LabeledRow(r.label(), r.weight(), r.indices(), r.values(), 2 * random.nextGaussian()));
        }
        List<FeatureBlock> blocks = BlockBuilder.blocks(rows, 64);
        assertTrue(blocks.stream().allMatch(b -> b instanceof OffsetBlock));
        double[] packed = {0.4, -0.3, 0.2, 0.1, -0.5, 0.25, -0.7};
        LossEvaluation e = new InMemoryDataLoss(blocks, d).evaluate(packed);
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
        assertTrue(plain.stream().noneMatch(b -> b instanceof OffsetBlock));
    }
}
