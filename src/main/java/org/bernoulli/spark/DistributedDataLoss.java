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
    private java.util.function.Supplier<String> stage = () -> null;

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
     * Names the stage of the run (e.g. "iteration 12") in the description of every later pass's
     * Spark job, as the Spark UI shows it: "Bernoulli iteration 12: loss and gradient (pass 14)".
     *
     * @param stage asked at each pass; null for none
     */
    public DistributedDataLoss labelledBy(java.util.function.Supplier<String> stage) {
        this.stage = stage;
        return this;
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
        int d = numFeatures;
        return pass("loss and gradient" + (withHessian ? " and Hessian" : ""), new double[][] {packed.clone()},
                () -> new LossAggregator(d, withHessian), (a, block, v) -> a.add(block, v[0]), LossAggregator::merge)
                .result();
    }

    @Override
    public double[] hessianVector(double[] packed, double[] direction) {
        int d = numFeatures;
        return pass("Hessian times a direction", new double[][] {packed.clone(), direction.clone()},
                () -> new HessianVectorAggregator(d), (a, block, v) -> a.add(block, v[0], v[1]),
                HessianVectorAggregator::merge).result();
    }

    @Override
    public ModifiedScore firthScore(double[] packed, double[] inverseInformation) {
        int d = numFeatures;
        return pass("Firth's modified score", new double[][] {packed.clone(), inverseInformation.clone()},
                () -> new FirthScoreAggregator(d), (a, block, v) -> a.add(block, v[0], v[1]),
                FirthScoreAggregator::merge).result();
    }

    /** Adds a block to a partial result, given the broadcast vectors. */
    @FunctionalInterface
    private interface BlockAdder<T> extends java.io.Serializable {
        T add(T partial, FeatureBlock block, double[][] vectors);
    }

    /**
     * One pass: broadcasts the vectors, reduces every partition's blocks into a partial result,
     * merges the partials in partition order, and labels the Spark job for the UI.
     */
    private <T extends java.io.Serializable> T pass(String what, double[][] vectors,
                                                    org.apache.spark.api.java.function.Function0<T> zero,
                                                    BlockAdder<T> add,
                                                    org.apache.spark.api.java.function.Function2<T, T, T> merge) {
        Broadcast<double[][]> shared = jsc.broadcast(vectors);
        passes++;
        String now = stage.get();
        jsc.setJobDescription(now == null ? "Bernoulli pass " + passes + ": " + what
                : "Bernoulli " + now + ": " + what + " (pass " + passes + ")");
        try {
            return OrderedAggregation.aggregate(blocks, zero, (partial, block) -> add.add(partial, block, shared.value()),
                    merge, depth);
        } finally {
            jsc.setJobDescription(null);
            shared.destroy();
        }
    }
}
