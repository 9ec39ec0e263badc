package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureSummarizerTest {

    @Test
    void aDenseBlockIsSummedAsTheVisitOfEveryValueSumsIt() {
        // The same cells (zeros stored) as a dense matrix, summed in runs of plain sums, and as sparse rows
        // holding every cell, each value compensated: the same counts, ranges and digest exactly, and sums
        // within the runs' bound, (RUN_ROWS − 1)·u·Σ|terms| (plus about u of the total across runs).
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
        assertArrayEquals(y.min(), x.min());
        assertArrayEquals(y.max(), x.max());
        double u = Math.ulp(1.0) / 2;
        for (int j = 0; j < width; j++) {
            double magnitude = 0;
            double squares = 0;
            for (int i = 0; i < rows; i++) {
                magnitude += 2 * weights[i] * Math.abs(cells[i * width + j]);
                squares += 2 * weights[i] * cells[i * width + j] * cells[i * width + j];
            }
            double bound = CompensatedVector.RUN_ROWS * u;
            assertEquals(y.sums()[j], x.sums()[j], bound * magnitude, "sum " + j);
            assertEquals(y.positiveSums()[j], x.positiveSums()[j], bound * magnitude, "positive sum " + j);
            double w = a.weightSum();
            assertEquals(y.means()[j], x.means()[j], bound * magnitude / w, "mean " + j);
            // sd = √(E[x²] − E[x]²): its error is the moments' over 2·sd.
            double moments = bound * (squares + 2 * Math.abs(y.means()[j]) * magnitude) / w;
            assertEquals(y.stdDevs()[j], x.stdDevs()[j], moments / (2 * y.stdDevs()[j]) + 4 * Math.ulp(y.stdDevs()[j]),
                    "sd " + j);
        }
    }
}
