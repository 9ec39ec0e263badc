package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.LossAggregator;
import org.bernoulli.math.LossEvaluation;

/**
 * The data term over cached blocks on a Spark cluster. Each evaluation broadcasts the packed
 * parameters, reduces every partition's blocks into a {@link LossAggregator}, merges the
 * aggregators with {@code treeAggregate}, destroys the broadcast and divides by the weight sum.
 */
public final class DistributedDataLoss implements DataLoss {

    /** Tree depth of the aggregation: partial sums are merged on executors before the driver. */
    public static final int DEFAULT_AGGREGATION_DEPTH = 2;

    private final JavaSparkContext jsc;
    private final JavaRDD<FeatureBlock> blocks;
    private final int numFeatures;
    private final int depth;
    private int passes;

    public DistributedDataLoss(JavaRDD<FeatureBlock> blocks, int numFeatures, int aggregationDepth) {
        if (aggregationDepth < 1) {
            throw new IllegalArgumentException("aggregation depth must be at least 1, got " + aggregationDepth);
        }
        this.jsc = JavaSparkContext.fromSparkContext(blocks.context());
        this.blocks = blocks;
        this.numFeatures = numFeatures;
        this.depth = aggregationDepth;
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
            LossAggregator total = blocks.treeAggregate(new LossAggregator(d, withHessian),
                    (aggregator, block) -> aggregator.add(block, parameters.value()),
                    LossAggregator::merge, depth);
            return total.result();
        } finally {
            jsc.setJobDescription(null);
            parameters.destroy();
        }
    }
}
