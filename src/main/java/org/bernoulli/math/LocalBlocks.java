package org.bernoulli.math;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks held in this JVM, reduced on the calling thread in list order into one partial result:
 * for data small enough that a pass over it costs less than scheduling a Spark job.
 */
public final class LocalBlocks<B> implements BlockReduction<B> {
    private final List<B> blocks;

    public LocalBlocks(List<B> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public int size() {
        return blocks.size();
    }

    @Override
    public <S extends Serializable, T extends Serializable> T reduce(String what, S shared, long partialBytes,
                                                                     Zero<S, T> zero, Add<S, T, B> add,
                                                                     Merge<T> merge) {
        T partial = zero.zero(shared);
        for (B block : blocks) {
            partial = add.add(partial, block, shared);
        }
        return partial;
    }

    @Override
    public <C extends Serializable> LocalBlocks<C> map(String name, Mapping<B, C> mapping) {
        List<C> mapped = new ArrayList<>(blocks.size());
        for (B block : blocks) {
            mapped.add(mapping.apply(block));
        }
        return new LocalBlocks<>(mapped);
    }
}
