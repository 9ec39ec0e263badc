package org.bernoulli.math;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BlockReduction} that counts its passes — each {@link #reduce} and {@link #reduceByKey},
 * and those of the reductions mapped from it — so that a command can say what each of its phases
 * cost in passes over the data.
 */
public final class CountedBlocks<B> implements BlockReduction<B> {
    private final BlockReduction<B> blocks;
    private final AtomicLong passes;

    public CountedBlocks(BlockReduction<B> blocks) {
        this(blocks, new AtomicLong());
    }

    private CountedBlocks(BlockReduction<B> blocks, AtomicLong passes) {
        this.blocks = blocks;
        this.passes = passes;
    }

    /** Passes so far, over these blocks and those mapped from them. */
    public long passes() {
        return passes.get();
    }

    @Override
    public <S extends Serializable, T extends Serializable> T reduce(String what, S shared, long partialBytes,
                                                                     Zero<S, T> zero, Add<S, T, B> add,
                                                                     Merge<T> merge) {
        passes.incrementAndGet();
        return blocks.reduce(what, shared, partialBytes, zero, add, merge);
    }

    @Override
    public <S extends Serializable, T extends Serializable> T reduceByKey(String what, S shared, long partialBytes,
                                                                          KeyedSums<S, B> sums, Zero<S, T> zero,
                                                                          Fold<T> fold, Merge<T> merge) {
        passes.incrementAndGet();
        return blocks.reduceByKey(what, shared, partialBytes, sums, zero, fold, merge);
    }

    @Override
    public <C extends Serializable> BlockReduction<C> map(String name, Mapping<B, C> mapping) {
        return new CountedBlocks<>(blocks.map(name, mapping), passes);
    }

    @Override
    public void close() {
        blocks.close();
    }
}
