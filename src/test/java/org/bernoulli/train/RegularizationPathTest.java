package org.bernoulli.train;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regularization path: λmax is the smallest λ with every coefficient 0, and fitting the path
 * with warm starts reaches the same solutions as fitting each λ from scratch (objective 1e-10)
 * with fewer passes in all — the passes are counted.
 */
class RegularizationPathTest {

    @ParameterizedTest
    @CsvSource({"heart_scale, 1, false, NEWTON", "breast_cancer, 0.5, false, NEWTON",
            "heart_scale, 1, true, NEWTON", "heart_scale, 0.5, false, OWLQN"})
    void warmStartsReachTheSameFitsInFewerPasses(String name, double alpha, boolean standardization,
                                                 OptimizerChoice optimizer) {
        List<LabeledRow> rows = Datasets.csvRows(name + ".csv");
        int d = rows.stream().mapToInt(LabeledRow::width).max().orElseThrow();
        BlockDataLoss loss = BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 128), d);
        FeatureStatistics stats = Datasets.statistics(rows, d);
        double max = RegularizationPath.lambdaMax(stats, alpha, standardization);
        TrainerSettings settings = new TrainerSettings(new Regularization(max, alpha, standardization),
                new StopRule(20_000, 0.0, 1e-10), optimizer, 10);
        boolean[] none = new boolean[d];

        // At λmax every coefficient is 0; a little below it, not.
        Fit atMax = new LogisticTrainer(settings).fit(loss, stats, List.of(), IterationMonitor.NONE);
        for (double w : atMax.coefficients()) {
            assertEquals(0.0, w, 0.0, "every coefficient is 0 at lambda max " + max);
        }
        TrainerSettings below = new TrainerSettings(new Regularization(0.97 * max, alpha, standardization),
                settings.stopRule(), optimizer, 10);
        Fit belowMax = new LogisticTrainer(below).fit(loss, stats, List.of(), IterationMonitor.NONE);
        assertTrue(java.util.Arrays.stream(belowMax.coefficients()).anyMatch(w -> w != 0.0));

        double[] lambdas = RegularizationPath.sequence(max, max * 1e-2, 12);
        List<RegularizationPath.Step> warm = RegularizationPath.fit(loss, stats, List.of(), none, settings, lambdas,
                true, IterationMonitor.NONE, (k, n, s) -> { });
        List<RegularizationPath.Step> cold = RegularizationPath.fit(loss, stats, List.of(), none, settings, lambdas,
                false, IterationMonitor.NONE, (k, n, s) -> { });
        int warmPasses = 0;
        int coldPasses = 0;
        for (int k = 0; k < lambdas.length; k++) {
            Fit w = warm.get(k).fit();
            Fit c = cold.get(k).fit();
            assertEquals(c.optimization().value(), w.optimization().value(), 1e-10, "lambda " + lambdas[k]);
            assertEquals(cold.get(k).nonZero(), warm.get(k).nonZero(), "lambda " + lambdas[k]);
            warmPasses += w.optimization().passes();
            coldPasses += c.optimization().passes();
        }
        assertTrue(warmPasses < coldPasses, "warm " + warmPasses + " passes, cold " + coldPasses);
        assertTrue(warm.get(lambdas.length - 1).nonZero() > warm.get(0).nonZero(), "the path adds features");
    }
}
