package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.Folds;
import org.bernoulli.math.FoldRequest;
import org.bernoulli.math.FoldedAggregator;
import org.bernoulli.math.FoldedDataLoss;
import org.bernoulli.math.LossEvaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The folds of a cross-validation over cached blocks on Spark: each block is split once into its
 * folds' views (weights only; the feature arrays are shared) and cached; each pass broadcasts the
 * folds' requests and merges one {@link FoldedAggregator} per partition in partition order, as
 * {@link DistributedDataLoss} does for one model. {@link #close()} releases the cache.
 */
public final class DistributedFoldedDataLoss implements FoldedDataLoss, AutoCloseable {
    private final JavaSparkContext jsc;
    private final JavaRDD<Folds.FoldedBlock> blocks;
    private final int folds;
    private final int numFeatures;
    private final int depth;
    private int passes;

    public DistributedFoldedDataLoss(JavaRDD<FeatureBlock> blocks, int numFeatures, int folds, long seed,
                                     int aggregationDepth) {
        this.jsc = JavaSparkContext.fromSparkContext(blocks.context());
        this.blocks = blocks.map(b -> Folds.split(b, folds, seed))
                .setName("Bernoulli cross-validation folds")
                .persist(StorageLevel.MEMORY_AND_DISK());
        this.folds = folds;
        this.numFeatures = numFeatures;
        this.depth = aggregationDepth > 0 ? aggregationDepth
                : DistributedDataLoss.depthFor(blocks.getNumPartitions(), 16L * folds * (numFeatures + 1));
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
        Broadcast<FoldRequest[]> shared = jsc.broadcast(requests);
        passes++;
        jsc.setJobDescription("Bernoulli cross-validation pass " + passes + ": " + describe(requests));
        int d = numFeatures;
        try {
            return OrderedAggregation.aggregate(blocks, () -> new FoldedAggregator(d, shared.value()),
                    (a, block) -> a.add(block, shared.value()), FoldedAggregator::merge, depth).results();
        } finally {
            jsc.setJobDescription(null);
            shared.destroy();
        }
    }

    @Override
    public List<FeatureStatistics> trainingStatistics() {
        jsc.setJobDescription("Bernoulli cross-validation: statistics of each fold");
        int k = folds;
        try {
            FeatureSummarizer[] all = OrderedAggregation.aggregate(blocks, () -> newSummarizers(k),
                    (s, block) -> {
                        for (int f = 0; f < k; f++) {
                            s[f].add(block.training()[f]);
                        }
                        return s;
                    }, (a, b) -> {
                        for (int f = 0; f < k; f++) {
                            a[f].merge(b[f]);
                        }
                        return a;
                    }, depth);
            List<FeatureStatistics> out = new ArrayList<>();
            for (FeatureSummarizer s : all) {
                out.add(s.result(numFeatures));
            }
            return out;
        } finally {
            jsc.setJobDescription(null);
        }
    }

    private static FeatureSummarizer[] newSummarizers(int k) {
        FeatureSummarizer[] s = new FeatureSummarizer[k];
        for (int f = 0; f < k; f++) {
            s[f] = new FeatureSummarizer();
        }
        return s;
    }

    private static String describe(FoldRequest[] requests) {
        int train = 0;
        int held = 0;
        for (FoldRequest r : requests) {
            if (r != null) {
                if (r.heldOut()) {
                    held++;
                } else {
                    train++;
                }
            }
        }
        return train + " fold fits" + (held > 0 ? ", " + held + " held-out evaluations" : "");
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
