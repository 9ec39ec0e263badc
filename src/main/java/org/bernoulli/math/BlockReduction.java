package org.bernoulli.math;

import java.io.Serializable;

/**
 * The one seam between the passes and where a data set's blocks live: a reduction that adds every
 * block into a partial result and merges the partial results in a fixed order. The data terms
 * ({@link BlockDataLoss}, {@link BlockFoldedDataLoss}) and the statistics pass do only block
 * arithmetic through it — an aggregator with {@code add} and {@code merge} — and never know whether
 * the blocks are in this JVM ({@link LocalBlocks}) or cached on a Spark cluster, where the
 * implementation broadcasts the shared values, labels the job, chooses the merge tree and merges in
 * partition order.
 *
 * @param <B> the block type
 */
public interface BlockReduction<B> extends AutoCloseable {

    /**
     * One pass over the blocks.
     *
     * @param what         what the pass computes, for the job's description (e.g. "loss and gradient")
     * @param shared       the read-only values every block needs (the parameters), sent once per pass
     * @param partialBytes about how large one partial result is, for the shape of the merge tree
     * @param zero         a fresh partial result
     * @param add          adds one block into a partial result and returns it
     * @param merge        merges the second partial into the first and returns it
     * @return the merged result (a fresh zero when there are no blocks)
     */
    <S extends Serializable, T extends Serializable> T reduce(String what, S shared, long partialBytes,
                                                              Zero<S, T> zero, Add<S, T, B> add, Merge<T> merge);

    /**
     * One pass that sums vectors by key, then folds the sums: every block hands over its own sums per
     * key ({@code sums}); the sums of one key are added over all blocks, and each key's total is
     * added into a partial result ({@code fold}, in an order fixed by the keys), the partials merged
     * as in {@link #reduce}. Over Spark this is one aggregation by key: a partition sends one vector
     * per key it holds, so a key whose rows share a partition costs one vector.
     *
     * @param what         what the pass computes, for the job's description
     * @param shared       the read-only values every block needs, sent once per pass
     * @param partialBytes about how large one partial result is
     * @param sums         a block's sums per key
     * @param zero         a fresh partial result
     * @param fold         adds one key's total into a partial result and returns it
     * @param merge        merges the second partial into the first and returns it
     */
    <S extends Serializable, T extends Serializable> T reduceByKey(String what, S shared, long partialBytes,
                                                                   KeyedSums<S, B> sums, Zero<S, T> zero,
                                                                   Fold<T> fold, Merge<T> merge);

    /**
     * The blocks mapped one by one, kept (cached) as such for later passes; close the result to
     * release them. Passes over it are described like this reduction's.
     *
     * @param name what the mapped blocks are, for the cache's name
     */
    <C extends Serializable> BlockReduction<C> map(String name, Mapping<B, C> mapping);

    /** Releases what this reduction keeps (its cache); the default keeps nothing. */
    @Override
    default void close() {
    }

    /** A fresh partial result. */
    @FunctionalInterface
    interface Zero<S, T> extends Serializable {
        T zero(S shared);
    }

    /** Adds a block into a partial result. */
    @FunctionalInterface
    interface Add<S, T, B> extends Serializable {
        T add(T partial, B block, S shared);
    }

    /** Merges the second partial result into the first. */
    @FunctionalInterface
    interface Merge<T> extends Serializable {
        T merge(T into, T other);
    }

    /** A block's vector sums per key, each handed to {@code out} once (the array is the caller's). */
    @FunctionalInterface
    interface KeyedSums<S, B> extends Serializable {
        void sums(B block, S shared, java.util.function.BiConsumer<String, double[]> out);
    }

    /** Adds one key's total into a partial result. */
    @FunctionalInterface
    interface Fold<T> extends Serializable {
        T add(T partial, double[] total);
    }

    /** Adds {@code from} into {@code into}, element by element. */
    static void addInto(double[] into, double[] from) {
        if (into.length != from.length) {
            throw new IllegalStateException("keyed sums of lengths " + into.length + " and " + from.length);
        }
        for (int k = 0; k < into.length; k++) {
            into[k] += from[k];
        }
    }

    /** Maps one block. */
    @FunctionalInterface
    interface Mapping<B, C> extends Serializable {
        C apply(B block);
    }
}
