package org.bernoulli.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientDescentTest {

    /** f(x) = ½ Σ aᵢ (xᵢ − cᵢ)², condition number max(a)/min(a). */
    private static DiffFunction quadratic(double[] a, double[] c) {
        return x -> {
            double f = 0;
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double r = x[i] - c[i];
                f += 0.5 * a[i] * r * r;
                g[i] = a[i] * r;
            }
            return new ValueAndGradient(f, g);
        };
    }

    @Test
    void convergesOnAnIllConditionedQuadraticByTheGradientTest() {
        double[] a = {1, 10, 100, 1000, 1e4};
        double[] c = {1, -2, 3, -4, 5};
        OptimizationResult r = new GradientDescent(new StopRule(5000, 0, 1e-9))
                .minimize(quadratic(a, c), new double[5], IterationMonitor.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason());
        for (int i = 0; i < 5; i++) {
            assertEquals(c[i], r.x()[i], 1e-9 / a[i] * 10, "coordinate " + i);
        }
        assertTrue(r.passes() >= r.iterations() + 1, "every iteration costs at least one pass");
        assertEquals(r.iterations() + 1, r.history().size());
    }

    @Test
    void stopsAtTheIterationLimitAndSaysSo() {
        OptimizationResult r = new GradientDescent(new StopRule(3, 0, 0))
                .minimize(quadratic(new double[] {1, 1e4}, new double[] {1, 1}), new double[2], IterationMonitor.NONE);
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(3, r.iterations());
    }

    @Test
    void stopsWhenTheObjectiveNoLongerChanges() {
        // A function with a flat floor: the objective stalls while the gradient does not vanish.
        DiffFunction floor = x -> new ValueAndGradient(Math.max(0, x[0]) + 1, new double[] {x[0] > 0 ? 1 : 1e-3});
        OptimizationResult r = new GradientDescent(new StopRule(1000, 1e-6, 0))
                .minimize(floor, new double[] {-1}, IterationMonitor.NONE);
        assertEquals(StopReason.OBJECTIVE_TOLERANCE, r.stopReason());
    }

    @Test
    void monitorSeesEveryIterateAndCanStop() {
        List<IterationRecord> seen = new ArrayList<>();
        OptimizationResult r = new GradientDescent(new StopRule(100, 0, 0)).minimize(
                quadratic(new double[] {1, 10, 100, 1000, 1e4}, new double[] {3, 4, 5, 6, 7}), new double[5], (rec, x) -> {
                    seen.add(rec);
                    return rec.iteration() < 4;
                });
        assertEquals(StopReason.STOPPED_BY_MONITOR, r.stopReason());
        assertEquals(5, seen.size());
        assertEquals(0, seen.get(0).iteration());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).passes() > seen.get(i - 1).passes());
        }
    }

    @Test
    void minimizesRosenbrock() {
        DiffFunction rosenbrock = x -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            return new ValueAndGradient(a * a + 100 * b * b,
                    new double[] {-2 * a - 400 * x[0] * b, 200 * b});
        };
        OptimizationResult r = new GradientDescent(new StopRule(50_000, 0, 1e-8))
                .minimize(rosenbrock, new double[] {-1.2, 1}, IterationMonitor.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason());
        assertEquals(1.0, r.x()[0], 1e-6);
        assertEquals(1.0, r.x()[1], 1e-6);
    }
}
