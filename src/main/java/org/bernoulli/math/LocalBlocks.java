package org.bernoulli.math;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Sums every key over the blocks in list order, then folds the totals in the keys' order. */
    @Override
    public <S extends Serializable, T extends Serializable> T reduceByKey(String what, S shared, long partialBytes,
                                                                          KeyedSums<S, B> sums, Zero<S, T> zero,
                                                                          Fold<T> fold, Merge<T> merge) {
        Map<String, double[]> totals = new TreeMap<>();
        for (B block : blocks) {
            sums.sums(block, shared, (key, sum) -> {
                double[] total = totals.get(key);
                if (total == null) {
                    totals.put(key, sum.clone());
                } else {
                    BlockReduction.addInto(total, sum);
                }
            });
        }
        T partial = zero.zero(shared);
        for (double[] total : totals.values()) {
            partial = fold.add(partial, total);
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
