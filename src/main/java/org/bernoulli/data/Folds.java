package org.bernoulli.data;

import java.io.Serializable;

/**
 * K-fold assignment for cross-validation by a seeded hash of each row's content (label, weight,
 * offset and every non-zero feature value): the same row lands in the same fold however the data is
 * split into files, partitions or blocks, and whatever the block layout — the hash adds up one mixed
 * term per stored value, so the order values are visited in does not matter. Rows with identical
 * content share a fold, so a duplicated row is never both trained on and held out.
 */
public final class Folds {
    private Folds() {
    }

    /**
     * A block seen by each of K folds: fold k trains on {@code training[k]} (its held-out rows at
     * weight 0) and is validated on {@code heldOut[k]} (only its held-out rows keep their weight).
     * The feature arrays are shared with the original block.
     */
    public record FoldedBlock(FeatureBlock[] training, FeatureBlock[] heldOut) implements Serializable {
    }

    /** The fold, in [0, k), of every row of a block. */
    public static int[] assign(FeatureBlock block, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        int n = block.rows();
        long[] hash = new long[n];
        for (int i = 0; i < n; i++) {
            hash[i] = mix(seed ^ mix(Double.doubleToLongBits(block.label(i)) + 31 * Double.doubleToLongBits(
                    block.weight(i)) + 961 * Double.doubleToLongBits(block.offset(i) + 0.0)));
        }
        block.forEachValue((row, feature, value) -> {
            // Zeros are skipped: a dense layout stores them, a sparse one does not.
            if (value != 0.0) {
                hash[row] += mix(seed + 0x9E3779B97F4A7C15L * (feature + 1) + mix(Double.doubleToLongBits(value)));
            }
        });
        int[] folds = new int[n];
        for (int i = 0; i < n; i++) {
            folds[i] = (int) Long.remainderUnsigned(mix(hash[i]), k);
        }
        return folds;
    }

    /** The block as each of k folds sees it. */
    public static FoldedBlock split(FeatureBlock block, int k, long seed) {
        int[] folds = assign(block, k, seed);
        int n = block.rows();
        FeatureBlock[] training = new FeatureBlock[k];
        FeatureBlock[] heldOut = new FeatureBlock[k];
        for (int f = 0; f < k; f++) {
            double[] train = new double[n];
            double[] held = new double[n];
            for (int i = 0; i < n; i++) {
                double w = block.weight(i);
                if (folds[i] == f) {
                    held[i] = w;
                } else {
                    train[i] = w;
                }
            }
            training[f] = block.withWeights(train);
            heldOut[f] = block.withWeights(held);
        }
        return new FoldedBlock(training, heldOut);
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
