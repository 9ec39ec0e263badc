package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;

import java.util.List;

/**
 * Training data parsed into cached blocks, with its statistics. {@link #close()} unpersists the
 * cache.
 *
 * @param blocks       the cached blocks
 * @param statistics   counts, weights and per-feature moments from the pass that filled the cache
 * @param featureNames the name of each feature, in coefficient order
 */
public record TrainingData(JavaRDD<FeatureBlock> blocks, FeatureStatistics statistics, List<String> featureNames)
        implements AutoCloseable {

    public TrainingData {
        featureNames = List.copyOf(featureNames);
    }

    public int numFeatures() {
        return featureNames.size();
    }

    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
