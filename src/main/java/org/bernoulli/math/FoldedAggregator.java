package org.bernoulli.math;

import org.bernoulli.data.Folds;

import java.io.Serializable;

/**
 * One {@link LossAggregator} per fold that asked something of a pass, each fed the fold's view of
 * every block (its training rows, or its held-out rows); mergeable like the aggregators it holds.
 */
public final class FoldedAggregator implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LossAggregator[] folds;

    public FoldedAggregator(int numFeatures, FoldRequest[] requests) {
        folds = new LossAggregator[requests.length];
        for (int k = 0; k < requests.length; k++) {
            if (requests[k] != null) {
                folds[k] = new LossAggregator(numFeatures, requests[k].withHessian() && !requests[k].heldOut());
            }
        }
    }

    public FoldedAggregator add(Folds.FoldedBlock block, FoldRequest[] requests) {
        for (int k = 0; k < folds.length; k++) {
            if (folds[k] != null) {
                FoldRequest r = requests[k];
                folds[k].add(r.heldOut() ? block.heldOut()[k] : block.training()[k], r.packed());
            }
        }
        return this;
    }

    public FoldedAggregator merge(FoldedAggregator other) {
        for (int k = 0; k < folds.length; k++) {
            if (folds[k] != null) {
                folds[k].merge(other.folds[k]);
            }
        }
        return this;
    }

    public LossEvaluation[] results() {
        LossEvaluation[] out = new LossEvaluation[folds.length];
        for (int k = 0; k < folds.length; k++) {
            if (folds[k] != null) {
                out[k] = folds[k].result();
            }
        }
        return out;
    }
}
