package org.bernoulli.local;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.formula.ModelFrame;
import org.bernoulli.math.BlockReduction;
import org.bernoulli.math.LocalBlocks;
import org.bernoulli.train.TrainingSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Training data held in this JVM: the blocks the driver read, reduced on the driver's cores in groups
 * of blocks merged in order ({@link LocalBlocks}) — the same blocks and the same arithmetic as on
 * Spark, without a Spark job per pass.
 *
 * @param blocks       the blocks, in the order of the input's lines
 * @param statistics   counts, weights and per-feature moments of the rows
 * @param featureNames the name of each feature, in coefficient order
 * @param frame        for data read through a formula, its coding and row counts; else null
 */
public record LocalTrainingData(List<FeatureBlock> blocks, FeatureStatistics statistics, List<String> featureNames,
                                ModelFrame frame) implements TrainingSet {

    public LocalTrainingData {
        blocks = List.copyOf(blocks);
        featureNames = List.copyOf(featureNames);
    }

    /** The statistics of blocks: one pass on the driver's cores, in the groups every pass uses ({@link LocalBlocks}). */
    static FeatureSummarizer summarize(List<FeatureBlock> blocks) {
        return new LocalBlocks<>(blocks).reduce("the statistics of the data", Boolean.TRUE, 0,
                shared -> new FeatureSummarizer(), (summary, block, shared) -> summary.add(block), FeatureSummarizer::merge);
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public BlockReduction<FeatureBlock> passes(int aggregationDepth, Supplier<String> stage) {
        return new LocalBlocks<>(blocks);
    }

    @Override
    public boolean passesOnTheDriver() {
        return true;
    }

    @Override
    public LocalTrainingData withClassWeights(double c0, double c1, int aggregationDepth) {
        List<FeatureBlock> weighted = new ArrayList<>(blocks.size());
        for (FeatureBlock block : blocks) {
            weighted.add(block.withClassWeights(c0, c1));
        }
        return new LocalTrainingData(weighted, summarize(weighted).result(numFeatures()), featureNames, frame);
    }

    @Override
    public void close() {
        // The blocks are ordinary objects: nothing to release but the references.
    }
}
