package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.FoldRequest;
import org.bernoulli.math.FoldedDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.optim.IterationMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * K-fold cross-validation of a regularization path, every fold in the same pass.
 *
 * <p>Each fold k fits the whole path (warm starts, as {@link RegularizationPath}) on the rows outside
 * it, and after each penalty measures the mean BCE of the rows in it. The K fits run side by side,
 * one thread each, in lockstep: whenever every unfinished fold has asked for its next evaluation,
 * one pass over the data ({@link FoldedDataLoss#evaluate}) answers all of them. The folds' sums do
 * not depend on one another or on thread timing, so the result is deterministic; the number of
 * passes is that of the slowest fold, not the sum over folds.
 *
 * <p>The curve at each λ is the pooled held-out mean BCE, Σₖ (held-out loss sum of k) / Σₖ (held-out
 * weight of k), with the standard error of the K per-fold means, sd/√K. The chosen λ minimizes it;
 * the "one standard error" λ is the largest whose value is within one standard error of the minimum
 * (a sparser model that predicts about as well).
 */
public final class CrossValidation {

    /**
     * The cross-validation curve.
     *
     * @param folds            K
     * @param seed             the fold assignment's seed
     * @param regParams        the path's penalties, decreasing
     * @param meanLoss         pooled held-out mean BCE at each penalty
     * @param standardError    standard error of the per-fold held-out mean BCE at each penalty
     * @param best             index of the smallest mean loss
     * @param oneStandardError index of the largest penalty within one standard error of the best
     * @param passes           passes over the data the cross-validation took
     */
    public record Curve(int folds, long seed, double[] regParams, double[] meanLoss, double[] standardError, int best,
                        int oneStandardError, int passes) {
        public double bestRegParam() {
            return regParams[best];
        }
    }

    private final FoldedDataLoss data;
    private final FoldRequest[] pending;
    private final FoldedDataLoss.Answer[] answers;
    private int waiting;
    private int active;
    private int passes;
    private RuntimeException failure;

    private CrossValidation(FoldedDataLoss data) {
        this.data = data;
        this.pending = new FoldRequest[data.folds()];
        this.answers = new FoldedDataLoss.Answer[data.folds()];
    }

    /**
     * Runs the cross-validation.
     *
     * @param settings α, standardization, optimizer and stop rule (λ comes from {@code regParams})
     * @param regParams the path, decreasing
     * @param names     feature names, for messages
     */
    public static Curve run(FoldedDataLoss data, TrainerSettings settings, double[] regParams, List<String> names,
                            long seed) {
        return run(data, data.trainingStatistics(), settings, regParams, names, seed);
    }

    /**
     * Runs the cross-validation with the folds' training statistics already at hand (one pass of
     * {@link FoldedDataLoss#trainingStatistics}, counted in the passes).
     */
    public static Curve run(FoldedDataLoss data, List<FeatureStatistics> trainingStatistics, TrainerSettings settings,
                            double[] regParams, List<String> names, long seed) {
        return new CrossValidation(data).path(trainingStatistics, settings, regParams, names, seed);
    }

    private Curve path(List<FeatureStatistics> stats, TrainerSettings settings, double[] regParams, List<String> names,
                       long seed) {
        int k = data.folds();
        passes = 1;
        double[][] heldOutLoss = new double[k][regParams.length];
        double[][] heldOutWeight = new double[k][regParams.length];
        active = k;
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int fold = f;
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    fitFold(fold, stats.get(fold), settings, regParams, names, heldOutLoss[fold], heldOutWeight[fold]);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                } finally {
                    finished();
                }
            }, "bernoulli-cv-fold-" + fold);
            thread.setDaemon(true);
            thread.start();
            workers.add(done);
        }
        serve();
        for (CompletableFuture<Void> w : workers) {
            try {
                w.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("a cross-validation fold failed: " + cause.getMessage(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during cross-validation", e);
            }
        }
        return curve(k, seed, regParams, heldOutLoss, heldOutWeight);
    }

    private void fitFold(int fold, FeatureStatistics stats, TrainerSettings settings, double[] regParams,
                         List<String> names, double[] loss, double[] weight) {
        DataLoss view = new FoldView(fold);
        double[] warm = null;
        for (int m = 0; m < regParams.length; m++) {
            TrainerSettings at = settings.withRegParam(regParams[m]);
            Fit fit = new LogisticTrainer(at).fit(view, stats, names, new boolean[data.numFeatures()], warm,
                    IterationMonitor.NONE);
            warm = java.util.Arrays.copyOf(fit.coefficients(), fit.coefficients().length + 1);
            warm[warm.length - 1] = fit.intercept();
            LossEvaluation held = ask(fold, new FoldRequest(warm.clone(), false, true)).evaluation();
            loss[m] = held.meanLoss() * held.weightSum();
            weight[m] = held.weightSum();
        }
    }

    /** A fold's training data as a {@link DataLoss}: each evaluation waits for the next shared pass. */
    private final class FoldView implements DataLoss {
        private final int fold;

        FoldView(int fold) {
            this.fold = fold;
        }

        @Override
        public int numFeatures() {
            return data.numFeatures();
        }

        @Override
        public LossEvaluation evaluate(double[] packed, boolean withHessian) {
            return ask(fold, new FoldRequest(packed.clone(), withHessian, false)).evaluation();
        }

        @Override
        public double[] hessianVector(double[] packed, double[] direction) {
            return ask(fold, FoldRequest.hessianVector(packed.clone(), direction.clone())).hessianVector();
        }
    }

    /** Called by a fold's thread: waits until the pass that answers its request has run. */
    private synchronized FoldedDataLoss.Answer ask(int fold, FoldRequest request) {
        pending[fold] = request;
        answers[fold] = null;
        waiting++;
        notifyAll();
        while (answers[fold] == null) {
            if (failure != null) {
                throw new IllegalStateException("the shared cross-validation pass failed", failure);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a cross-validation pass", e);
            }
        }
        FoldedDataLoss.Answer answer = answers[fold];
        answers[fold] = null;
        return answer;
    }

    private synchronized void finished() {
        active--;
        notifyAll();
    }

    /** The driver's loop: one pass whenever every unfinished fold waits, until all are done. */
    private void serve() {
        while (true) {
            FoldRequest[] batch;
            synchronized (this) {
                while (active > 0 && waiting < active) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted during cross-validation", e);
                    }
                }
                if (active == 0) {
                    return;
                }
                batch = pending.clone();
                java.util.Arrays.fill(pending, null);
            }
            FoldedDataLoss.Answer[] results;
            try {
                results = data.evaluate(batch);
            } catch (RuntimeException e) {
                // Wake the folds waiting for this pass: they stop instead of waiting for ever.
                synchronized (this) {
                    failure = e;
                    notifyAll();
                }
                throw e;
            }
            synchronized (this) {
                passes++;
                for (int f = 0; f < results.length; f++) {
                    if (batch[f] != null) {
                        answers[f] = results[f];
                        waiting--;
                    }
                }
                notifyAll();
            }
        }
    }

    private Curve curve(int k, long seed, double[] regParams, double[][] loss, double[][] weight) {
        int m = regParams.length;
        double[] mean = new double[m];
        double[] se = new double[m];
        for (int j = 0; j < m; j++) {
            double lossSum = 0;
            double weightSum = 0;
            double[] perFold = new double[k];
            for (int f = 0; f < k; f++) {
                lossSum += loss[f][j];
                weightSum += weight[f][j];
                perFold[f] = loss[f][j] / weight[f][j];
            }
            mean[j] = lossSum / weightSum;
            double average = 0;
            for (double v : perFold) {
                average += v / k;
            }
            double ss = 0;
            for (double v : perFold) {
                ss += (v - average) * (v - average);
            }
            se[j] = Math.sqrt(ss / (k - 1) / k);
        }
        int best = 0;
        for (int j = 1; j < m; j++) {
            if (mean[j] < mean[best]) {
                best = j;
            }
        }
        int oneSe = best;
        while (oneSe > 0 && mean[oneSe - 1] <= mean[best] + se[best]) {
            oneSe--;
        }
        return new Curve(k, seed, regParams.clone(), mean, se, best, oneSe, passes);
    }
}
