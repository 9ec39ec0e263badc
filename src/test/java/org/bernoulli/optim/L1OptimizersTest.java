package org.bernoulli.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWL-QN and proximal Newton on ½ Σ aᵢ(xᵢ − cᵢ)² + Σ λᵢ|xᵢ|, whose minimizer is the soft threshold
 * xᵢ = sign(cᵢ)·max(|cᵢ| − λᵢ/aᵢ, 0): exact zeros where |cᵢ| ≤ λᵢ/aᵢ, the unpenalized coordinate at
 * cᵢ, condition number 1e4. Tolerance 1e-9: a pseudo-gradient of 1e-11 leaves errors of 1e-11/aᵢ.
 */
class L1OptimizersTest {
    private static final double[] L1 = {0.5, 25, 0, 5000, 1e3};

    @ParameterizedTest
    @ValueSource(strings = {"owlqn", "proximal-newton"})
    void softThresholdIsReachedWithExactZeros(String name) {
        StopRule rule = new StopRule(10_000, 0.0, 1e-11);
        Optimizer optimizer = name.equals("owlqn") ? new OwlQn(rule, 10, L1) : new ProximalNewton(rule, L1);
        OptimizationResult r = optimizer.minimize(OptimizersTest.QUADRATIC, new double[5], IterationMonitor.NONE);
        double value = 0;
        for (int i = 0; i < 5; i++) {
            double c = OptimizersTest.C[i];
            double a = OptimizersTest.A[i];
            double expected = Math.signum(c) * Math.max(Math.abs(c) - L1[i] / a, 0);
            if (expected == 0) {
                assertEquals(0.0, r.x()[i], 0.0, name + " coordinate " + i + " must be exactly 0");
            } else {
                assertEquals(expected, r.x()[i], 1e-9, name + " coordinate " + i);
            }
            value += 0.5 * a * (expected - c) * (expected - c) + L1[i] * Math.abs(expected);
        }
        assertEquals(value, r.value(), 1e-9, name + " objective includes the L1 term");
        assertTrue(r.stopReason().converged(), name + ": " + r.stopReason());
    }

    @Test
    void pseudoGradientIsTheSteepestOneSidedDerivative() {
        double[] g = {-0.3, 0.3, 2, -2, 0.1};
        double[] x = {0, 0, 0, 1, -1};
        double[] c = {0.5, 0.5, 1, 1, 1};
        double[] pseudo = OwlQn.pseudoGradient(x, g, c);
        // At 0: inside [−c, c] → 0; beyond → the one-sided derivative. Off 0: g + c·sign(x).
        assertEquals(0, pseudo[0], 0);
        assertEquals(0, pseudo[1], 0);
        assertEquals(1, pseudo[2], 0);
        assertEquals(-1, pseudo[3], 0);
        assertEquals(-0.9, pseudo[4], 1e-15);
    }
}
