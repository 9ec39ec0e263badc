package org.bernoulli.math;

import org.bernoulli.data.FeatureStatistics;

import java.util.List;

/**
 * The data term of every fold of a K-fold cross-validation, all folds in one pass: each fold trains
 * on the rows outside it and is validated on the rows in it, at parameters of its own.
 */
public interface FoldedDataLoss {

    int folds();

    int numFeatures();

    /**
     * One pass: for every fold with a request, the sums at its parameters over its training rows
     * (or its held-out rows, when asked), as means over their weight.
     *
     * @param requests one per fold, null for a fold that asks nothing this pass
     * @return one evaluation per fold, null where there was no request
     */
    LossEvaluation[] evaluate(FoldRequest[] requests);

    /** The statistics of each fold's training rows (one pass). */
    List<FeatureStatistics> trainingStatistics();
}
