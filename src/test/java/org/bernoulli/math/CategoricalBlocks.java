package org.bernoulli.math;

import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.SparseRowMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random blocks of K classes drawn from a softmax model, for the tests of the categorical sums. */
public final class CategoricalBlocks {

    private CategoricalBlocks() {
    }

    /** Rows of K classes, dense or sparse, with case weights (some 0), in blocks of {@code blockRows}. */
    public static List<FeatureBlock> random(long seed, int n, int classes, int d, boolean sparse, int blockRows) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double[] eta = new double[classes];
            for (int j = 0; j < d; j++) {
                x[i][j] = sparse && random.nextDouble() < 0.6 ? 0.0 : random.nextGaussian() * (j + 1);
            }
            double total = 0;
            for (int k = 1; k < classes; k++) {
                eta[k] = 0.3 * k - 0.2 * x[i][0] + 0.1 * k * x[i][k % d];
            }
            double[] p = new double[classes];
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(eta[k]);
                total += p[k];
            }
            double u = random.nextDouble() * total;
            int c = 0;
            while (c < classes - 1 && u > p[c]) {
                u -= p[c];
                c++;
            }
            y[i] = c;
            w[i] = i % 17 == 0 ? 0.0 : 0.5 + random.nextDouble();
        }
        List<FeatureBlock> blocks = new ArrayList<>();
        for (int from = 0; from < n; from += blockRows) {
            int to = Math.min(n, from + blockRows);
            blocks.add(block(x, y, w, from, to, sparse, d));
        }
        return blocks;
    }

    private static FeatureBlock block(double[][] x, double[] y, double[] w, int from, int to, boolean sparse, int d) {
        int rows = to - from;
        double[] labels = java.util.Arrays.copyOfRange(y, from, to);
        double[] weights = java.util.Arrays.copyOfRange(w, from, to);
        if (!sparse) {
            double[] values = new double[rows * d];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x[from + i], 0, values, i * d, d);
            }
            return new FeatureBlock(labels, weights, new DenseMatrix(rows, d, values));
        }
        int[] start = new int[rows + 1];
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                if (x[from + i][j] != 0.0) {
                    idx.add(j);
                    val.add(x[from + i][j]);
                }
            }
            start[i + 1] = idx.size();
        }
        return new FeatureBlock(labels, weights, new SparseRowMatrix(start,
                idx.stream().mapToInt(Integer::intValue).toArray(),
                val.stream().mapToDouble(Double::doubleValue).toArray(), d));
    }
}
