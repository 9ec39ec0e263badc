package org.bernoulli.math;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Blocks held in this JVM, reduced on the driver's cores: consecutive blocks form groups, each group
 * is reduced in list order into a partial result of its own (on its own thread, {@link DriverThreads}),
 * and the partials are merged in the groups' order — as Spark's partitions are, without a job. The
 * groups depend only on the number of blocks ({@link #groups}), never on the cores, so a pass gives
 * the same sums to the bit on any machine; a few blocks (a small data set) are one group, reduced on
 * the calling thread.
 */
public final class LocalBlocks<B> implements BlockReduction<B> {
    /**
     * Fewest blocks in a group: 16 full blocks are about a million values, a millisecond of a pass,
     * against tens of microseconds for a thread's hand-off; and data of fewer blocks (up to 65,536 rows
     * in full blocks) is one group, reduced in list order as it always was.
     */
    static final int MIN_GROUP_BLOCKS = 16;
    /** Most groups: enough to keep every core of a driver busy, few enough that their partials stay small. */
    static final int MAX_GROUPS = 16;

    private final List<B> blocks;

    public LocalBlocks(List<B> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public int size() {
        return blocks.size();
    }

    /** How many groups {@code blocks} blocks form: at least {@value #MIN_GROUP_BLOCKS} blocks each, at most {@value #MAX_GROUPS}. */
    static int groups(int blocks) {
        int size = Math.max(MIN_GROUP_BLOCKS, (blocks + MAX_GROUPS - 1) / MAX_GROUPS);
        return Math.max(1, (blocks + size - 1) / size);
    }

    /** The groups' partial results, merged in order. */
    @Override
    public <S extends Serializable, T extends Serializable> T reduce(String what, S shared, long partialBytes,
                                                                     Zero<S, T> zero, Add<S, T, B> add,
                                                                     Merge<T> merge) {
        int groups = groups(blocks.size());
        List<Callable<T>> work = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            List<B> group = blocks.subList(g * blocks.size() / groups, (g + 1) * blocks.size() / groups);
            work.add(() -> {
                T partial = zero.zero(shared);
                for (B block : group) {
                    partial = add.add(partial, block, shared);
                }
                return partial;
            });
        }
        List<T> partials = DriverThreads.inOrder(work, what);
        T total = partials.get(0);
        for (int g = 1; g < partials.size(); g++) {
            total = merge.merge(total, partials.get(g));
        }
        return total;
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
