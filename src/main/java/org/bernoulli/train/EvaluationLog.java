package org.bernoulli.train;

import org.bernoulli.math.ClusterScoreOuterProducts;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.math.ModifiedScore;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A data term ({@link FirthDataLoss}) that records every evaluation it passes to the data, and that can replay a
 * recorded run: while the log lasts, each request is answered from it without a pass, provided it
 * asks for exactly what the recorded run asked for (the same kind of evaluation at bit-identical
 * inputs). This is how training resumes: optimizers are deterministic functions of the values they
 * are given, so replaying the log walks the optimizer, its memory (L-BFGS pairs, step sizes, trust
 * radius, momentum) and the iteration history back to where the run stopped, bit for bit, and it
 * then goes on with real passes — ending with the model the uninterrupted run would have given.
 *
 * <p>The log holds each evaluation's result (the gradient, and the Hessian when one was asked for),
 * so it grows by about 8·(d + 1) bytes per pass (8·(d + 1)² with a Hessian).
 */
public final class EvaluationLog implements FirthDataLoss {

    /** One evaluation: what was asked (kind and a digest of the inputs) and what came back. */
    public record Entry(String kind, long inputDigest, LossEvaluation loss, double[] vector, ModifiedScore score)
            implements Serializable {
    }

    private final FirthDataLoss data;
    private final List<Entry> entries;
    private int cursor;

    /**
     * @param data     the data term that answers requests beyond the log
     * @param recorded a log to replay first (empty for a fresh run)
     */
    public EvaluationLog(FirthDataLoss data, List<Entry> recorded) {
        this.data = data;
        this.entries = new ArrayList<>(recorded);
    }

    /** Every evaluation so far (replayed and new), for a checkpoint. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Whether requests are still answered from the recorded log. */
    public synchronized boolean replaying() {
        return cursor < entries.size();
    }

    @Override
    public int numFeatures() {
        return data.numFeatures();
    }

    @Override
    public LossEvaluation evaluate(double[] packed, boolean withHessian) {
        String kind = withHessian ? "loss+hessian" : "loss";
        Entry e = next(kind, digest(packed));
        if (e != null) {
            return e.loss();
        }
        LossEvaluation result = data.evaluate(packed, withHessian);
        append(new Entry(kind, digest(packed), result, null, null));
        return result;
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        long digest = digest(packed) * 31 + digest(direction);
        Entry e = next("hessian-vector", digest);
        if (e != null) {
            return e.vector().clone();
        }
        double[] result = data.hessianVector(packed, direction);
        append(new Entry("hessian-vector", digest, null, result.clone(), null));
        return result;
    }

    /** After the fit: passed through, not logged (a resumed run recomputes it after its replay). */
    @Override
    public double[] scoreOuterProducts(double[] packed) {
        return data.scoreOuterProducts(packed);
    }

    /** After the fit: passed through, not logged. */
    @Override
    public ClusterScoreOuterProducts clusterScoreOuterProducts(double[] packed) {
        return data.clusterScoreOuterProducts(packed);
    }

    @Override
    public ModifiedScore firthScore(double[] packed, double[] inverseInformation) {
        long digest = digest(packed) * 31 + digest(inverseInformation);
        Entry e = next("firth-score", digest);
        if (e != null) {
            return e.score();
        }
        ModifiedScore result = data.firthScore(packed, inverseInformation);
        append(new Entry("firth-score", digest, null, null, result));
        return result;
    }

    private synchronized Entry next(String kind, long digest) {
        if (cursor >= entries.size()) {
            return null;
        }
        Entry e = entries.get(cursor);
        if (!e.kind().equals(kind) || e.inputDigest() != digest) {
            throw new IllegalStateException("the resumed run asked for evaluation " + (cursor + 1) + " (" + kind
                    + ") at another point than the checkpointed run (" + e.kind() + "): the data or the options "
                    + "differ from the checkpoint's");
        }
        cursor++;
        return e;
    }

    private synchronized void append(Entry e) {
        entries.add(e);
        cursor = entries.size();
    }

    /** A 64-bit digest of the exact bits of an array. */
    static long digest(double[] values) {
        long h = 1125899906842597L;
        for (double v : values) {
            long bits = Double.doubleToRawLongBits(v);
            h = 31 * h + (bits ^ (bits >>> 32));
            h ^= h >>> 29;
        }
        return h ^ values.length;
    }

    @Override
    public String toString() {
        return "EvaluationLog[" + entries.size() + " entries, replayed " + cursor + "]";
    }
}
