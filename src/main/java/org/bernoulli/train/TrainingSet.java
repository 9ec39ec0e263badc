package org.bernoulli.train;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.formula.ModelFrame;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.BlockReduction;

import java.util.List;
import java.util.function.Supplier;

/**
 * Training data read into blocks and held for the passes, with the statistics of the pass that
 * read it — wherever the blocks live: cached on Spark, or in this JVM when no Spark is needed. The
 * training job sees only this; {@link #close()} releases the blocks.
 */
public interface TrainingSet extends AutoCloseable {

    /** Counts, weights and per-feature moments of the rows. */
    FeatureStatistics statistics();

    /** The name of each feature, in coefficient order. */
    List<String> featureNames();

    /** For data read through a formula, its coding and row counts; else null. */
    ModelFrame frame();

    /** How many parts the blocks are held in (Spark partitions, or the driver's groups of blocks). */
    int partitions();

    /**
     * The blocks as the passes reduce them.
     *
     * @param aggregationDepth the depth of a distributed merge tree, or 0 to choose it
     * @param stage            what the run is doing, for the description of distributed jobs
     */
    BlockReduction<FeatureBlock> passes(int aggregationDepth, Supplier<String> stage);

    /** Whether {@link #passes} reduces on the driver (no distributed job per pass). */
    boolean passesOnTheDriver();

    /**
     * This data with every case weight multiplied by its class's factor and summarized again; this
     * data is released. For class weights.
     */
    TrainingSet withClassWeights(double c0, double c1, int aggregationDepth);

    /** Releases the blocks. */
    @Override
    void close();

    default int numFeatures() {
        return featureNames().size();
    }

    /** The data term for training, its passes described with the stage of the run. */
    default BlockDataLoss dataLoss(int aggregationDepth, Supplier<String> stage) {
        return new BlockDataLoss(passes(aggregationDepth, stage), numFeatures());
    }

    /** The data term for training ({@link #passes}). */
    default BlockDataLoss dataLoss(int aggregationDepth) {
        return dataLoss(aggregationDepth, () -> null);
    }
}
