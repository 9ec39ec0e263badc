package org.bernoulli.math;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one row scorer: margin and its standard error against the plain dense formulas. */
class MarginScorerTest {

    /** x̃ᵀ C x̃ with every term, x̃ = (x, 1): the definition the sparse sum must match. */
    private static double denseQuadraticForm(double[] c, double[] x) {
        int n = x.length + 1;
        double[] xt = java.util.Arrays.copyOf(x, n);
        xt[n - 1] = 1.0;
        double q = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                q += xt[a] * c[a * n + b] * xt[b];
            }
        }
        return q;
    }

    @Test
    void sparseRowsScoreAsTheirDenseForm() {
        Random random = new Random(7);
        int d = 12;
        int n = d + 1;
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = random.nextGaussian();
        }
        // A covariance: L Lᵀ, symmetric positive definite.
        double[] l = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            l[i] = random.nextGaussian() * 0.3;
        }
        double[] c = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                for (int k = 0; k < n; k++) {
                    c[a * n + b] += l[a * n + k] * l[b * n + k];
                }
            }
        }
        MarginScorer scorer = new MarginScorer(w, 0.25, c);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[d];
            scorer.start();
            for (int j = 0; j < d; j++) {
                if (random.nextDouble() < 0.3) {
                    x[j] = random.nextGaussian();
                    scorer.accept(j, x[j]);
                }
            }
            double z = 0.25;
            for (int j = 0; j < d; j++) {
                z += w[j] * x[j];
            }
            // Sums of a dozen terms of size ~1 in another order: agreement to a few ulps of the terms.
            assertEquals(z, scorer.margin(), 1e-14);
            assertEquals(Math.sqrt(denseQuadraticForm(c, x)), scorer.standardError(), 1e-13);
            assertEquals(scorer.margin(), new MarginScorer(w, 0.25, null).margin(x), 1e-14);
        }
    }

    @Test
    void aFeatureReadTwiceCountsTwiceAndStartForgetsTheRow() {
        double[] c = {2, 0, 0, 0, 3, 0.5, 0, 0.5, 1};
        MarginScorer scorer = new MarginScorer(new double[] {1.5, -2}, 1.0, c);
        scorer.start();
        scorer.accept(0, 1.0);
        scorer.accept(0, 1.0);
        scorer.addOffset(0.5);
        assertEquals(1.0 + 1.5 * 2 + 0.5, scorer.margin(), 0.0);
        // x̃ = (2, 0, 1): 4·2 + 1 = 9.
        assertEquals(3.0, scorer.standardError(), 1e-15);
        scorer.start();
        scorer.accept(1, 1.0);
        assertEquals(-1.0, scorer.margin(), 0.0);
        // x̃ = (0, 1, 1): 3 + 2·0.5 + 1 = 5.
        assertEquals(Math.sqrt(5.0), scorer.standardError(), 1e-15);
    }

    @Test
    void refusesACovarianceOfTheWrongSizeAndStandardErrorsWithoutOne() {
        assertThrows(IllegalArgumentException.class, () -> new MarginScorer(new double[2], 0, new double[4]));
        assertThrows(IllegalStateException.class, () -> new MarginScorer(new double[2], 0, null).standardError());
    }
}
