package org.bernoulli.math;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.Folds;

import java.util.ArrayList;
import java.util.List;

/**
 * The folds of a cross-validation over a data set's blocks, wherever they live: each block is split
 * once into its folds' views (weights only; the feature matrix is shared) and kept so; each pass is
 * one {@link BlockReduction} pass of a {@link FoldedAggregator}, sent the folds' requests.
 * {@link #close()} releases the folds' blocks.
 */
public final class BlockFoldedDataLoss implements FoldedDataLoss, AutoCloseable {
    private final BlockReduction<Folds.FoldedBlock> blocks;
    private final int folds;
    private final int numFeatures;

    /**
     * @param blocks the data set's blocks (they stay the caller's)
     * @param folds  K
     * @param seed   the seed of the fold assignment
     */
    public BlockFoldedDataLoss(BlockReduction<FeatureBlock> blocks, int numFeatures, int folds, long seed) {
        this.blocks = blocks.map("Bernoulli cross-validation folds", b -> Folds.split(b, folds, seed));
        this.folds = folds;
        this.numFeatures = numFeatures;
    }

    /** The folds of blocks held in this JVM. */
    public static BlockFoldedDataLoss inMemory(List<FeatureBlock> blocks, int numFeatures, int folds, long seed) {
        return new BlockFoldedDataLoss(new LocalBlocks<>(blocks), numFeatures, folds, seed);
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
    public Answer[] evaluate(FoldRequest[] requests) {
        int d = numFeatures;
        return blocks.reduce("cross-validation, " + describe(requests), requests, 16L * folds * (d + 1),
                r -> new FoldedAggregator(d, r), (a, block, r) -> a.add(block, r), FoldedAggregator::merge).results();
    }

    @Override
    public List<FeatureStatistics> trainingStatistics() {
        int k = folds;
        FeatureSummarizer[] all = blocks.reduce("statistics of each cross-validation fold", k,
                64L * k * Math.max(numFeatures, 1000), BlockFoldedDataLoss::summarizers, (s, block, unused) -> {
                    for (int f = 0; f < s.length; f++) {
                        s[f].add(block.training()[f]);
                    }
                    return s;
                }, (a, b) -> {
                    for (int f = 0; f < a.length; f++) {
                        a[f].merge(b[f]);
                    }
                    return a;
                });
        List<FeatureStatistics> out = new ArrayList<>();
        for (FeatureSummarizer s : all) {
            out.add(s.result(numFeatures));
        }
        return out;
    }

    private static FeatureSummarizer[] summarizers(int k) {
        FeatureSummarizer[] s = new FeatureSummarizer[k];
        for (int f = 0; f < k; f++) {
            s[f] = new FeatureSummarizer();
        }
        return s;
    }

    private static String describe(FoldRequest[] requests) {
        int train = 0;
        int held = 0;
        int products = 0;
        for (FoldRequest r : requests) {
            if (r != null) {
                if (r.heldOut()) {
                    held++;
                } else if (r.direction() != null) {
                    products++;
                } else {
                    train++;
                }
            }
        }
        return train + " fold fits" + (products > 0 ? ", " + products + " Hessian-vector products" : "")
                + (held > 0 ? ", " + held + " held-out evaluations" : "");
    }

    @Override
    public void close() {
        blocks.close();
    }
}
