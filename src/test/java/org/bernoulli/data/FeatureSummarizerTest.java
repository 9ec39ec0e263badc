package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureSummarizerTest {

    @Test
    void aDenseBlockIsSummedAsTheVisitOfEveryValueSumsIt() {
        // The same cells (zeros stored) as a dense matrix, summed row by row, and as sparse rows holding
        // every cell, summed through the visitor: the same sums in the same order, so the same bits.
        Random random = new Random(11);
        int rows = 517;
        int width = 9;
        double[] cells = new double[rows * width];
        int[] rowStart = new int[rows + 1];
        int[] indices = new int[rows * width];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                cells[i * width + j] = random.nextInt(5) == 0 ? 0.0 : random.nextGaussian() * Math.pow(10, j - 4);
                indices[i * width + j] = j;
            }
            rowStart[i + 1] = (i + 1) * width;
        }
        double[] labels = new double[rows];
        double[] weights = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(2);
            weights[i] = random.nextInt(7) == 0 ? 0.0 : random.nextDouble() * 3;
        }
        FeatureBlock dense = new FeatureBlock(labels, weights, new DenseMatrix(rows, width, cells));
        FeatureBlock visited = new FeatureBlock(labels, weights,
                new SparseRowMatrix(rowStart, indices, cells.clone(), width));
        FeatureStatistics a = new FeatureSummarizer().add(dense).add(dense).result(width);
        FeatureStatistics b = new FeatureSummarizer().add(visited).add(visited).result(width);
        assertEquals(b.counts(), a.counts());
        assertEquals(2L * rows * width, a.counts().storedValues());
        assertEquals(b.weights(), a.weights());
        assertEquals(b.rowsDigest(), a.rowsDigest());
        FeatureStatistics.ColumnMoments x = a.columns();
        FeatureStatistics.ColumnMoments y = b.columns();
        assertArrayEquals(y.means(), x.means());
        assertArrayEquals(y.stdDevs(), x.stdDevs());
        assertArrayEquals(y.min(), x.min());
        assertArrayEquals(y.max(), x.max());
        assertArrayEquals(y.sums(), x.sums());
        assertArrayEquals(y.positiveSums(), x.positiveSums());
    }
}
