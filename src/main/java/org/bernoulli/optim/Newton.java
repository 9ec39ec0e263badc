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
                return progress.result(before);
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
                return progress.result(after);
            }
        }
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
