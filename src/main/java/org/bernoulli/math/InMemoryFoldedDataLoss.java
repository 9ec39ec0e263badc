package org.bernoulli.math;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.Folds;

import java.util.ArrayList;
import java.util.List;

/** {@link FoldedDataLoss} over blocks held in this JVM. */
public final class InMemoryFoldedDataLoss implements FoldedDataLoss {
    private final List<Folds.FoldedBlock> blocks = new ArrayList<>();
    private final int folds;
    private final int numFeatures;

    /**
     * @param folds K
     * @param seed  the seed of the fold assignment
     */
    public InMemoryFoldedDataLoss(List<FeatureBlock> blocks, int numFeatures, int folds, long seed) {
        for (FeatureBlock b : blocks) {
            this.blocks.add(Folds.split(b, folds, seed));
        }
        this.folds = folds;
        this.numFeatures = numFeatures;
    }

    @Override
    public int folds() {
        return folds;
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public LossEvaluation[] evaluate(FoldRequest[] requests) {
        FoldedAggregator a = new FoldedAggregator(numFeatures, requests);
        for (Folds.FoldedBlock b : blocks) {
            a.add(b, requests);
        }
        return a.results();
    }

    @Override
    public List<FeatureStatistics> trainingStatistics() {
        List<FeatureStatistics> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            FeatureSummarizer s = new FeatureSummarizer();
            for (Folds.FoldedBlock b : blocks) {
                s.add(b.training()[k]);
            }
            out.add(s.result(numFeatures));
        }
        return out;
    }
}
