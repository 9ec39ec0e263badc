package org.bernoulli.spark;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.math.BlockReduction;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link BlockReduction} over blocks cached on a Spark cluster. Each pass broadcasts the shared
 * values, reduces every partition's blocks into one partial result, merges the partials in a tree
 * whose merge order is fixed ({@link OrderedAggregation}, so results are the same bit for bit from
 * run to run), and destroys the broadcast. The job says what it is in the Spark UI: "Bernoulli
 * iteration 12: loss and gradient (pass 14, tree depth 1)".
 *
 * <p>The depth of the merge tree is the one rule of {@link #depthFor}, unless a depth is given.
 */
public final class SparkBlocks<B> implements BlockReduction<B> {

    /** {@code AGGREGATION_DEPTH} value that asks for {@link #depthFor}. */
    public static final int AUTO_DEPTH = 0;
    /** Most partial results, or bytes of them, that one merge step takes in (auto depth). */
    static final int MAX_FAN_IN = 64;
    static final long MAX_MERGE_BYTES = 64L << 20;

    private final JavaRDD<B> blocks;
    private final int aggregationDepth;
    private final Labels labels;
    private final boolean owned;

    /** What the passes of a run are labelled with, shared by a reduction and those mapped from it. */
    private static final class Labels {
        private Supplier<String> stage = () -> null;
        private int passes;
    }

    private SparkBlocks(JavaRDD<B> blocks, int aggregationDepth, Labels labels, boolean owned) {
        if (aggregationDepth < 0) {
            throw new IllegalArgumentException("{AGGREGATION_DEPTH} must be at least 1, or 0 for automatic, got "
                    + aggregationDepth);
        }
        this.blocks = blocks;
        this.aggregationDepth = aggregationDepth;
        this.labels = labels;
        this.owned = owned;
    }

    /**
     * Passes over cached blocks (they stay the caller's to release).
     *
     * @param aggregationDepth the merge tree's depth, or {@link #AUTO_DEPTH} for {@link #depthFor}
     */
    public static <B> SparkBlocks<B> of(JavaRDD<B> blocks, int aggregationDepth) {
        return new SparkBlocks<>(blocks, aggregationDepth, new Labels(), false);
    }

    /**
     * Names the stage of the run (e.g. "iteration 12") in the description of every later pass's
     * job, this reduction's and those mapped from it.
     *
     * @param stage asked at each pass; null (or a supplier of null) for none
     */
    public SparkBlocks<B> labelledBy(Supplier<String> stage) {
        labels.stage = stage == null ? () -> null : stage;
        return this;
    }

    /**
     * The smallest tree depth at which no merge step takes in more than {@value #MAX_FAN_IN}
     * partial results or more than 64 MiB of them: depth 1 (straight to the driver) for a few
     * partitions of narrow data, deeper for many partitions or wide partial results.
     *
     * @param partitions   partitions being aggregated
     * @param partialBytes size of one partial result
     */
    public static int depthFor(int partitions, long partialBytes) {
        int depth = 1;
        while (depth < 4) {
            double fanIn = Math.ceil(Math.pow(partitions, 1.0 / depth));
            if (fanIn <= MAX_FAN_IN && fanIn * partialBytes <= MAX_MERGE_BYTES) {
                break;
            }
            depth++;
        }
        return depth;
    }

    /** The merge tree's depth for partial results of this size: the given depth, or {@link #depthFor}. */
    public int depth(long partialBytes) {
        return aggregationDepth > 0 ? aggregationDepth : depthFor(blocks.getNumPartitions(), partialBytes);
    }

    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public <S extends Serializable, T extends Serializable> T reduce(String what, S shared, long partialBytes,
                                                                     Zero<S, T> zero, Add<S, T, B> add,
                                                                     Merge<T> merge) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(blocks.context());
        Broadcast<S> values = jsc.broadcast(shared);
        int depth = depth(partialBytes);
        describe(jsc, what, "tree depth " + depth);
        try {
            return OrderedAggregation.aggregate(blocks, () -> zero.zero(values.value()),
                    (partial, block) -> add.add(partial, block, values.value()), merge::merge, depth);
        } finally {
            jsc.setJobDescription(null);
            values.destroy();
        }
    }

    /**
     * Each partition sums its blocks per key (in block order) and sends one (key, partition, sum) per
     * key; the shuffle groups a key's sums, which are added in partition order, and each reduce
     * partition folds its keys' totals in key order — so the result is the same bit for bit from run
     * to run, however the shuffle delivers.
     */
    @Override
    public <S extends Serializable, T extends Serializable> T reduceByKey(String what, S shared, long partialBytes,
                                                                          KeyedSums<S, B> sums, Zero<S, T> zero,
                                                                          Fold<T> fold, Merge<T> merge) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(blocks.context());
        Broadcast<S> values = jsc.broadcast(shared);
        int depth = depth(partialBytes);
        describe(jsc, what, "by key, tree depth " + depth);
        try {
            JavaRDD<double[]> totals = blocks.mapPartitionsWithIndex((index, it) -> {
                Map<String, double[]> own = new HashMap<>();
                while (it.hasNext()) {
                    sums.sums(it.next(), values.value(), (key, sum) -> {
                        double[] total = own.get(key);
                        if (total == null) {
                            own.put(key, sum.clone());
                        } else {
                            BlockReduction.addInto(total, sum);
                        }
                    });
                }
                List<Tuple2<String, Tuple2<Integer, double[]>>> out = new ArrayList<>(own.size());
                own.forEach((key, sum) -> out.add(new Tuple2<>(key, new Tuple2<>(index, sum))));
                return out.iterator();
            }, true).mapToPair(t -> t).groupByKey(new HashPartitioner(blocks.getNumPartitions()))
                    .mapPartitions(SparkBlocks::totalsInKeyOrder, true);
            return OrderedAggregation.aggregate(totals, () -> zero.zero(values.value()), fold::add, merge::merge,
                    depth);
        } finally {
            jsc.setJobDescription(null);
            values.destroy();
        }
    }

    /** Counts the pass and labels its job: "Bernoulli iteration 12: loss and gradient (pass 14, tree depth 1)". */
    private void describe(JavaSparkContext jsc, String what, String how) {
        labels.passes++;
        String stage = labels.stage.get();
        jsc.setJobDescription("Bernoulli" + (stage == null ? ":" : " " + stage + ":") + " " + what + " (pass "
                + labels.passes + ", " + how + ")");
    }

    /** A reduce partition's keys in key order, each the sum of its partitions' sums in partition order. */
    private static Iterator<double[]> totalsInKeyOrder(Iterator<Tuple2<String, Iterable<Tuple2<Integer, double[]>>>> keys) {
        List<Tuple2<String, Iterable<Tuple2<Integer, double[]>>>> sorted = new ArrayList<>();
        keys.forEachRemaining(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        List<double[]> out = new ArrayList<>(sorted.size());
        for (Tuple2<String, Iterable<Tuple2<Integer, double[]>>> key : sorted) {
            List<Tuple2<Integer, double[]>> parts = new ArrayList<>();
            key._2().forEach(parts::add);
            parts.sort(Comparator.comparing(Tuple2::_1));
            double[] total = parts.get(0)._2().clone();
            for (int i = 1; i < parts.size(); i++) {
                BlockReduction.addInto(total, parts.get(i)._2());
            }
            out.add(total);
        }
        return out.iterator();
    }

    @Override
    public <C extends Serializable> SparkBlocks<C> map(String name, Mapping<B, C> mapping) {
        JavaRDD<C> mapped = blocks.map(mapping::apply).setName(name).persist(StorageLevel.MEMORY_AND_DISK());
        return new SparkBlocks<>(mapped, aggregationDepth, labels, true);
    }

    /** Releases the cache of a mapped reduction; the blocks given to {@link #of} stay the caller's. */
    @Override
    public void close() {
        if (owned) {
            blocks.unpersist(false);
        }
    }
}
