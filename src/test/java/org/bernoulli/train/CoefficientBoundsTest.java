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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounds on coefficients: the fit satisfies the KKT conditions of the box-constrained problem —
 * a coefficient at its lower bound has ∂f/∂wⱼ ≥ 0, at its upper bound ≤ 0, strictly inside = 0
 * (within 1e-7 on the raw scale) — which for a convex objective certify the optimum; the bounds hold
 * exactly, and some coefficients do sit on them (the unconstrained fit violates them).
 */
class CoefficientBoundsTest {

    @ParameterizedTest
    @CsvSource({"0, inf, 0", "-inf, 0.5, 0", "-0.3, 0.8, 0", "0, inf, 0.02", "-0.3, 0.8, 0.01"})
    void boundedFitSatisfiesTheKktConditions(String lowerText, String upperText, double lambda) {
        List<LabeledRow> rows = Datasets.csvRows("heart_scale.csv");
        int d = 13;
        BlockDataLoss loss = BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 64), d);
        CoefficientBounds bounds = CoefficientBounds.parse(lowerText, upperText);
        double alpha = lambda > 0 ? 0.5 : 0;
        Fit fit = new LogisticTrainer(new TrainerSettings(new Regularization(lambda, alpha), new StopRule(500, 0, 1e-11),
                OptimizerChoice.AUTO, 10, bounds)).fit(loss, Datasets.statistics(rows, d), List.of(),
                IterationMonitor.NONE);
        CoefficientBounds b = bounds.forFeatures(d);
        double[] raw = java.util.Arrays.copyOf(fit.coefficients(), d + 1);
        raw[d] = fit.intercept();
        double[] g = loss.evaluate(raw).gradient();
        assertTrue(Math.abs(g[d]) < 1e-7, "intercept gradient " + g[d]);
        int atBound = 0;
        for (int j = 0; j < d; j++) {
            double w = raw[j];
            assertTrue(w >= b.lower()[j] && w <= b.upper()[j], "x" + (j + 1) + " = " + w + " is out of bounds");
            // The smooth part's gradient along wⱼ, and the L1 part's subgradient range.
            double smooth = g[j] + lambda * (1 - alpha) * w;
            double c = lambda * alpha;
            double lowest = w > 0 ? smooth + c : w < 0 ? smooth - c : smooth - c;
            double highest = w > 0 ? smooth + c : w < 0 ? smooth - c : smooth + c;
            if (w == b.lower()[j] && w != b.upper()[j]) {
                atBound++;
                assertTrue(highest >= -1e-7, "x" + (j + 1) + " at its lower bound must not want to go lower: " + highest);
            } else if (w == b.upper()[j]) {
                atBound++;
                assertTrue(lowest <= 1e-7, "x" + (j + 1) + " at its upper bound must not want to go higher: " + lowest);
            } else {
                assertTrue(lowest <= 1e-7 && highest >= -1e-7, "x" + (j + 1) + " inside: 0 in [" + lowest + ", "
                        + highest + "]");
            }
        }
        assertTrue(atBound > 0, "some coefficients sit on a bound");
        assertEquals("newton", fit.optimizer());
    }

    @org.junit.jupiter.api.Test
    void boundsThatHoldNoValueOrDoNotFitTheDataAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CoefficientBounds.parse("1", "0"));
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> CoefficientBounds.parse("zero", null));
        assertTrue(text.getMessage().contains("{LOWER_BOUNDS}: 'zero' is not a number"), text.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> CoefficientBounds.parse("0,0", null).forFeatures(13));
        assertTrue(count.getMessage().contains("bounds for 2 coefficients, the data has 13 features"));
        assertThrows(IllegalArgumentException.class, () -> new TrainerSettings(new Regularization(0, 0),
                new StopRule(10, 0, 0), OptimizerChoice.LBFGS, 10, CoefficientBounds.parse("0", null)));
    }
}
