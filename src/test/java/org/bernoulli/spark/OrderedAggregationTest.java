package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The merge order is the partition order, whatever order tasks finish in: partitions are made to
 * finish in reverse (earlier ones sleep longer), and the result must equal, bit for bit, the plain
 * in-order fold of per-partition sums computed here — a floating-point sum whose value depends on
 * the order (terms spanning twenty orders of magnitude), so any other order would show.
 */
class OrderedAggregationTest {

    /** A plain (uncompensated) running sum: its rounding depends on the order of additions. */
    static final class Sum implements Serializable {
        double value;

        Sum add(double x) {
            value += x;
            return this;
        }

        Sum merge(Sum other) {
            value += other.value;
            return this;
        }
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 2, 3})
    void mergesInPartitionOrderWhateverTheFinishingOrder(int depth) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        Random random = new Random(depth);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            values.add(Math.pow(10, random.nextInt(20)) * (random.nextBoolean() ? 1 : -1) * random.nextDouble());
        }
        int partitions = 12;
        JavaRDD<Double> rdd = jsc.parallelize(values, partitions).mapPartitionsWithIndex((index, it) -> {
            Thread.sleep(20L * (partitions - index)); // later partitions finish first
            return it;
        }, true);
        // The expected value: each partition summed in order, then the partials in a tree of runs of
        // ⌈12^(1/depth)⌉ consecutive partitions, each run and the final list merged in index order.
        int per = values.size() / partitions;
        List<Double> partials = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            double s = 0;
            for (int i = p * per; i < (p + 1) * per; i++) {
                s += values.get(i);
            }
            partials.add(s);
        }
        int fanIn = Math.max(2, (int) Math.ceil(Math.pow(partitions, 1.0 / depth)));
        for (int level = 1; level < depth && partials.size() > fanIn; level++) {
            List<Double> next = new ArrayList<>();
            for (int start = 0; start < partials.size(); start += fanIn) {
                double s = partials.get(start);
                for (int i = start + 1; i < Math.min(start + fanIn, partials.size()); i++) {
                    s += partials.get(i);
                }
                next.add(s);
            }
            partials = next;
        }
        double expected = partials.get(0);
        for (int i = 1; i < partials.size(); i++) {
            expected += partials.get(i);
        }
        for (int run = 0; run < 3; run++) {
            Sum total = OrderedAggregation.aggregate(rdd, Sum::new, Sum::add, Sum::merge, depth);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(total.value),
                    "depth " + depth + ": " + expected + " vs " + total.value);
        }
    }
}
