package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.FoldRequest;
import org.bernoulli.math.BlockFoldedDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The folds of a cross-validation summed on Spark equal the in-memory sums (1e-12 relative) for
 * 1, 3 and 16 partitions: training evaluations with and without the Hessian, held-out evaluations,
 * Hessian–vector products of a fold's training rows (equal, too, to the product over those rows
 * alone), folds that ask nothing, and each fold's statistics.
 */
class SparkFoldsTest {
    private static final int D = 7;
    private static final int K = 4;

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 16})
    void foldsOnSparkEqualFoldsInMemory(int partitions) {
        Random random = new Random(8);
        List<FeatureBlock> blocks = BlockBuilder.blocks(Datasets.randomRows(random, 900, D, 0.6, true), 50);
        JavaRDD<FeatureBlock> rdd = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext())
                .parallelize(blocks, partitions).cache();
        BlockFoldedDataLoss local = BlockFoldedDataLoss.inMemory(blocks, D, K, 5);
        try (BlockFoldedDataLoss distributed = new BlockFoldedDataLoss(SparkBlocks.of(rdd, 2), D, K, 5)) {
            FoldRequest[] requests = new FoldRequest[K];
            for (int k = 0; k < K - 1; k++) {
                double[] packed = new double[D + 1];
                for (int j = 0; j <= D; j++) {
                    packed[j] = 0.2 * random.nextGaussian();
                }
                requests[k] = new FoldRequest(packed, k == 1, k == 2);
            }
            LossEvaluation[] a = evaluations(local.evaluate(requests));
            LossEvaluation[] b = evaluations(distributed.evaluate(requests));
            assertNull(b[K - 1], "a fold without a request gets nothing");
            for (int k = 0; k < K - 1; k++) {
                assertEquals(a[k].weightSum(), b[k].weightSum(), 1e-12 * a[k].weightSum());
                assertEquals(a[k].meanLoss(), b[k].meanLoss(), 1e-12 * a[k].meanLoss(), "fold " + k);
                for (int j = 0; j <= D; j++) {
                    assertEquals(a[k].gradient()[j], b[k].gradient()[j], 1e-12 * Math.abs(a[k].gradient()[j]) + 1e-15);
                }
                if (k == 1) {
                    for (int i = 0; i < a[k].hessian().length; i++) {
                        assertEquals(a[k].hessian()[i], b[k].hessian()[i], 1e-12 * Math.abs(a[k].hessian()[i]) + 1e-15);
                    }
                }
            }
            List<FeatureStatistics> sa = local.trainingStatistics();
            List<FeatureStatistics> sb = distributed.trainingStatistics();
            for (int k = 0; k < K; k++) {
                assertEquals(sa.get(k).weightSum(), sb.get(k).weightSum(), 1e-12 * sa.get(k).weightSum());
                assertEquals(sa.get(k).positiveWeight(), sb.get(k).positiveWeight(), 1e-12 * sa.get(k).weightSum());
                for (int j = 0; j < D; j++) {
                    assertEquals(sa.get(k).means()[j], sb.get(k).means()[j], 1e-12);
                    assertEquals(sa.get(k).stdDevs()[j], sb.get(k).stdDevs()[j], 1e-12);
                }
            }
            // A Hessian-vector product of one fold, next to an evaluation of another, in the same pass.
            double[] packed = new double[D + 1];
            double[] direction = new double[D + 1];
            for (int j = 0; j <= D; j++) {
                packed[j] = 0.1 * random.nextGaussian();
                direction[j] = random.nextGaussian();
            }
            FoldRequest[] mixed = new FoldRequest[K];
            mixed[0] = FoldRequest.hessianVector(packed, direction);
            mixed[3] = new FoldRequest(packed, false, false);
            double[] hv = distributed.evaluate(mixed)[0].hessianVector();
            double[] hvLocal = local.evaluate(mixed)[0].hessianVector();
            java.util.List<FeatureBlock> training = new java.util.ArrayList<>();
            for (FeatureBlock block : blocks) {
                training.add(org.bernoulli.data.Folds.split(block, K, 5).training()[0]);
            }
            double[] direct = org.bernoulli.math.BlockDataLoss.inMemory(training, D).hessianVector(packed, direction);
            org.junit.jupiter.api.Assertions.assertArrayEquals(direct, hvLocal, 0.0, "in memory: the same sums");
            for (int j = 0; j <= D; j++) {
                assertEquals(hvLocal[j], hv[j], 1e-12 * Math.abs(hvLocal[j]) + 1e-15, "Hessian-vector " + j);
            }
        } finally {
            rdd.unpersist(true);
        }
    }

    private static LossEvaluation[] evaluations(org.bernoulli.math.FoldedDataLoss.Answer[] answers) {
        LossEvaluation[] out = new LossEvaluation[answers.length];
        for (int k = 0; k < answers.length; k++) {
            out[k] = answers[k] == null ? null : answers[k].evaluation();
        }
        return out;
    }
}
