package org.bernoulli.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4–7.5) with a strong-Wolfe line search. The
 * search direction d = −H·∇f comes from the two-loop recursion over the last m pairs
 * (s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k), with the initial scaling γ = sᵀy / yᵀy. Pairs with
 * sᵀy ≤ 0 are not stored (the strong Wolfe conditions make that rare), so H stays positive definite.
 * Most iterations take the unit step and cost one pass; the first is scaled to move about 1 in the
 * largest gradient direction.
 */
public final class Lbfgs implements Optimizer {
    /** Default number of correction pairs. */
    public static final int DEFAULT_MEMORY = 10;

    private final StopRule stopRule;
    private final int memory;

    public Lbfgs(StopRule stopRule, int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be at least 1, got " + memory);
        }
        this.stopRule = stopRule;
        this.memory = memory;
    }

    @Override
    public OptimizationResult minimize(DiffFunction f, double[] x0, IterationMonitor monitor) {
        Progress progress = new Progress(f, x0, monitor);
        if (progress.stopped() != null) {
            return progress.result(progress.stopped());
        }
        Deque<double[][]> pairs = new ArrayDeque<>();
        while (true) {
            StopReason before = progress.checkBeforeIteration(stopRule);
            if (before != null) {
                return progress.result(before);
            }
            double[] g = progress.gradient();
            double[] d = direction(g, pairs);
            double initial = pairs.isEmpty() ? Math.min(1.0, 1.0 / Math.max(VectorOps.maxAbs(g), 1e-300)) : 1.0;
            LineSearch.Step step = LineSearch.strongWolfe(progress.counted(), progress.x(), progress.current(), d, initial);
            if (step == null && !pairs.isEmpty()) {
                pairs.clear(); // a stale curvature model: retry along the gradient
                d = direction(g, pairs);
                step = LineSearch.strongWolfe(progress.counted(), progress.x(), progress.current(), d,
                        Math.min(1.0, 1.0 / Math.max(VectorOps.maxAbs(g), 1e-300)));
            }
            if (step == null) {
                return progress.result(StopReason.LINE_SEARCH_FAILED);
            }
            double[] s = new double[g.length];
            double[] y = new double[g.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = step.x()[i] - progress.x()[i];
                y[i] = step.at().gradient()[i] - g[i];
            }
            if (VectorOps.dot(s, y) > 1e-12 * Math.sqrt(VectorOps.dot(s, s) * VectorOps.dot(y, y))) {
                pairs.addLast(new double[][] {s, y});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            StopReason after = progress.accept(step.x(), step.at(), step.t(), stopRule);
            if (after != null) {
                return progress.result(after);
            }
        }
    }

    /** d = −H·g by the two-loop recursion (also OWL-QN's, on its pseudo-gradient). */
    static double[] direction(double[] g, Deque<double[][]> pairs) {
        int n = g.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = -g[i];
        }
        List<double[][]> list = new ArrayList<>(pairs);
        double[] alpha = new double[list.size()];
        for (int k = list.size() - 1; k >= 0; k--) {
            double[] s = list.get(k)[0];
            double[] y = list.get(k)[1];
            alpha[k] = VectorOps.dot(s, q) / VectorOps.dot(y, s);
            for (int i = 0; i < n; i++) {
                q[i] -= alpha[k] * y[i];
            }
        }
        if (!list.isEmpty()) {
            double[] s = list.get(list.size() - 1)[0];
            double[] y = list.get(list.size() - 1)[1];
            double gamma = VectorOps.dot(s, y) / VectorOps.dot(y, y);
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
        }
        Iterator<double[][]> it = list.iterator();
        for (int k = 0; it.hasNext(); k++) {
            double[][] pair = it.next();
            double beta = VectorOps.dot(pair[1], q) / VectorOps.dot(pair[1], pair[0]);
            for (int i = 0; i < n; i++) {
                q[i] += (alpha[k] - beta) * pair[0][i];
            }
        }
        return q;
    }
}
