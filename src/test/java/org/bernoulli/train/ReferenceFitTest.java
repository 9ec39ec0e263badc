package org.bernoulli.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopRule;
import org.bernoulli.spark.SparkBlocks;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.spark.TrainingData;
import org.bernoulli.spark.TrainingDataReader;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fits on Spark (local[2], two partitions) against the independent reference solutions in
 * {@code reference/*.json} (R glm with epsilon 1e-14; damped Newton for the L2 fits, each with a
 * gradient below 1e-10).
 */
class ReferenceFitTest {

    private static Fit fit(String file, double lambda, StopRule stop) {
        return fit(file, lambda, stop, OptimizerChoice.GD, 2);
    }

    static Fit fit(String file, double lambda, StopRule stop, OptimizerChoice optimizer, int partitions) {
        InputFormat format = file.endsWith(".csv") ? InputFormat.CSV : InputFormat.LIBSVM;
        InputSpec spec = new InputSpec(Datasets.path(file).toString(), format, 0, "label", List.of(), null, partitions);
        try (TrainingData data = TrainingDataReader.read(SparkTestSession.get(), spec, 2)) {
            BlockDataLoss loss = new BlockDataLoss(SparkBlocks.of(data.blocks(), 2), data.numFeatures());
            return new LogisticTrainer(new TrainerSettings(lambda, stop, optimizer, 10))
                    .fit(loss, data.statistics(), data.featureNames(), IterationMonitor.NONE);
        }
    }

    /**
     * L-BFGS, Newton and trust-region Newton to R glm's optimum on heart_scale: a gradient of 1e-11 leaves coefficient
     * errors near 1e-10, so 1e-6 relative in every coefficient and 1e-10 in the objective are
     * tests of the optimizers, not of luck.
     */
    @ParameterizedTest
    @EnumSource(value = OptimizerChoice.class, names = {"LBFGS", "NEWTON", "TRON"})
    void secondOrderAndQuasiNewtonReachRGlmsOptimum(OptimizerChoice optimizer) {
        JsonNode mle = Datasets.reference("reference/heart_scale.json").get("mle");
        Fit fit = fit("heart_scale.libsvm", 0.0, new StopRule(500, 0.0, 1e-11), optimizer, 2);
        assertEquals(mle.get("mean_bce").asDouble(), fit.optimization().value(), 1e-10);
        assertEquals(mle.get("intercept").asDouble(), fit.intercept(), 1e-6 * 2.2);
        double[] expected = Datasets.doubles(mle.get("coefficients"));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], fit.coefficients()[j], 1e-6 * Math.abs(expected[j]), optimizer + " x" + (j + 1));
        }
        assertEquals(optimizer.name().toLowerCase(), fit.optimizer());
        assertTrue(fit.optimization().passes() < (optimizer == OptimizerChoice.NEWTON ? 15 : optimizer == OptimizerChoice.TRON ? 120 : 80),
                optimizer + " took " + fit.optimization().passes() + " passes");
    }

    /** Every L2 reference (both datasets, three λ each) to 1e-10 in the objective. */
    @ParameterizedTest
    @EnumSource(value = OptimizerChoice.class, names = {"LBFGS", "NEWTON", "TRON"})
    void secondOrderAndQuasiNewtonReachEveryL2Reference(OptimizerChoice optimizer) {
        for (String name : new String[] {"heart_scale", "breast_cancer"}) {
            for (JsonNode ref : Datasets.reference("reference/" + name + ".json").get("l2_fits")) {
                double lambda = ref.get("lambda").asDouble();
                Fit fit = fit(name + ".libsvm", lambda, new StopRule(1000, 0.0, 1e-10), optimizer, 2);
                assertEquals(ref.get("objective").asDouble(), fit.optimization().value(), 1e-10,
                        optimizer + " " + name + " lambda " + lambda);
            }
        }
    }

    /** Accelerated gradient descent to R glm's optimum on heart_scale (objective 1e-10, coefficients 1e-5). */
    @Test
    void acceleratedGradientReachesRGlmsOptimum() {
        JsonNode mle = Datasets.reference("reference/heart_scale.json").get("mle");
        Fit fit = fit("heart_scale.libsvm", 0.0, new StopRule(5000, 0.0, 1e-9), OptimizerChoice.AGD, 2);
        assertEquals(mle.get("mean_bce").asDouble(), fit.optimization().value(), 1e-10);
        double[] expected = Datasets.doubles(mle.get("coefficients"));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], fit.coefficients()[j], 1e-5 * Math.abs(expected[j]), "x" + (j + 1));
        }
    }

    /** The same fit on 1, 3 and 16 partitions: compensated sums make the partitioning invisible. */
    @Test
    void resultsDoNotDependOnThePartitionCount() {
        Fit one = fit("heart_scale.libsvm", 0.0, new StopRule(100, 0.0, 1e-11), OptimizerChoice.NEWTON, 1);
        for (int partitions : new int[] {3, 16}) {
            Fit other = fit("heart_scale.libsvm", 0.0, new StopRule(100, 0.0, 1e-11), OptimizerChoice.NEWTON, partitions);
            assertEquals(one.intercept(), other.intercept(), 1e-12 * Math.abs(one.intercept()));
            for (int j = 0; j < one.coefficients().length; j++) {
                assertEquals(one.coefficients()[j], other.coefficients()[j], 1e-12 * Math.abs(one.coefficients()[j]),
                        partitions + " partitions, x" + (j + 1));
            }
        }
    }

    /**
     * Maximum likelihood on heart_scale against R glm. Stopping at a standardized gradient of 1e-9
     * leaves a coefficient error of about H⁻¹g ≈ 1e-8 and an objective error of about ½gᵀH⁻¹g ≈
     * 1e-17, so mean BCE within 1e-9 and coefficients within 1e-4 relative hold with room to spare.
     * Every heart_scale coefficient is at least 0.30 in magnitude, so a purely relative tolerance is
     * meaningful for each; a coefficient near zero would be compared absolutely at 1e-4 of the
     * largest coefficient instead (the floor in {@link #assertCoefficient}).
     */
    @Test
    void unregularizedHeartScaleMatchesRGlm() {
        JsonNode mle = Datasets.reference("reference/heart_scale.json").get("mle");
        Fit fit = fit("heart_scale.csv", 0.0, new StopRule(2000, 0.0, 1e-9));
        assertTrue(fit.optimization().stopReason().converged(), fit.optimization().stopReason().name());
        assertEquals(mle.get("mean_bce").asDouble(), fit.atSolution().meanLoss(), 1e-9);
        assertEquals(mle.get("loglik").asDouble(), -fit.atSolution().negLogLikelihood(), 270 * 1e-9);
        double[] expected = Datasets.doubles(mle.get("coefficients"));
        double largest = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        assertCoefficient(mle.get("intercept").asDouble(), fit.intercept(), largest, "intercept");
        for (int j = 0; j < expected.length; j++) {
            assertCoefficient(expected[j], fit.coefficients()[j], largest, "x" + (j + 1));
        }
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
    }

    private static void assertCoefficient(double expected, double actual, double largest, String name) {
        double tolerance = 1e-4 * Math.max(Math.abs(expected), 0.01 * largest);
        assertEquals(expected, actual, tolerance, name);
    }

    /**
     * The L2 reference on breast_cancer (λ = 0.01), whose raw features span six orders of
     * magnitude and are nearly collinear: the hardest case for first-order methods here.
     */
    @Test
    void l2BreastCancerReachesTheReferenceObjective() {
        JsonNode ref = Datasets.reference("reference/breast_cancer.json").get("l2_fits").get(0);
        assertEquals(0.01, ref.get("lambda").asDouble());
        Fit fit = fit("breast_cancer.libsvm", 0.01, new StopRule(4000, 0.0, 1e-9));
        double objective = fit.optimization().value();
        assertEquals(ref.get("objective").asDouble(), objective, 1e-8);
        assertTrue(objective >= ref.get("objective").asDouble() - 1e-12, "cannot beat the exact optimum");
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerChoice.class, names = {"GD", "AGD"})
    void firstOrderMethodsMatchTheHeartScaleL2References(OptimizerChoice optimizer) {
        for (JsonNode ref : Datasets.reference("reference/heart_scale.json").get("l2_fits")) {
            double lambda = ref.get("lambda").asDouble();
            Fit fit = fit("heart_scale.libsvm", lambda, new StopRule(5000, 0.0, 1e-9), optimizer, 2);
            assertEquals(ref.get("objective").asDouble(), fit.optimization().value(), 1e-10, "lambda " + lambda);
            double[] expected = Datasets.doubles(ref.get("coefficients"));
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], fit.coefficients()[j], 1e-6, "lambda " + lambda + ", x" + (j + 1));
            }
        }
    }

    @Test
    void separableBreastCancerIsReportedNotReturned() {
        assertTrue(!Datasets.reference("reference/breast_cancer.json").get("mle").get("exists").asBoolean());
        SeparationException e = assertThrows(SeparationException.class,
                () -> fit("breast_cancer.csv", 0.0, new StopRule(1000, 1e-9, 1e-7)));
        String message = e.getMessage();
        assertTrue(message.contains("separable"), message);
        assertTrue(message.contains("no finite maximum-likelihood estimate"), message);
        assertTrue(message.contains("fitted probabilities"), message);
        assertTrue(message.contains("{REG_PARAM=0.01}") && message.contains("{FIRTH}"), message);
        assertTrue(message.contains("Features with the largest standardized coefficients: "), message);
        // The features are named by their CSV names: up to five of the dataset's real columns.
        String listed = message.substring(message.indexOf("coefficients: ") + "coefficients: ".length());
        listed = listed.substring(0, listed.indexOf(". "));
        List<String> names = new java.util.ArrayList<>();
        Datasets.reference("reference/breast_cancer.json").get("feature_names").forEach(n -> names.add(n.asText()));
        String[] named = listed.split(", ");
        assertTrue(named.length >= 1 && named.length <= 5, listed);
        for (String name : named) {
            assertTrue(names.contains(name), name + " is not a breast_cancer feature: " + message);
        }
    }
}
