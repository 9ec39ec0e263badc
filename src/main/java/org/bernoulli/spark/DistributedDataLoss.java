package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.FirthScoreAggregator;
import org.bernoulli.math.ModifiedScore;
import org.bernoulli.math.HessianVectorAggregator;
import org.bernoulli.math.LossAggregator;
import org.bernoulli.math.LossEvaluation;

/**
 * The data term over cached blocks on a Spark cluster. Each evaluation broadcasts the packed
 * parameters, reduces every partition's blocks into a {@link LossAggregator}, merges the
 * aggregators in a tree whose merge order is fixed ({@link OrderedAggregation}, so results are the
 * same bit for bit from run to run), destroys the broadcast and divides by the weight sum.
 */
public final class DistributedDataLoss implements DataLoss {

    /** {@code --aggregation-depth} value that asks for {@link #depthFor}. */
    public static final int AUTO_DEPTH = 0;
    /** Most partial results, or bytes of them, that one merge step takes in (auto depth). */
    static final int MAX_FAN_IN = 64;
    static final long MAX_MERGE_BYTES = 64L << 20;

    private final JavaSparkContext jsc;
    private final JavaRDD<FeatureBlock> blocks;
    private final int numFeatures;
    private final int depth;
    private int passes;

    /**
     * @param aggregationDepth aggregation tree depth, or {@link #AUTO_DEPTH} to choose it from the
     *                         partition count and the size of a partial sum ({@link #depthFor})
     */
    public DistributedDataLoss(JavaRDD<FeatureBlock> blocks, int numFeatures, int aggregationDepth) {
        if (aggregationDepth < 0) {
            throw new IllegalArgumentException("aggregation depth must be at least 1 (or 0 for auto), got "
                    + aggregationDepth);
        }
        this.jsc = JavaSparkContext.fromSparkContext(blocks.context());
        this.blocks = blocks;
        this.numFeatures = numFeatures;
        this.depth = aggregationDepth == AUTO_DEPTH
                ? depthFor(blocks.getNumPartitions(), 16L * (numFeatures + 1)) : aggregationDepth;
    }

    /**
     * The smallest tree depth at which no merge step takes in more than {@value #MAX_FAN_IN}
     * partial results or more than 64 MiB of them: depth 1 (straight to the driver) for a few
     * partitions of narrow data, deeper for many partitions or wide gradients.
     *
     * @param partitions   partitions being aggregated
     * @param partialBytes size of one partial result
     */
    public static int depthFor(int partitions, long partialBytes) {
        int depth = 1;
        while (depth < 4) {
            double fanIn = Math.ceil(Math.pow(partitions, 1.0 / depth));
            if (fanIn <= MAX_FAN_IN && fanIn * partialBytes <= MAX_MERGE_BYTES) {
                break;
            }
            depth++;
        }
        return depth;
    }

    /** The aggregation tree depth in use. */
    public int depth() {
        return depth;
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public LossEvaluation evaluate(double[] packed, boolean withHessian) {
        Broadcast<double[]> parameters = jsc.broadcast(packed.clone());
        int d = numFeatures;
        passes++;
        jsc.setJobDescription("Bernoulli pass " + passes + ": loss and gradient" + (withHessian ? " and Hessian" : ""));
        try {
            LossAggregator total = OrderedAggregation.aggregate(blocks, () -> new LossAggregator(d, withHessian),
                    (aggregator, block) -> aggregator.add(block, parameters.value()),
                    LossAggregator::merge, depth);
            return total.result();
        } finally {
            jsc.setJobDescription(null);
            parameters.destroy();
        }
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        Broadcast<double[][]> vectors = jsc.broadcast(new double[][] {packed.clone(), direction.clone()});
        int d = numFeatures;
        passes++;
        jsc.setJobDescription("Bernoulli pass " + passes + ": Hessian times a direction");
        try {
            return OrderedAggregation.aggregate(blocks, () -> new HessianVectorAggregator(d),
                    (aggregator, block) -> aggregator.add(block, vectors.value()[0], vectors.value()[1]),
                    HessianVectorAggregator::merge, depth).result();
        } finally {
            jsc.setJobDescription(null);
            vectors.destroy();
        }
    }

    @Override
    public ModifiedScore firthScore(double[] packed, double[] inverseInformation) {
        Broadcast<double[][]> vectors = jsc.broadcast(new double[][] {packed.clone(), inverseInformation.clone()});
        int d = numFeatures;
        passes++;
        jsc.setJobDescription("Bernoulli pass " + passes + ": Firth's modified score");
        try {
            return OrderedAggregation.aggregate(blocks, () -> new FirthScoreAggregator(d),
                    (aggregator, block) -> aggregator.add(block, vectors.value()[0], vectors.value()[1]),
                    FirthScoreAggregator::merge, depth).result();
        } finally {
            jsc.setJobDescription(null);
            vectors.destroy();
        }
    }
}
