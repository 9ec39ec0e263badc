package org.bernoulli.train;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.Folds;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseRowMatrix;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.BlockFoldedDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-validation: folds by content hash (layout-independent, balanced), the lockstep fits equal
 * each fold fitted on its own, bit for bit, and cost one shared pass per round instead of one per
 * fold.
 */
class CrossValidationTest {

    @Test
    void foldsDependOnTheRowNotOnTheLayoutAndAreBalanced() {
        Random random = new Random(4);
        List<LabeledRow> rows = Datasets.randomRows(random, 10_000, 8, 0.9, true);
        List<FeatureBlock> dense = BlockBuilder.blocks(rows, 10_000);
        assertTrue(dense.get(0).matrix() instanceof DenseMatrix);
        int[] a = Folds.assign(dense.get(0), 5, 77);
        FeatureBlock sparse = toSparse(dense.get(0));
        assertArrayEquals(a, Folds.assign(sparse, 5, 77), "the same rows in another layout get the same folds");
        int[] counts = new int[5];
        for (int f : a) {
            counts[f]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 2000) < 150, "fold sizes " + java.util.Arrays.toString(counts));
        }
        int moved = 0;
        int[] other = Folds.assign(dense.get(0), 5, 78);
        for (int i = 0; i < a.length; i++) {
            moved += a[i] != other[i] ? 1 : 0;
        }
        assertTrue(moved > 7000, "another seed reshuffles the folds: " + moved + " rows moved");
    }

    /** The lasso by proximal Newton, and an L2 path by trust-region Newton (Hessian-vector products per fold). */
    @org.junit.jupiter.params.ParameterizedTest(name = "alpha {0}, {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, AUTO", "0, TRON"})
    void lockstepFoldsEqualIndependentFitsInFewerPasses(double alpha, OptimizerChoice optimizer) {
        List<LabeledRow> rows = Datasets.csvRows("heart_scale.csv");
        int d = 13;
        List<FeatureBlock> blocks = BlockBuilder.blocks(rows, 64);
        int k = 5;
        long seed = 11;
        FeatureStatistics all = Datasets.statistics(rows, d);
        double[] lambdas = RegularizationPath.sequence(RegularizationPath.lambdaMax(all, alpha, false),
                RegularizationPath.lambdaMax(all, alpha, false) * 1e-3, 10);
        TrainerSettings settings = new TrainerSettings(new Regularization(lambdas[0], alpha, false),
                new StopRule(1000, 0, 1e-9), optimizer, 10);
        CrossValidation.Curve curve = CrossValidation.run(BlockFoldedDataLoss.inMemory(blocks, d, k, seed), settings,
                lambdas, List.of(), seed);

        int sumOfPasses = 0;
        int slowest = 0;
        double[] lossSum = new double[lambdas.length];
        double[] weightSum = new double[lambdas.length];
        for (int f = 0; f < k; f++) {
            List<FeatureBlock> training = new ArrayList<>();
            List<FeatureBlock> heldOut = new ArrayList<>();
            for (FeatureBlock b : blocks) {
                Folds.FoldedBlock split = Folds.split(b, k, seed);
                training.add(split.training()[f]);
                heldOut.add(split.heldOut()[f]);
            }
            FeatureSummarizer s = new FeatureSummarizer();
            training.forEach(s::add);
            List<RegularizationPath.Step> path = RegularizationPath.fit(BlockDataLoss.inMemory(training, d), s.result(d),
                    List.of(), new boolean[d], settings, lambdas, true, IterationMonitor.NONE, (i, n, step) -> { });
            int passes = 0;
            for (int m = 0; m < lambdas.length; m++) {
                Fit fit = path.get(m).fit();
                passes += fit.optimization().passes() + 1;
                double[] packed = java.util.Arrays.copyOf(fit.coefficients(), d + 1);
                packed[d] = fit.intercept();
                LossEvaluation held = BlockDataLoss.inMemory(heldOut, d).evaluate(packed);
                assertTrue(held.weightSum() > 30, "fold " + f + " holds out some rows");
                lossSum[m] += held.meanLoss() * held.weightSum();
                weightSum[m] += held.weightSum();
            }
            sumOfPasses += passes;
            slowest = Math.max(slowest, passes);
        }
        for (int m = 0; m < lambdas.length; m++) {
            assertEquals(lossSum[m] / weightSum[m], curve.meanLoss()[m], 0.0, "lambda " + lambdas[m]);
        }
        assertTrue(curve.passes() <= slowest + 1, "one pass per round: " + curve.passes() + " vs slowest fold "
                + slowest);
        assertTrue(curve.passes() < sumOfPasses / 3, curve.passes() + " shared passes vs " + sumOfPasses);

        // The same curve again: deterministic whatever the threads did.
        CrossValidation.Curve again = CrossValidation.run(BlockFoldedDataLoss.inMemory(blocks, d, k, seed), settings,
                lambdas, List.of(), seed);
        assertArrayEquals(curve.meanLoss(), again.meanLoss(), 0.0);
        assertEquals(curve.passes(), again.passes());
        for (int m = 0; m < lambdas.length; m++) {
            assertTrue(curve.meanLoss()[m] >= curve.meanLoss()[curve.best()]);
        }
        assertTrue(curve.oneStandardError() <= curve.best());
        assertTrue(curve.best() > 0, "lambda max (nothing selected) is not the best on heart_scale");
    }

    /** A failing pass (a lost executor, say) ends the cross-validation with its error; no fold waits for ever. */
    @Test
    void aFailedPassStopsEveryFold() {
        List<LabeledRow> rows = Datasets.csvRows("heart_scale.csv");
        List<FeatureBlock> blocks = BlockBuilder.blocks(rows, 64);
        BlockFoldedDataLoss real = BlockFoldedDataLoss.inMemory(blocks, 13, 3, 1);
        int[] calls = {0};
        org.bernoulli.math.FoldedDataLoss failing = new org.bernoulli.math.FoldedDataLoss() {
            public int folds() {
                return 3;
            }

            public int numFeatures() {
                return 13;
            }

            public org.bernoulli.math.FoldedDataLoss.Answer[] evaluate(org.bernoulli.math.FoldRequest[] requests) {
                if (++calls[0] == 4) {
                    throw new IllegalStateException("executor lost");
                }
                return real.evaluate(requests);
            }

            public List<FeatureStatistics> trainingStatistics() {
                return real.trainingStatistics();
            }
        };
        TrainerSettings settings = new TrainerSettings(new Regularization(0.01, 1, false), new StopRule(100, 0, 1e-9),
                OptimizerChoice.AUTO, 10);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalStateException.class, () -> CrossValidation.run(failing, settings,
                                new double[] {0.05, 0.01}, List.of(), 1)));
        assertTrue(e.getMessage().contains("executor lost") || e.getCause().getMessage().contains("executor lost"),
                e.getMessage());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (foldThreads() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, foldThreads(), "every fold's thread has ended");
    }

    private static long foldThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("bernoulli-cv-fold-") && t.isAlive()).count();
    }

    /** The same rows stored as compressed sparse rows. */
    private static FeatureBlock toSparse(FeatureBlock block) {
        DenseMatrix dense = (DenseMatrix) block.matrix();
        int n = dense.rows();
        int w = dense.width();
        int[] start = new int[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                double v = dense.values()[i * w + j];
                if (v != 0) {
                    idx.add(j);
                    val.add(v);
                }
            }
            start[i + 1] = idx.size();
        }
        return new FeatureBlock(block.labels(), block.weights(), new SparseRowMatrix(start,
                idx.stream().mapToInt(Integer::intValue).toArray(), val.stream().mapToDouble(Double::doubleValue).toArray(),
                w));
    }
}
