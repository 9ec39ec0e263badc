package org.bernoulli.math;

import org.bernoulli.data.Folds;

import java.io.Serializable;

/**
 * One aggregator per fold that asked something of a pass — a {@link LossAggregator}, or a
 * {@link HessianVectorAggregator} for a Hessian–vector product — each fed the fold's view of every
 * block (its training rows, or its held-out rows); mergeable like the aggregators it holds.
 */
public final class FoldedAggregator implements Serializable {
    private static final long serialVersionUID = 2L;
    private final LossAggregator[] losses;
    private final HessianVectorAggregator[] products;

    public FoldedAggregator(int numFeatures, FoldRequest[] requests) {
        losses = new LossAggregator[requests.length];
        products = new HessianVectorAggregator[requests.length];
        for (int k = 0; k < requests.length; k++) {
            FoldRequest r = requests[k];
            if (r == null) {
                continue;
            }
            if (r.direction() != null) {
                products[k] = new HessianVectorAggregator(numFeatures);
            } else {
                losses[k] = new LossAggregator(numFeatures, r.withHessian() && !r.heldOut());
            }
        }
    }

    public FoldedAggregator add(Folds.FoldedBlock block, FoldRequest[] requests) {
        for (int k = 0; k < requests.length; k++) {
            FoldRequest r = requests[k];
            if (losses[k] != null) {
                losses[k].add(r.heldOut() ? block.heldOut()[k] : block.training()[k], r.packed());
            } else if (products[k] != null) {
                products[k].add(block.training()[k], r.packed(), r.direction());
            }
        }
        return this;
    }

    public FoldedAggregator merge(FoldedAggregator other) {
        for (int k = 0; k < losses.length; k++) {
            if (losses[k] != null) {
                losses[k].merge(other.losses[k]);
            } else if (products[k] != null) {
                products[k].merge(other.products[k]);
            }
        }
        return this;
    }

    public FoldedDataLoss.Answer[] results() {
        FoldedDataLoss.Answer[] out = new FoldedDataLoss.Answer[losses.length];
        for (int k = 0; k < losses.length; k++) {
            if (losses[k] != null) {
                out[k] = new FoldedDataLoss.Answer(losses[k].result(), null);
            } else if (products[k] != null) {
                out[k] = new FoldedDataLoss.Answer(null, products[k].result());
            }
        }
        return out;
    }
}
