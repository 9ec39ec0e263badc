package org.bernoulli.train;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Case weights are frequencies: heart_scale with seeded integer weights 0–3 gives the fit of the
 * data with each row repeated that many times (0 = left out), to 1e-10 in every coefficient —
 * unpenalized, L2 and elastic net (penalty on the raw coefficients; a penalty on standardized ones
 * follows MLlib's reliability-weight variance and is not a frequency statistic).
 */
class CaseWeightTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "0.05, 0", "0.02, 0.5", "0.05, 1"})
    void integerWeightsEqualRepeatedRows(double lambda, double alpha) {
        List<LabeledRow> rows = Datasets.csvRows("heart_scale.csv");
        Random random = new Random(23);
        List<LabeledRow> weighted = new ArrayList<>();
        List<LabeledRow> repeated = new ArrayList<>();
        for (LabeledRow r : rows) {
            int w = random.nextInt(4);
            weighted.add(new LabeledRow(r.label(), w, r.indices(), r.values()));
            for (int k = 0; k < w; k++) {
                repeated.add(new LabeledRow(r.label(), 1.0, r.indices(), r.values()));
            }
        }
        Fit a = fit(weighted, lambda, alpha);
        Fit b = fit(repeated, lambda, alpha);
        assertEquals(b.intercept(), a.intercept(), 1e-10);
        for (int j = 0; j < 13; j++) {
            assertEquals(b.coefficients()[j], a.coefficients()[j], 1e-10, "x" + (j + 1));
        }
        assertEquals(b.optimization().value(), a.optimization().value(), 1e-13);
    }

    private static Fit fit(List<LabeledRow> rows, double lambda, double alpha) {
        return new LogisticTrainer(new TrainerSettings(new Regularization(lambda, alpha),
                new StopRule(500, 0.0, 1e-12), OptimizerChoice.AUTO, 10))
                .fit(BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 64), 13), Datasets.statistics(rows, 13),
                        List.of(), IterationMonitor.NONE);
    }
}
