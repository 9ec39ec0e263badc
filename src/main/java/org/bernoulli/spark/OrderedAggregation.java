package org.bernoulli.spark;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A tree aggregation whose merge order is fixed by partition index, so the result is the same bit
 * for bit however tasks are scheduled, retried or finish. Spark's own {@code treeAggregate} merges
 * partial results in the order tasks complete, which changes the rounding of floating-point sums
 * from run to run; with compensated sums the difference is about one unit in the last place, but it
 * is enough to make two runs' models differ in their last bits.
 *
 * <p>Each partition is reduced to one partial result, tagged with its index. With depth d > 1,
 * d − 1 levels then merge runs of ⌈P^(1/d)⌉ consecutive partials each (shuffled by run, sorted by
 * index inside the run); the last level's partials are collected to the driver and merged there in
 * index order. Depth 1 collects every partition's partial directly.
 */
public final class OrderedAggregation {

    private OrderedAggregation() {
    }

    /**
     * @param data  the data set
     * @param zero  makes an empty partial result (called once per partition)
     * @param add   adds one element to a partial result
     * @param merge merges the second partial into the first, returning the first
     * @param depth levels of the tree, at least 1
     * @return the merged partials, or a fresh zero when there are no partitions
     */
    public static <E, T extends Serializable> T aggregate(JavaRDD<E> data, Function0<T> zero, Function2<T, E, T> add,
                                                          Function2<T, T, T> merge, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("aggregation depth must be at least 1, got " + depth);
        }
        int partitions = data.getNumPartitions();
        JavaPairRDD<Integer, T> partials = data.mapPartitionsWithIndex((index, elements) -> {
            T acc = zero.call();
            while (elements.hasNext()) {
                acc = add.call(acc, elements.next());
            }
            return List.of(new Tuple2<>(index, acc)).iterator();
        }, true).mapToPair(t -> t);
        int count = partitions;
        int fanIn = Math.max(2, (int) Math.ceil(Math.pow(partitions, 1.0 / depth)));
        for (int level = 1; level < depth && count > fanIn; level++) {
            int runs = (count + fanIn - 1) / fanIn;
            int width = fanIn;
            partials = partials.mapToPair(t -> new Tuple2<>(t._1() / width, t))
                    .groupByKey(new HashPartitioner(runs))
                    .mapToPair(run -> new Tuple2<>(run._1(), mergeInOrder(run._2(), merge)));
            count = runs;
        }
        List<Tuple2<Integer, T>> last = partials.collect();
        try {
            return last.isEmpty() ? zero.call() : mergeInOrder(last, merge);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("merging partial results failed: " + e.getMessage(), e);
        }
    }

    /** Merges partials in ascending index order, the first being the accumulator. */
    private static <T> T mergeInOrder(Iterable<Tuple2<Integer, T>> partials, Function2<T, T, T> merge) throws Exception {
        List<Tuple2<Integer, T>> sorted = new ArrayList<>();
        partials.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        T acc = sorted.get(0)._2();
        for (int i = 1; i < sorted.size(); i++) {
            acc = merge.call(acc, sorted.get(i)._2());
        }
        return acc;
    }
}
