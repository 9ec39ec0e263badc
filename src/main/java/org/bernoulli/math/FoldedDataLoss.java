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
     * What a pass answers one fold: its loss evaluation (means over the weight of the rows asked
     * about), or the Hessian of its training rows times its direction.
     */
    record Answer(LossEvaluation evaluation, double[] hessianVector) {
    }

    /**
     * One pass: for every fold with a request, the answer to it.
     *
     * @param requests one per fold, null for a fold that asks nothing this pass
     * @return one answer per fold, null where there was no request
     */
    Answer[] evaluate(FoldRequest[] requests);

    /** The statistics of each fold's training rows (one pass). */
    List<FeatureStatistics> trainingStatistics();
}
