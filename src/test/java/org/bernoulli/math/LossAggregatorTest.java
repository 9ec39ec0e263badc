package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseColumnMatrix;
import org.bernoulli.data.SparseRowMatrix;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossAggregatorTest {

    @Test
    void emptyAggregatorRefusesToReportALoss() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LossAggregator(3).result());
        assertTrue(e.getMessage().contains("no examples"), e.getMessage());
    }

    @Test
    void sumsMatchTheDefinitionRowByRow() {
        List<LabeledRow> rows = Datasets.randomRows(new Random(1), 300, 6, 0.7, true);
        double[] packed = {0.3, -0.2, 0.1, 0.05, -0.4, 0.2, 0.7};
        LossEvaluation e = BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 50), 6).evaluate(packed);
        double w = 0, loss = 0;
        double[] grad = new double[7];
        for (LabeledRow row : rows) {
            double z = packed[6];
            for (int k = 0; k < row.indices().length; k++) {
                z += packed[row.indices()[k]] * row.values()[k];
            }
            double p = 1 / (1 + Math.exp(-z));
            w += row.weight();
            loss += row.weight() * (Math.log1p(Math.exp(z)) - row.label() * z);
            for (int k = 0; k < row.indices().length; k++) {
                grad[row.indices()[k]] += row.weight() * (p - row.label()) * row.values()[k];
            }
            grad[6] += row.weight() * (p - row.label());
        }
        assertEquals(300, e.rows());
        assertEquals(w, e.weightSum(), 1e-12 * w);
        assertEquals(loss / w, e.meanLoss(), 1e-12);
        for (int j = 0; j < 7; j++) {
            assertEquals(grad[j] / w, e.gradient()[j], 1e-12, "gradient " + j);
        }
    }

    @Test
    void denseAndSparseBlocksGiveTheSameSums() {
        List<LabeledRow> rows = Datasets.randomRows(new Random(2), 500, 8, 0.6, false);
        double[] packed = {0.5, -1, 0.25, 0, 0.1, -0.3, 0.2, 0.05, -0.1};
        // The same rows as one dense and as one sparse block.
        BlockBuilder builder = new BlockBuilder(1000);
        rows.forEach(builder::add);
        FeatureBlock dense = builder.build();
        assertInstanceOf(DenseMatrix.class, dense.matrix());
        FeatureBlock sparse = asSparse(rows);
        LossEvaluation a = new LossAggregator(8, true).add(dense, packed).result();
        LossEvaluation b = new LossAggregator(8, true).add(sparse, packed).result();
        for (int i = 0; i < a.hessian().length; i++) {
            assertEquals(a.hessian()[i], b.hessian()[i], 1e-12 * Math.abs(a.hessian()[i]) + 1e-300, "Hessian " + i);
        }
        assertEquals(a.meanLoss(), b.meanLoss(), 1e-12 * a.meanLoss());
        for (int j = 0; j < 9; j++) {
            assertEquals(a.gradient()[j], b.gradient()[j], 1e-12 * Math.abs(a.gradient()[j]) + 1e-15);
        }
    }

    /**
     * Row and column layouts of the same sparse rows: margins bit-for-bit equal (same order of
     * additions), loss, gradient, Hessian and Hessian–vector product equal to 1e-12 (the column
     * layout rounds one partial per column and block instead of each term), the conversion
     * reversible, and the builder choosing the column layout for wide data.
     */
    @Test
    void rowAndColumnSparseLayoutsGiveTheSameSums() {
        Random random = new Random(5);
        int d = 40;
        List<LabeledRow> rows = Datasets.randomRows(random, 600, d, 0.08, true);
        FeatureBlock byRows = asSparse(rows);
        SparseRowMatrix rowMatrix = (SparseRowMatrix) byRows.matrix();
        SparseColumnMatrix columnMatrix = SparseColumnMatrix.of(rowMatrix);
        FeatureBlock byColumns = new FeatureBlock(byRows.labels(), byRows.weights(), columnMatrix);
        SparseRowMatrix back = columnMatrix.toRows();
        assertArrayEquals(rowMatrix.rowStart(), back.rowStart());
        assertArrayEquals(rowMatrix.indices(), back.indices());
        assertArrayEquals(rowMatrix.values(), back.values());
        double[] packed = new double[d + 1];
        double[] direction = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            packed[j] = j % 7 == 0 ? 0.0 : 0.2 * random.nextGaussian();
            direction[j] = random.nextGaussian();
        }
        double[] zRows = new double[600];
        double[] zColumns = new double[600];
        byRows.margins(packed, zRows);
        byColumns.margins(packed, zColumns);
        assertArrayEquals(zRows, zColumns, 0.0);
        LossEvaluation a = new LossAggregator(d, true).add(byRows, packed).result();
        LossEvaluation b = new LossAggregator(d, true).add(byColumns, packed).result();
        assertEquals(a.meanLoss(), b.meanLoss(), 1e-12 * a.meanLoss());
        for (int j = 0; j <= d; j++) {
            assertEquals(a.gradient()[j], b.gradient()[j], 1e-12 * Math.abs(a.gradient()[j]) + 1e-15, "gradient " + j);
        }
        assertArrayEquals(a.hessian(), b.hessian(), 0.0, "the Hessian goes through the row form");
        double[] hvRows = new HessianVectorAggregator(d).add(byRows, packed, direction).result();
        double[] hvColumns = new HessianVectorAggregator(d).add(byColumns, packed, direction).result();
        for (int j = 0; j <= d; j++) {
            assertEquals(hvRows[j], hvColumns[j], 1e-12 * Math.abs(hvRows[j]) + 1e-15, "Hessian-vector " + j);
        }
        var statsRows = new org.bernoulli.data.FeatureSummarizer().add(byRows).result(d);
        var statsColumns = new org.bernoulli.data.FeatureSummarizer().add(byColumns).result(d);
        assertArrayEquals(statsRows.min(), statsColumns.min(), 0.0);
        assertArrayEquals(statsRows.max(), statsColumns.max(), 0.0);
        for (int j = 0; j < d; j++) {
            assertEquals(statsRows.means()[j], statsColumns.means()[j], 1e-12 * Math.abs(statsRows.means()[j]));
            assertEquals(statsRows.stdDevs()[j], statsColumns.stdDevs()[j], 1e-12 * statsRows.stdDevs()[j]);
        }
        List<LabeledRow> wide = List.of(new LabeledRow(1, 1, new int[] {3, BlockBuilder.COLUMN_LAYOUT_MIN_WIDTH - 1},
                new double[] {1, 2}), new LabeledRow(0, 1, new int[] {5}, new double[] {-1}));
        assertInstanceOf(SparseColumnMatrix.class, BlockBuilder.blocks(wide, 10).get(0).matrix());
        assertInstanceOf(SparseRowMatrix.class, BlockBuilder.blocks(rows, 1000).get(0).matrix());
    }

    @Test
    void mergeIsTheSumOfItsParts() {
        List<LabeledRow> rows = Datasets.randomRows(new Random(3), 400, 5, 0.3, true);
        List<FeatureBlock> blocks = BlockBuilder.blocks(rows, 37);
        double[] packed = {1, -1, 0.5, 0.2, -0.2, 0.1};
        LossAggregator whole = new LossAggregator(5);
        LossAggregator left = new LossAggregator(5);
        LossAggregator right = new LossAggregator(5);
        for (int i = 0; i < blocks.size(); i++) {
            whole.add(blocks.get(i), packed);
            (i % 2 == 0 ? left : right).add(blocks.get(i), packed);
        }
        LossEvaluation merged = left.merge(right).result();
        LossEvaluation all = whole.result();
        assertEquals(all.meanLoss(), merged.meanLoss(), 1e-15);
        assertArrayEquals(all.gradient(), merged.gradient(), 1e-15);
        assertEquals(all.rows(), merged.rows());
    }

    /** One example per margin and label, x = 1: the gradient is exactly the residual σ(z) − y. */
    @Test
    void lossAndGradientAreFiniteAndExactAtExtremeMargins() {
        for (double z : new double[] {1e-3, -1e-3, 40, -40, 1000, -1000, 1e6, -1e6}) {
            for (double y : new double[] {0, 1}) {
                FeatureBlock one = new FeatureBlock(new double[] {y}, new double[] {1}, new DenseMatrix(1, 1,
                        new double[] {1}));
                LossEvaluation e = new LossAggregator(1).add(one, new double[] {z, 0.0}).result();
                assertTrue(Double.isFinite(e.meanLoss()) && Double.isFinite(e.gradient()[0]), "z=" + z + ", y=" + y);
                assertEquals(Logistic.negLogLikelihood(z, y), e.meanLoss(), 0.0);
                assertEquals(Logistic.residual(z, y), e.gradient()[0], 0.0, "coefficient gradient");
                assertEquals(Logistic.residual(z, y), e.gradient()[1], 0.0, "intercept gradient");
            }
        }
    }

    @Test
    void countsMisclassifiedWeightAndExtremeMargins() {
        // y=1 at z=2 (right side), y=0 at z=1 (wrong side, weight 3), y=1 at z=50 (extreme).
        FeatureBlock block = new FeatureBlock(new double[] {1, 0, 1}, new double[] {1, 3, 1}, new DenseMatrix(3, 1,
                new double[] {2, 1, 50}));
        LossEvaluation e = new LossAggregator(1).add(block, new double[] {1.0, 0.0}).result();
        assertEquals(3.0, e.misclassifiedWeight());
        assertEquals(1, e.extremeRows());
    }

    static FeatureBlock asSparse(List<LabeledRow> rows) {
        int n = rows.size();
        double[] labels = new double[n];
        double[] weights = new double[n];
        int[] start = new int[n + 1];
        int nnz = rows.stream().mapToInt(r -> r.indices().length).sum();
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        int width = 0;
        for (int i = 0, k = 0; i < n; i++) {
            LabeledRow r = rows.get(i);
            labels[i] = r.label();
            weights[i] = r.weight();
            System.arraycopy(r.indices(), 0, idx, k, r.indices().length);
            System.arraycopy(r.values(), 0, val, k, r.values().length);
            k += r.indices().length;
            start[i + 1] = k;
            width = Math.max(width, r.width());
        }
        return new FeatureBlock(labels, weights, new SparseRowMatrix(start, idx, val, width));
    }
}
