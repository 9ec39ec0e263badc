package org.bernoulli.math;

import org.bernoulli.data.FeatureBlock;

import java.util.List;

/**
 * The data term of a data set's blocks, wherever they live: each evaluation is one
 * {@link BlockReduction} pass of an aggregator — {@link LossAggregator} for the loss, gradient and
 * Hessian, {@link HessianVectorAggregator} for Hessian–vector products, {@link FirthScoreAggregator}
 * for Firth's score — sent the parameters as its shared value.
 */
public final class BlockDataLoss implements FirthDataLoss {
    private final BlockReduction<FeatureBlock> blocks;
    private final int numFeatures;

    public BlockDataLoss(BlockReduction<FeatureBlock> blocks, int numFeatures) {
        this.blocks = blocks;
        this.numFeatures = numFeatures;
    }

    /** The data term of blocks held in this JVM. */
    public static BlockDataLoss inMemory(List<FeatureBlock> blocks, int numFeatures) {
        return new BlockDataLoss(new LocalBlocks<>(blocks), numFeatures);
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    /** The blocks this data term reduces over. */
    public BlockReduction<FeatureBlock> blocks() {
        return blocks;
    }

    @Override
    public LossEvaluation evaluate(double[] packed, boolean withHessian) {
        int d = numFeatures;
        long size = 16L * (d + 1) + (withHessian ? 8L * (d + 1) * (d + 1) : 0);
        return blocks.reduce("loss and gradient" + (withHessian ? " and Hessian" : ""), packed.clone(), size,
                v -> new LossAggregator(d, withHessian), (a, block, v) -> a.add(block, v), LossAggregator::merge)
                .result();
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        int d = numFeatures;
        return blocks.reduce("Hessian times a direction", new double[][] {packed.clone(), direction.clone()},
                16L * (d + 1), v -> new HessianVectorAggregator(d), (a, block, v) -> a.add(block, v[0], v[1]),
                HessianVectorAggregator::merge).result();
    }

    @Override
    public double[] scoreOuterProducts(double[] packed) {
        int d = numFeatures;
        return blocks.reduce("the scores' outer products (sandwich covariance)", packed.clone(),
                8L * (d + 1) * (d + 1), v -> new ScoreOuterProductAggregator(d), (a, block, v) -> a.add(block, v),
                ScoreOuterProductAggregator::merge).result();
    }

    @Override
    public ClusterScoreOuterProducts clusterScoreOuterProducts(double[] packed) {
        int d = numFeatures;
        return blocks.reduceByKey("the clusters' scores (cluster sandwich covariance)", packed.clone(),
                8L * (d + 1) * (d + 1), ClusterScoreOuterProducts::sums, v -> new ClusterScoreOuterProducts(d),
                ClusterScoreOuterProducts::add, ClusterScoreOuterProducts::merge);
    }

    @Override
    public ModifiedScore firthScore(double[] packed, double[] inverseInformation) {
        int d = numFeatures;
        return blocks.reduce("Firth's modified score", new double[][] {packed.clone(), inverseInformation.clone()},
                16L * (d + 1), v -> new FirthScoreAggregator(d), (a, block, v) -> a.add(block, v[0], v[1]),
                FirthScoreAggregator::merge).result();
    }
}
