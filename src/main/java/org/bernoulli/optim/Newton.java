package org.bernoulli.optim;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Newton's method with the exact Hessian and a backtracking (Armijo) line search: solve
 * ∇²f·d = −∇f by Cholesky, then halve t from 1 until f(x + t·d) ≤ f(x) + c₁·t·∇fᵀd. Each trial
 * point is evaluated with its Hessian (one pass), so an accepted full step costs exactly one pass
 * per iteration; near the optimum convergence is quadratic. When the Hessian is not numerically
 * positive definite, a multiple of the identity is added until it is (Levenberg damping).
 * For up to a few thousand parameters: the Hessian is n×n on the driver.
 */
public final class Newton implements Optimizer {
    /**
     * The gradient (largest component) below which a converged fit takes no last step: there the
     * estimate is already within about this much of the optimum wherever the information is well
     * conditioned, and a step would cost a pass for nothing.
     */
    static final double POLISHED_GRADIENT = 1e-10;

    private final StopRule stopRule;

    public Newton(StopRule stopRule) {
        this.stopRule = stopRule;
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        if (!(f instanceof TwiceDiffFunction twice)) {
            throw new IllegalArgumentException("Newton's method needs the Hessian; " + f.getClass().getSimpleName()
                    + " gives only gradients");
        }
        double[][] hessian = new double[1][];
        DiffFunction withHessian = x -> {
            TwiceDiffFunction.SecondOrder s = twice.evaluateWithHessian(x);
            hessian[0] = s.hessian();
            return s.first();
        };
        Progress progress = new Progress(withHessian, x0, monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        double[] currentHessian = hessian[0];
        int n = x0.length;
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(polished(progress, currentHessian, hessian, before, n));
            }
            double[] g = progress.gradient();
            double[] d = solve(currentHessian, g, n);
            double slope = VectorOps.dot(g, d);
            if (!(slope < 0)) {
                d = g.clone();
                for (int i = 0; i < n; i++) {
                    d[i] = -d[i];
                }
                slope = VectorOps.dot(g, d);
            }
            double t = 1.0;
            double[] trial = null;
            ValueAndGradient accepted = null;
            for (int backtrack = 0; backtrack <= GradientDescent.MAX_BACKTRACKS; backtrack++) {
                trial = VectorOps.move(progress.x(), d, t);
                ValueAndGradient candidate = progress.counted().evaluate(trial);
                if (Double.isFinite(candidate.value())
                        && candidate.value() <= progress.current().value() + GradientDescent.ARMIJO_C1 * t * slope) {
                    accepted = candidate;
                    break;
                }
                t *= 0.5;
            }
            if (accepted == null) {
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            currentHessian = hessian[0];
            StopReason after = progress.accept(trial, accepted, t, stopRule);
            if (after != null) {
                return progress.result(polished(progress, currentHessian, hessian, after, n));
            }
        }
    }

    /**
     * Once the stop rule holds, the Newton step at the last iterate — whose Hessian its pass already
     * summed — taken as the last iteration (one more pass): near the optimum Newton's error squares at
     * each step, so the estimate moves from within the tolerance to within about its square of the
     * optimum, where a stop on the gradient alone would leave it at the tolerance. The step is kept when
     * it does not raise the objective (beyond rounding); it is not taken for other stop reasons, nor
     * when the gradient is already below {@value #POLISHED_GRADIENT}.
     */
    private StopReason polished(Progress progress, double[] currentHessian, double[][] hessian, StopReason reason,
                                int n) {
        if (!reason.converged() || currentHessian == null
                || VectorOps.maxAbs(progress.gradient()) <= POLISHED_GRADIENT) {
            return reason;
        }
        double[] d = solve(currentHessian, progress.gradient(), n);
        if (!(VectorOps.dot(progress.gradient(), d) < 0)) {
            return reason;
        }
        double[] trial = VectorOps.move(progress.x(), d, 1.0);
        ValueAndGradient at = progress.counted().evaluate(trial);
        double current = progress.current().value();
        if (Double.isFinite(at.value()) && at.value() <= current + 4 * Math.ulp(current)
                && VectorOps.maxAbs(at.gradient()) <= VectorOps.maxAbs(progress.gradient())) {
            // The stop reason was decided before the step, which only brings the point closer.
            progress.accept(trial, at, 1.0, stopRule);
        }
        return reason;
    }

    /** d with H·d = −g; H damped by μ·I (μ growing tenfold from 1e-10·max|Hᵢᵢ|) until Cholesky succeeds. */
    static double[] solve(double[] h, double[] g, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(h[i * n + i]));
        }
        double mu = 0;
        for (int attempt = 0; attempt < 30; attempt++) {
            RealMatrix m = new Array2DRowRealMatrix(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m.setEntry(i, j, h[i * n + j] + (i == j ? mu : 0));
                }
            }
            try {
                double[] minusG = new double[n];
                for (int i = 0; i < n; i++) {
                    minusG[i] = -g[i];
                }
                return new CholeskyDecomposition(m, 1e-12, 1e-14).getSolver()
                        .solve(new ArrayRealVector(minusG, false)).toArray();
            } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
                mu = mu == 0 ? Math.max(1e-10 * scale, 1e-12) : mu * 10;
            }
        }
        throw new ArithmeticException("the Hessian could not be made positive definite");
    }
}
