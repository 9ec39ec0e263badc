package org.bernoulli.math;

import org.bernoulli.data.FeatureBlock;

import java.util.List;

/** {@link DataLoss} over blocks held in this JVM, summed in list order. */
public final class InMemoryDataLoss implements DataLoss {
    private final List<FeatureBlock> blocks;
    private final int numFeatures;

    public InMemoryDataLoss(List<FeatureBlock> blocks, int numFeatures) {
        this.blocks = List.copyOf(blocks);
        this.numFeatures = numFeatures;
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public LossEvaluation evaluate(double[] packed, boolean withHessian) {
        LossAggregator aggregator = new LossAggregator(numFeatures, withHessian);
        for (FeatureBlock block : blocks) {
            aggregator.add(block, packed);
        }
        return aggregator.result();
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        HessianVectorAggregator aggregator = new HessianVectorAggregator(numFeatures);
        for (FeatureBlock block : blocks) {
            aggregator.add(block, packed, direction);
        }
        return aggregator.result();
    }

    @Override
    public ModifiedScore firthScore(double[] packed, double[] inverseInformation) {
        FirthScoreAggregator aggregator = new FirthScoreAggregator(numFeatures);
        for (FeatureBlock block : blocks) {
            aggregator.add(block, packed, inverseInformation);
        }
        return aggregator.result();
    }
}
