package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.CategoricalDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The categorical pass on Spark equals the in-memory one for several partitionings and merge
 * depths: loss, gradient, information, the scores' outer products and the class totals. Both are
 * compensated sums within about one rounding of the exact ones, so 1e-12 relative (to the largest
 * entry, for the matrices) leaves a wide margin while a lost or doubled block misses by far.
 */
class SparkCategoricalBlocksTest {
    private static final int D = 5;
    private static final int K = 4;
    private static JavaSparkContext jsc;
    private static List<FeatureBlock> blocks;

    @BeforeAll
    static void data() {
        jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        blocks = new ArrayList<>();
        blocks.addAll(org.bernoulli.math.CategoricalBlocks.random(5, 900, K, D, false, 37));
        blocks.addAll(org.bernoulli.math.CategoricalBlocks.random(6, 700, K, D, true, 29));
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 8, 64})
    void distributedSumsEqualInMemory(int partitions) {
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, partitions).cache();
        CategoricalDataLoss local = CategoricalDataLoss.inMemory(blocks, K, D);
        for (int depth : new int[] {1, 2}) {
            CategoricalDataLoss distributed = new CategoricalDataLoss(SparkBlocks.of(rdd, depth), K, D);
            Random random = new Random(partitions * 10L + depth);
            double[] theta = new double[local.parameters()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = 0.3 * random.nextGaussian();
            }
            LossEvaluation a = local.evaluate(theta, true);
            LossEvaluation b = distributed.evaluate(theta, true);
            assertEquals(a.rows(), b.rows());
            assertEquals(a.meanLoss(), b.meanLoss(), 1e-12 * a.meanLoss());
            assertClose(a.gradient(), b.gradient());
            assertClose(a.hessian(), b.hessian());
            assertClose(local.scoreOuterProducts(theta), distributed.scoreOuterProducts(theta));
            assertEquals(a.misclassifiedWeight(), b.misclassifiedWeight(), 1e-9);
            CategoricalDataLoss.ClassTotals ta = local.classTotals();
            CategoricalDataLoss.ClassTotals tb = distributed.classTotals();
            assertEquals(java.util.Arrays.toString(ta.rows()), java.util.Arrays.toString(tb.rows()));
            assertClose(ta.weights(), tb.weights());
        }
        rdd.unpersist();
    }

    private static void assertClose(double[] expected, double[] actual) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * scale, "entry " + i);
        }
    }
}
