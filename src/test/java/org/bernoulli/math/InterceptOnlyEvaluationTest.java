package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseColumnMatrix;
import org.bernoulli.data.SparseRowMatrix;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The evaluation at an intercept-only point from the statistics equals a pass over the data. The
 * gradient is the same sum regrouped as σ(b)·Σwx − Σ_{y=1}wx, so the two agree to rounding relative
 * to the size of the terms, Σ|wx|/W: 1e-13 of that.
 */
class InterceptOnlyEvaluationTest {

    @ParameterizedTest(name = "density {0}, layout {1}")
    @CsvSource({"1.0, rows", "0.2, rows", "0.2, columns"})
    void equalsAPassOverTheData(double density, String layout) {
        int d = 9;
        List<LabeledRow> rows = Datasets.randomRows(new Random(11), 800, d, density, true);
        List<FeatureBlock> blocks = new ArrayList<>();
        for (FeatureBlock b : BlockBuilder.blocks(rows, 100)) {
            blocks.add(layout.equals("columns") && b.matrix() instanceof SparseRowMatrix s
                    ? new FeatureBlock(b.labels(), b.weights(), b.offsets(), SparseColumnMatrix.of(s)) : b);
        }
        FeatureStatistics stats = Datasets.statistics(rows, d);
        double[] magnitude = new double[d + 1];
        double w = 0;
        for (LabeledRow r : rows) {
            w += r.weight();
            for (int k = 0; k < r.indices().length; k++) {
                magnitude[r.indices()[k]] += Math.abs(r.weight() * r.values()[k]);
            }
            magnitude[d] += r.weight();
        }
        for (double b : new double[] {Math.log(stats.positiveWeight() / stats.negativeWeight()), -2.5, 40.0}) {
            double[] packed = new double[d + 1];
            packed[d] = b;
            LossEvaluation pass = BlockDataLoss.inMemory(blocks, d).evaluate(packed);
            LossEvaluation fromStats = InterceptOnlyEvaluation.at(stats, b);
            assertEquals(pass.rows(), fromStats.rows());
            assertEquals(pass.weightSum(), fromStats.weightSum(), 1e-13 * w);
            assertEquals(pass.meanLoss(), fromStats.meanLoss(), 1e-13 * pass.meanLoss());
            for (int j = 0; j <= d; j++) {
                assertEquals(pass.gradient()[j], fromStats.gradient()[j], 1e-13 * magnitude[j] / w, "b " + b + ", j " + j);
            }
            assertEquals(pass.misclassifiedWeight(), fromStats.misclassifiedWeight(), 1e-12 * w);
            assertEquals(pass.extremeRows(), fromStats.extremeRows());
        }
    }
}
