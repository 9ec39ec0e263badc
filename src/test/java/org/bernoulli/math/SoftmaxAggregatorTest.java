package org.bernoulli.math;

import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.SparseRowMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The categorical sums against their definitions: the gradient and the information against
 * central differences (step 1e-5: truncation and rounding errors near 1e-10, far below the 1e-6
 * tolerance that a sign or index mistake would exceed by orders of magnitude), K = 2 against the
 * Bernoulli sums, margins of ±1000, partitionings, and the scores' outer products against a
 * row-by-row sum.
 */
class SoftmaxAggregatorTest {
    private static final int D = 5;

    static List<FeatureBlock> data(long seed, int n, int classes, boolean sparse, int blockRows) {
        return CategoricalBlocks.random(seed, n, classes, D, sparse, blockRows);
    }

    private static double[] randomPoint(Random random, int size) {
        double[] theta = new double[size];
        for (int j = 0; j < size; j++) {
            theta[j] = 0.3 * random.nextGaussian();
        }
        return theta;
    }

    @ParameterizedTest(name = "{0} classes")
    @ValueSource(ints = {2, 3, 5})
    void gradientAndInformationMatchCentralDifferences(int classes) {
        for (boolean sparse : new boolean[] {false, true}) {
            CategoricalDataLoss loss = CategoricalDataLoss.inMemory(data(7 + classes, 300, classes, sparse, 64),
                    classes, D);
            double[] theta = randomPoint(new Random(classes), loss.parameters());
            LossEvaluation at = loss.evaluate(theta, true);
            int p = loss.parameters();
            double h = 1e-5;
            for (int j = 0; j < p; j++) {
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += h;
                minus[j] -= h;
                LossEvaluation up = loss.evaluate(plus, false);
                LossEvaluation down = loss.evaluate(minus, false);
                double fd = (up.meanLoss() - down.meanLoss()) / (2 * h);
                assertEquals(fd, at.gradient()[j], 1e-6 * Math.max(Math.abs(fd), 1e-3), "gradient " + j);
                for (int l = 0; l < p; l++) {
                    double hd = (up.gradient()[l] - down.gradient()[l]) / (2 * h);
                    assertEquals(hd, at.hessian()[j * p + l], 1e-6 * Math.max(Math.abs(hd), 1e-3),
                            "information " + j + ", " + l);
                }
            }
        }
    }

    @Test
    void theStandardizedObjectiveHasTheGradientAndHessianOfItsValues() {
        int classes = 4;
        List<FeatureBlock> blocks = data(3, 250, classes, false, 50);
        double[] centers = {0.1, -0.2, 0.3, 0.0, 0.5};
        double[] scales = {1.0, 2.0, 3.0, 4.0, 5.0};
        boolean[] fixed = {false, false, false, true, false};
        CategoricalObjective f = new CategoricalObjective(CategoricalDataLoss.inMemory(blocks, classes, D),
                new FeatureScaling(centers, scales, fixed));
        double[] x = randomPoint(new Random(5), 3 * (D + 1));
        for (int k = 0; k < 3; k++) {
            x[k * (D + 1) + 3] = 0.0; // a fixed feature's coordinate stays 0
        }
        var at = f.evaluateWithHessian(x);
        int p = x.length;
        double h = 1e-5;
        for (int j = 0; j < p; j++) {
            if (j % (D + 1) == 3) {
                assertEquals(0.0, at.first().gradient()[j], "a fixed feature's gradient");
                continue;
            }
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += h;
            minus[j] -= h;
            var up = f.evaluate(plus);
            var down = f.evaluate(minus);
            double fd = (up.value() - down.value()) / (2 * h);
            assertEquals(fd, at.first().gradient()[j], 1e-6 * Math.max(Math.abs(fd), 1e-3), "gradient " + j);
            for (int l = 0; l < p; l++) {
                if (l % (D + 1) == 3) {
                    continue;
                }
                double hd = (up.gradient()[l] - down.gradient()[l]) / (2 * h);
                assertEquals(hd, at.hessian()[j * p + l], 1e-6 * Math.max(Math.abs(hd), 1e-3), "Hessian " + j + ", " + l);
            }
        }
        double[] raw = f.toRaw(x);
        assertArrayClose(x, f.toStandardized(raw), 1e-14);
    }

    @Test
    void twoClassesAreTheBernoulliSums() {
        for (boolean sparse : new boolean[] {false, true}) {
            List<FeatureBlock> blocks = data(21, 400, 2, sparse, 64);
            double[] theta = randomPoint(new Random(2), D + 1);
            LossEvaluation softmax = CategoricalDataLoss.inMemory(blocks, 2, D).evaluate(theta, true);
            LossEvaluation bernoulli = BlockDataLoss.inMemory(blocks, D).evaluate(theta, true);
            assertEquals(bernoulli.meanLoss(), softmax.meanLoss(), 1e-15 * bernoulli.meanLoss());
            assertEquals(bernoulli.weightSum(), softmax.weightSum(), 0.0);
            assertEquals(bernoulli.misclassifiedWeight(), softmax.misclassifiedWeight(), 1e-12);
            assertArrayClose(bernoulli.gradient(), softmax.gradient(), 1e-14);
            assertArrayClose(bernoulli.hessian(), softmax.hessian(), 1e-14);
        }
    }

    @Test
    void marginsOfAThousandAreExact() {
        // Three classes; per row the margins (η₁, η₂) and the class: the exact loss is
        // log Σ exp(η) − η_y, which at these margins is max(η) − η_y to well below one rounding.
        double[][] margins = {{1000, -1000}, {-1000, 1000}, {-1000, -1000}, {1000, 1000}, {1000, 999}};
        int[] classes = {0, 1, 2, 1, 2};
        double[] expected = {1000, 2000, 1000, Math.log(2), 1 + Math.log1p(Math.exp(-1))};
        for (int i = 0; i < margins.length; i++) {
            // Intercepts carry the margins; a zero feature column.
            FeatureBlock one = new FeatureBlock(new double[] {classes[i]}, new double[] {1.0},
                    new DenseMatrix(1, 1, new double[] {0.0}));
            double[] theta = {0.0, margins[i][0], 0.0, margins[i][1]};
            LossEvaluation e = new SoftmaxAggregator(3, 1, SoftmaxAggregator.Matrix.INFORMATION).add(one, theta).result();
            assertEquals(expected[i], e.meanLoss(), Math.ulp(expected[i]), "row " + i);
            for (double g : e.gradient()) {
                assertFalse(Double.isNaN(g), "row " + i);
            }
            for (double v : e.hessian()) {
                assertFalse(Double.isNaN(v), "row " + i);
            }
        }
        // The row of the largest class keeps the digits of a tiny loss: log1p(e^−40 + e^−50).
        FeatureBlock one = new FeatureBlock(new double[] {1}, new double[] {1.0}, new DenseMatrix(1, 1, new double[] {0}));
        double tiny = new SoftmaxAggregator(3, 1, SoftmaxAggregator.Matrix.NONE)
                .add(one, new double[] {0, 40, 0, -10}).result().meanLoss();
        assertEquals(Math.exp(-40) + Math.exp(-50), tiny, 1e-15 * tiny);
    }

    @Test
    void partitioningsAgree() {
        int classes = 4;
        double[] theta = randomPoint(new Random(9), 3 * (D + 1));
        LossEvaluation whole = CategoricalDataLoss.inMemory(data(31, 2000, classes, true, 2000), classes, D)
                .evaluate(theta, true);
        for (int rows : new int[] {1, 7, 64, 333}) {
            List<FeatureBlock> blocks = data(31, 2000, classes, true, rows);
            LossEvaluation e = CategoricalDataLoss.inMemory(blocks, classes, D).evaluate(theta, true);
            assertEquals(whole.meanLoss(), e.meanLoss(), 1e-14 * whole.meanLoss());
            assertArrayClose(whole.gradient(), e.gradient(), 1e-12);
            assertArrayClose(whole.hessian(), e.hessian(), 1e-12);
            // Merged in another order, the same sums.
            SoftmaxAggregator reversed = new SoftmaxAggregator(classes, D, SoftmaxAggregator.Matrix.INFORMATION);
            for (int b = blocks.size() - 1; b >= 0; b--) {
                reversed.merge(new SoftmaxAggregator(classes, D, SoftmaxAggregator.Matrix.INFORMATION)
                        .add(blocks.get(b), theta));
            }
            assertArrayClose(whole.gradient(), reversed.result().gradient(), 1e-12);
        }
    }

    @Test
    void scoreProductsAreTheRowsOuterProducts() {
        int classes = 3;
        int q = D + 1;
        List<FeatureBlock> blocks = data(41, 120, classes, false, 40);
        double[] theta = randomPoint(new Random(4), 2 * q);
        int p = theta.length;
        double[] expected = new double[p * p];
        for (FeatureBlock b : blocks) {
            DenseMatrix m = (DenseMatrix) b.matrix();
            for (int i = 0; i < b.rows(); i++) {
                double[] eta = new double[classes];
                double total = 1.0;
                for (int k = 1; k < classes; k++) {
                    eta[k] = theta[k * q - 1];
                    for (int j = 0; j < D; j++) {
                        eta[k] += theta[(k - 1) * q + j] * m.values()[i * D + j];
                    }
                    total += Math.exp(eta[k]);
                }
                double[] score = new double[p];
                for (int k = 1; k < classes; k++) {
                    double r = b.weight(i) * (Math.exp(eta[k]) / total - (b.label(i) == k ? 1 : 0));
                    for (int j = 0; j < D; j++) {
                        score[(k - 1) * q + j] = r * m.values()[i * D + j];
                    }
                    score[k * q - 1] = r;
                }
                for (int a = 0; a < p; a++) {
                    for (int c = 0; c < p; c++) {
                        expected[a * p + c] += score[a] * score[c];
                    }
                }
            }
        }
        double[] summed = CategoricalDataLoss.inMemory(blocks, classes, D).scoreOuterProducts(theta);
        assertArrayClose(expected, summed, 1e-12);
    }

    @Test
    void aLabelThatIsNoClassIndexIsRefused() {
        FeatureBlock one = new FeatureBlock(new double[] {3}, new double[] {1.0}, new DenseMatrix(1, 1, new double[] {0}));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxAggregator(3, 1, SoftmaxAggregator.Matrix.NONE).add(one, new double[4]));
        assertEquals("label 3.0 is not a class index 0..2", e.getMessage());
    }

    static void assertArrayClose(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= relative * scale,
                    "element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
