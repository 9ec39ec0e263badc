package org.bernoulli.train;

import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.math.ModifiedScore;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resuming by replay: a run that dies at iteration 5, resumed from its evaluation log, ends with the
 * model of the uninterrupted run, bit for bit, for every optimizer and for Firth's fit, and needs
 * only the passes the dead run had not made. A replay for other options is refused.
 */
class EvaluationLogTest {
    private static final List<LabeledRow> ROWS = Datasets.randomRows(new Random(8), 600, 6, 0.7, true);
    private static final FeatureStatistics STATS = Datasets.statistics(ROWS, 6);
    private static final List<String> NAMES = IntStream.rangeClosed(1, 6).mapToObj(j -> "x" + j).toList();

    /** Counts passes that reach the data. */
    static final class Counting implements org.bernoulli.math.FirthDataLoss {
        final BlockDataLoss data = BlockDataLoss.inMemory(BlockBuilder.blocks(ROWS, 64), 6);
        int passes;

        @Override
        public int numFeatures() {
            return 6;
        }

        @Override
        public LossEvaluation evaluate(double[] packed, boolean withHessian) {
            passes++;
            return data.evaluate(packed, withHessian);
        }

        @Override
        public double[] hessianVector(double[] packed, double[] direction) {
            passes++;
            return data.hessianVector(packed, direction);
        }

        @Override
        public ModifiedScore firthScore(double[] packed, double[] inverse) {
            passes++;
            return data.firthScore(packed, inverse);
        }
    }

    static final class Crash extends RuntimeException {
    }

    private static final IterationMonitor CRASH_AT_5 = (r, x) -> {
        if (r.iteration() == 5) {
            throw new Crash();
        }
        return true;
    };

    private static Fit fit(OptimizerChoice optimizer, double lambda, DataLoss data, IterationMonitor monitor) {
        return new LogisticTrainer(new TrainerSettings(lambda, new StopRule(500, 0.0, 1e-10), optimizer, 5))
                .fit(data, STATS, NAMES, monitor);
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerChoice.class, names = {"GD", "AGD", "LBFGS", "NEWTON", "TRON"})
    void aResumedRunEndsWithTheUninterruptedModel(OptimizerChoice optimizer) {
        Counting uninterruptedData = new Counting();
        Fit uninterrupted = fit(optimizer, 0.01, uninterruptedData, IterationMonitor.NONE);

        EvaluationLog first = new EvaluationLog(new Counting(), List.of());
        assertThrows(Crash.class, () -> fit(optimizer, 0.01, first, CRASH_AT_5));
        List<EvaluationLog.Entry> recorded = first.entries();
        assertTrue(recorded.size() >= 5, "the dead run made its passes");

        Counting resumedData = new Counting();
        EvaluationLog resumed = new EvaluationLog(resumedData, recorded);
        Fit fit = fit(optimizer, 0.01, resumed, IterationMonitor.NONE);
        assertEquals(uninterrupted.intercept(), fit.intercept(), 0.0);
        assertArrayEquals(uninterrupted.coefficients(), fit.coefficients(), 0.0);
        assertEquals(uninterrupted.optimization().iterations(), fit.optimization().iterations());
        assertEquals(uninterruptedData.passes, recorded.size() + resumedData.passes,
                "the resumed run makes only the passes the dead run had not");
    }

    @Test
    void aResumedFirthFitEndsWithTheUninterruptedModel() {
        FirthFitter firth = new FirthFitter(200, 1e-10);
        FirthFitter.Result uninterrupted = firth.fit(new Counting(), STATS, new boolean[6], IterationMonitor.NONE);
        EvaluationLog first = new EvaluationLog(new Counting(), List.of());
        assertThrows(Crash.class, () -> firth.fit(first, STATS, new boolean[6], CRASH_AT_5));
        FirthFitter.Result resumed = firth.fit(new EvaluationLog(new Counting(), first.entries()), STATS, new boolean[6],
                IterationMonitor.NONE);
        assertEquals(uninterrupted.intercept(), resumed.intercept(), 0.0);
        assertArrayEquals(uninterrupted.coefficients(), resumed.coefficients(), 0.0);
    }

    @Test
    void replayingForOtherOptionsIsRefused() {
        EvaluationLog first = new EvaluationLog(new Counting(), List.of());
        assertThrows(Crash.class, () -> fit(OptimizerChoice.LBFGS, 0.01, first, CRASH_AT_5));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fit(OptimizerChoice.LBFGS, 0.02,
                new EvaluationLog(new Counting(), first.entries()), IterationMonitor.NONE));
        assertTrue(e.getMessage().contains("differ from the checkpoint"), e.getMessage());
    }
}
