package org.bernoulli.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every optimizer on functions whose minimizers are known. */
class OptimizersTest {

    /** A test function with its Hessian, which also multiplies the Hessian by vectors for trust-region Newton. */
    interface Smooth extends TwiceDiffFunction, HessianVectorFunction {
        @Override
        default double[] hessianVector(double[] x, double[] v) {
            double[] h = evaluateWithHessian(x).hessian();
            int n = v.length;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i] += h[i * n + j] * v[j];
                }
            }
            return out;
        }
    }

    /** Rosenbrock's banana f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), with its Hessian. */
    static final Smooth ROSENBROCK = new Smooth() {
        @Override
        public ValueAndGradient evaluate(double[] x) {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            return new ValueAndGradient(a * a + 100 * b * b, new double[] {-2 * a - 400 * x[0] * b, 200 * b});
        }

        @Override
        public SecondOrder evaluateWithHessian(double[] x) {
            double hxx = 2 - 400 * (x[1] - 3 * x[0] * x[0]);
            double hxy = -400 * x[0];
            return new SecondOrder(evaluate(x), new double[] {hxx, hxy, hxy, 200});
        }
    };

    /** f = ½ Σ aᵢ (xᵢ − cᵢ)² with condition number 1e4. */
    static final double[] A = {1, 10, 100, 1000, 1e4};
    static final double[] C = {1, -2, 3, -4, 5};
    static final Smooth QUADRATIC = new Smooth() {
        @Override
        public ValueAndGradient evaluate(double[] x) {
            double f = 0;
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * A[i] * (x[i] - C[i]) * (x[i] - C[i]);
                g[i] = A[i] * (x[i] - C[i]);
            }
            return new ValueAndGradient(f, g);
        }

        @Override
        public SecondOrder evaluateWithHessian(double[] x) {
            double[] h = new double[25];
            for (int i = 0; i < 5; i++) {
                h[i * 5 + i] = A[i];
            }
            return new SecondOrder(evaluate(x), h);
        }
    };

    private static Optimizer optimizer(String name, StopRule rule) {
        return switch (name) {
            case "gd" -> new GradientDescent(rule);
            case "agd" -> new AcceleratedGradient(rule);
            case "lbfgs" -> new Lbfgs(rule, 10);
            case "newton" -> new Newton(rule);
            case "tron" -> new TrustRegionNewton(rule);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "agd", "lbfgs", "newton", "tron"})
    void minimizesRosenbrock(String name) {
        OptimizationResult r = optimizer(name, new StopRule(50_000, 0, 1e-9))
                .minimize(ROSENBROCK, new double[] {-1.2, 1}, IterationMonitor.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), name);
        assertEquals(1.0, r.x()[0], 1e-7, name);
        assertEquals(1.0, r.x()[1], 1e-7, name);
        assertEquals(r.passes(), r.history().get(r.history().size() - 1).passes(), "passes are reported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "agd", "lbfgs", "newton", "tron"})
    void minimizesAnIllConditionedQuadratic(String name) {
        OptimizationResult r = optimizer(name, new StopRule(10_000, 0, 1e-10))
                .minimize(QUADRATIC, new double[5], IterationMonitor.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), name);
        for (int i = 0; i < 5; i++) {
            assertEquals(C[i], r.x()[i], 1e-10, name + " coordinate " + i);
        }
        if (name.equals("newton")) {
            assertTrue(r.iterations() <= 2, "Newton solves a quadratic in one step, took " + r.iterations());
        }
        if (name.equals("tron")) {
            // Conjugate gradients solve a 5-dimensional quadratic in at most 5 products once the
            // trust region has grown to hold the Newton step.
            assertTrue(r.passes() < 40, "trust-region Newton passes: " + r.passes());
        }
        if (name.equals("lbfgs")) {
            assertTrue(r.passes() < 60, "L-BFGS passes: " + r.passes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "agd", "lbfgs", "newton", "tron"})
    void stopsAtTheIterationLimitAndSaysSo(String name) {
        OptimizationResult r = optimizer(name, new StopRule(1, 0, 0))
                .minimize(ROSENBROCK, new double[] {-1.2, 1}, IterationMonitor.NONE);
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(1, r.iterations());
    }

    /** Passes count the Hessian-vector products too: each is a pass over the data. */
    @org.junit.jupiter.api.Test
    void trustRegionNewtonCountsHessianVectorProductsAsPasses() {
        int[] products = {0};
        int[] evaluations = {0};
        Smooth counting = new Smooth() {
            @Override
            public ValueAndGradient evaluate(double[] x) {
                evaluations[0]++;
                return QUADRATIC.evaluate(x);
            }

            @Override
            public SecondOrder evaluateWithHessian(double[] x) {
                return QUADRATIC.evaluateWithHessian(x);
            }

            @Override
            public double[] hessianVector(double[] x, double[] v) {
                products[0]++;
                return QUADRATIC.hessianVector(x, v);
            }
        };
        OptimizationResult r = new TrustRegionNewton(new StopRule(100, 0, 1e-10))
                .minimize(counting, new double[5], IterationMonitor.NONE);
        assertTrue(products[0] > 0);
        assertEquals(products[0] + evaluations[0], r.passes());
    }
}
