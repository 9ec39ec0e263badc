package org.bernoulli.math;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.optim.ValueAndGradient;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic gradient of the objective (standardized parametrization, L2 penalty) against
 * central finite differences. With step h the central difference has truncation error O(h²·f''')
 * and rounding error O(ε·|f|/h); h = 1e-5 puts both near 1e-10, far below the 1e-6 relative
 * tolerance, which any sign or scaling mistake in the chain rule would exceed by orders of magnitude.
 */
class GradientCheckTest {

    @ParameterizedTest(name = "seed {0}, density {1}, lambda {2}")
    @CsvSource({"11, 1.0, 0.0", "12, 0.3, 0.0", "13, 1.0, 0.05", "14, 0.2, 0.5"})
    void analyticGradientMatchesCentralDifferences(long seed, double density, double lambda) {
        Random random = new Random(seed);
        int d = 7;
        List<LabeledRow> rows = Datasets.randomRows(random, 400, d, density, true);
        FeatureStatistics stats = Datasets.statistics(rows, d);
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), lambda);
        LogisticObjective f = new LogisticObjective(BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 64), d), scaling, lambda);
        for (int trial = 0; trial < 3; trial++) {
            double[] x = new double[d + 1];
            for (int j = 0; j <= d; j++) {
                x[j] = random.nextGaussian();
            }
            double[] g = f.evaluate(x).gradient();
            double h = 1e-5;
            double errorNorm = 0;
            double gradientNorm = 0;
            for (int j = 0; j <= d; j++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[j] += h;
                minus[j] -= h;
                double fd = (f.evaluate(plus).value() - f.evaluate(minus).value()) / (2 * h);
                errorNorm += (fd - g[j]) * (fd - g[j]);
                gradientNorm += g[j] * g[j];
                assertTrue(Math.abs(fd - g[j]) <= 1e-6 * Math.max(Math.abs(g[j]), 1e-3),
                        "component " + j + ": finite difference " + fd + ", analytic " + g[j]);
            }
            assertTrue(Math.sqrt(errorNorm) <= 1e-6 * Math.sqrt(gradientNorm),
                    "relative gradient error " + Math.sqrt(errorNorm / gradientNorm));
        }
    }

    /** The Hessian (standardized parametrization, penalty, fixed features) against differences of the gradient. */
    @ParameterizedTest(name = "seed {0}, density {1}, lambda {2}")
    @CsvSource({"31, 1.0, 0.0", "32, 0.3, 0.1"})
    void hessianMatchesDifferencesOfTheGradient(long seed, double density, double lambda) {
        Random random = new Random(seed);
        int d = 6;
        List<LabeledRow> rows = Datasets.randomRows(random, 300, d, density, true);
        FeatureStatistics stats = Datasets.statistics(rows, d);
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), lambda);
        LogisticObjective f = new LogisticObjective(BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 64), d), scaling, lambda);
        double[] x = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            x[j] = 0.5 * random.nextGaussian();
        }
        double[] h = f.evaluateWithHessian(x).hessian();
        int n = d + 1;
        double h0 = 1e-5;
        for (int k = 0; k < n; k++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] += h0;
            minus[k] -= h0;
            double[] gp = f.evaluate(plus).gradient();
            double[] gm = f.evaluate(minus).gradient();
            for (int j = 0; j < n; j++) {
                double fd = (gp[j] - gm[j]) / (2 * h0);
                assertTrue(Math.abs(fd - h[j * n + k]) <= 1e-6 * Math.max(Math.abs(h[j * n + k]), 1e-2),
                        "H[" + j + "," + k + "]: difference " + fd + ", analytic " + h[j * n + k]);
            }
        }
    }

    /**
     * The Hessian–vector product (one pass, no matrix) equals the full Hessian times the vector.
     * Both are analytic and summed with compensation, so they agree to rounding: 1e-12 relative to
     * the largest term. Feature 2 is forced fixed to check the unit diagonal both give it.
     */
    @ParameterizedTest(name = "seed {0}, density {1}, lambda {2}, offsets {3}")
    @CsvSource({"41, 1.0, 0.0, false", "42, 0.3, 0.1, false", "43, 0.05, 0.01, false", "44, 1.0, 0.0, true",
            "45, 0.3, 0.0, true"})
    void hessianVectorProductEqualsTheHessianTimesTheVector(long seed, double density, double lambda, boolean offsets) {
        Random random = new Random(seed);
        int d = 7;
        List<LabeledRow> rows = Datasets.randomRows(random, 500, d, density, true);
        if (offsets) {
            // An offset moves each margin, so the curvature σ'(z), but not the direction's margin x̃·u.
            rows = rows.stream().map(r -> new LabeledRow(r.label(), r.weight(), r.indices(), r.values(),
                    2 * random.nextGaussian())).toList();
        }
        FeatureStatistics stats = Datasets.statistics(rows, d);
        double[] min = stats.min().clone();
        double[] max = stats.max().clone();
        min[2] = max[2];
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), min, max, lambda);
        LogisticObjective f = new LogisticObjective(BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 64), d), scaling, lambda);
        int n = d + 1;
        double[] x = new double[n];
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = 0.5 * random.nextGaussian();
            v[j] = random.nextGaussian();
        }
        double[] h = f.evaluateWithHessian(x).hessian();
        double[] hv = f.hessianVector(x, v);
        for (int j = 0; j < n; j++) {
            double expected = 0;
            double scale = 0;
            for (int k = 0; k < n; k++) {
                expected += h[j * n + k] * v[k];
                scale = Math.max(scale, Math.abs(h[j * n + k] * v[k]));
            }
            assertEquals(expected, hv[j], 1e-12 * scale, "component " + j);
        }
        assertEquals(v[2], hv[2], 0.0, "a fixed feature has a unit diagonal");
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"21", "22"})
    void rawDataGradientMatchesCentralDifferences(long seed) {
        Random random = new Random(seed);
        int d = 5;
        List<LabeledRow> rows = Datasets.randomRows(random, 300, d, 0.5, false);
        BlockDataLoss loss = BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 32), d);
        double[] x = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            x[j] = 0.3 * random.nextGaussian();
        }
        double[] g = loss.evaluate(x).gradient();
        for (int j = 0; j <= d; j++) {
            double h = 1e-5;
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (loss.evaluate(plus).meanLoss() - loss.evaluate(minus).meanLoss()) / (2 * h);
            assertTrue(Math.abs(fd - g[j]) <= 1e-6 * Math.max(Math.abs(g[j]), 1e-3),
                    "component " + j + ": finite difference " + fd + ", analytic " + g[j]);
        }
    }

    @ParameterizedTest(name = "lambda {0}")
    @CsvSource({"0.0", "0.1"})
    void standardizationIsAnExactReparametrization(double lambda) {
        Random random = new Random(5);
        int d = 4;
        List<LabeledRow> rows = Datasets.randomRows(random, 200, d, 1.0, false);
        FeatureStatistics stats = Datasets.statistics(rows, d);
        FeatureScaling scaling = FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), lambda);
        double[] raw = {0.4, -0.3, 0.2, 0.1, -0.5};
        double[] back = scaling.toRaw(scaling.toStandardized(raw));
        for (int j = 0; j <= d; j++) {
            assertTrue(Math.abs(back[j] - raw[j]) <= 1e-14, "coordinate " + j + ": " + back[j] + " vs " + raw[j]);
        }
        BlockDataLoss loss = BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 64), d);
        ValueAndGradient standardized = new LogisticObjective(loss, scaling, lambda).evaluate(scaling.toStandardized(raw));
        ValueAndGradient plain = new LogisticObjective(loss, FeatureScaling.identity(d), lambda).evaluate(raw);
        assertTrue(Math.abs(standardized.value() - plain.value()) <= 1e-14, "same objective in both parametrizations");
    }
}
