package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseRowMatrix;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.testing.Datasets;
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
 * The distributed pass equals the in-memory one. With compensated sums both are within about one
 * rounding of the exact sums, whatever the grouping, so 1e-12 relative leaves a wide margin while
 * any lost, doubled or mis-scaled block would miss it by far.
 */
class SparkBlocksTest {
    private static JavaSparkContext jsc;
    private static List<FeatureBlock> blocks;
    private static final int D = 12;

    @BeforeAll
    static void data() {
        jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        Random random = new Random(42);
        blocks = new ArrayList<>();
        // Dense and sparse blocks, of uneven sizes, with case weights: 41 blocks, then 10 with offsets.
        blocks.addAll(BlockBuilder.blocks(Datasets.randomRows(random, 700, D, 1.0, true), 33));
        blocks.addAll(BlockBuilder.blocks(Datasets.randomRows(random, 500, D, 0.15, true), 27));
        // And rows with offsets (R's offset()): blocks that carry them.
        List<LabeledRow> offsetRows = new ArrayList<>();
        for (LabeledRow r : Datasets.randomRows(random, 300, D, 0.5, true)) {
            offsetRows.add(new LabeledRow(r.label(), r.weight(), r.indices(), r.values(), random.nextGaussian()));
        }
        blocks.addAll(BlockBuilder.blocks(offsetRows, 31));
        assertTrue(blocks.stream().anyMatch(b -> b.matrix() instanceof DenseMatrix));
        assertTrue(blocks.stream().anyMatch(b -> b.matrix() instanceof SparseRowMatrix));
        assertTrue(blocks.stream().anyMatch(b -> b.offsets() != null));
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7, 64})
    void distributedLossAndGradientEqualInMemory(int partitions) {
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, partitions).cache();
        if (partitions == 64) {
            long empty = rdd.glom().collect().stream().filter(List::isEmpty).count();
            assertTrue(empty > 0, "64 partitions of 51 blocks include empty partitions");
        }
        BlockDataLoss local = BlockDataLoss.inMemory(blocks, D);
        for (int depth : new int[] {1, 2, 3}) {
            BlockDataLoss distributed = new BlockDataLoss(SparkBlocks.of(rdd, depth), D);
            Random random = new Random(partitions * 10L + depth);
            for (int trial = 0; trial < 2; trial++) {
                double[] packed = new double[D + 1];
                for (int j = 0; j <= D; j++) {
                    packed[j] = 0.3 * random.nextGaussian();
                }
                LossEvaluation a = local.evaluate(packed);
                LossEvaluation b = distributed.evaluate(packed);
                assertEquals(a.rows(), b.rows());
                assertEquals(a.weightSum(), b.weightSum(), 1e-12 * a.weightSum());
                assertEquals(a.meanLoss(), b.meanLoss(), 1e-12 * a.meanLoss());
                for (int j = 0; j <= D; j++) {
                    assertEquals(a.gradient()[j], b.gradient()[j], 1e-12 * Math.abs(a.gradient()[j]),
                            "gradient " + j + " with depth " + depth);
                }
                assertEquals(a.misclassifiedWeight(), b.misclassifiedWeight(), 1e-9);
            }
        }
        rdd.unpersist(true);
    }

    /** The Hessian (Fisher information per unit weight) summed on Spark equals the in-memory sum. */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 16})
    void distributedHessianEqualsInMemory(int partitions) {
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, partitions);
        double[] packed = new double[D + 1];
        java.util.Arrays.fill(packed, 0.05);
        double[] a = BlockDataLoss.inMemory(blocks, D).evaluate(packed, true).hessian();
        double[] b = new BlockDataLoss(SparkBlocks.of(rdd, 2), D).evaluate(packed, true).hessian();
        assertEquals((D + 1) * (D + 1), a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12 * Math.abs(a[i]) + 1e-300, "entry " + i);
        }
    }

    /**
     * The sandwich's meat, Σ sᵢsᵢᵀ, summed on Spark equals the in-memory sum for every partitioning,
     * and is symmetric.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 16})
    void distributedScoreOuterProductsEqualInMemory(int partitions) {
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, partitions);
        double[] packed = new double[D + 1];
        java.util.Arrays.fill(packed, -0.03);
        double[] a = BlockDataLoss.inMemory(blocks, D).scoreOuterProducts(packed);
        double[] b = new BlockDataLoss(SparkBlocks.of(rdd, 2), D).scoreOuterProducts(packed);
        assertEquals((D + 1) * (D + 1), a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12 * Math.abs(a[i]) + 1e-300, "entry " + i);
            assertEquals(a[i], a[(i % (D + 1)) * (D + 1) + i / (D + 1)], 0.0, "symmetric");
        }
        assertTrue(a[D * (D + 1) + D] > 0, "the intercept's entry is the sum of squared residuals");
    }

    /** The Hessian–vector product summed on Spark equals the in-memory sum (dense and sparse blocks). */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 16})
    void distributedHessianVectorProductEqualsInMemory(int partitions) {
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, partitions);
        Random random = new Random(partitions);
        double[] packed = new double[D + 1];
        double[] direction = new double[D + 1];
        for (int j = 0; j <= D; j++) {
            packed[j] = 0.3 * random.nextGaussian();
            direction[j] = random.nextGaussian();
        }
        double[] a = BlockDataLoss.inMemory(blocks, D).hessianVector(packed, direction);
        double[] b = new BlockDataLoss(SparkBlocks.of(rdd, 2), D).hessianVector(packed, direction);
        for (int j = 0; j <= D; j++) {
            assertEquals(a[j], b[j], 1e-12 * Math.abs(a[j]), "component " + j);
        }
    }

    /**
     * Firth's modified score summed on Spark equals the in-memory sum, with a symmetric positive
     * definite matrix standing in for I⁻¹ (the sums are the same whatever the matrix).
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 16})
    void distributedFirthScoreEqualsInMemory(int partitions) {
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, partitions);
        int n = D + 1;
        double[] packed = new double[n];
        java.util.Arrays.fill(packed, 0.02);
        double[] inverse = BlockDataLoss.inMemory(blocks, D).evaluate(packed, true).hessian();
        for (int i = 0; i < n; i++) {
            inverse[i * n + i] += 1.0;
        }
        var a = BlockDataLoss.inMemory(blocks, D).firthScore(packed, inverse);
        var b = new BlockDataLoss(SparkBlocks.of(rdd, 2), D).firthScore(packed, inverse);
        assertEquals(a.leverageSum(), b.leverageSum(), 1e-12 * a.leverageSum());
        for (int j = 0; j < n; j++) {
            assertEquals(a.score()[j], b.score()[j], 1e-12 * Math.abs(a.score()[j]), "component " + j);
        }
    }

    @org.junit.jupiter.api.Test
    void automaticDepthGrowsWithPartitionsAndWidth() {
        assertEquals(1, SparkBlocks.depthFor(8, 16 * 101));
        assertEquals(1, SparkBlocks.depthFor(64, 16 * 101));
        assertEquals(2, SparkBlocks.depthFor(200, 16 * 101));
        assertEquals(3, SparkBlocks.depthFor(100_000, 16 * 101));
        assertEquals(4, SparkBlocks.depthFor(16, 16L * 10_000_001), "partials of 160 MB: merge two at a time");
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(blocks, 7);
        assertEquals(1, SparkBlocks.of(rdd, SparkBlocks.AUTO_DEPTH).depth(16L * (D + 1)));
        assertEquals(3, SparkBlocks.of(rdd, 3).depth(16L * (D + 1)), "a given depth is kept");
    }

    @ParameterizedTest(name = "{0} rows per block")
    @ValueSource(ints = {1, 2, 4})
    void blockSizeDoesNotChangeTheSums(int blockRows) {
        List<LabeledRow> rows = Datasets.randomRows(new Random(9), 300, D, 0.5, true);
        double[] packed = new double[D + 1];
        java.util.Arrays.fill(packed, 0.1);
        LossEvaluation reference = BlockDataLoss.inMemory(BlockBuilder.blocks(rows, 300), D).evaluate(packed);
        JavaRDD<FeatureBlock> rdd = jsc.parallelize(BlockBuilder.blocks(rows, blockRows), 3);
        LossEvaluation e = new BlockDataLoss(SparkBlocks.of(rdd, 2), D).evaluate(packed);
        assertEquals(reference.meanLoss(), e.meanLoss(), 1e-12 * reference.meanLoss());
        for (int j = 0; j <= D; j++) {
            assertEquals(reference.gradient()[j], e.gradient()[j], 1e-12 * Math.abs(reference.gradient()[j]));
        }
    }

    /**
     * The cluster sandwich's meat Σ_g S_g S_gᵀ and G, summed on Spark by cluster, equal the sums
     * computed row by row from the rows themselves (a plain loop, no blocks), for 1, 3 and 16
     * partitions and merge depths 1 and 2 — with the clusters' rows scattered over every block and
     * partition, and with each cluster's rows together — and a run repeats the same bits.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 16})
    void distributedClusterSumsEqualTheRowByRowSums(int partitions) {
        Random random = new Random(7);
        List<LabeledRow> rows = new ArrayList<>();
        for (LabeledRow r : Datasets.randomRows(random, 900, D, 0.6, true)) {
            // 37 clusters, drawn at random: every cluster has rows in many blocks and partitions.
            rows.add(new LabeledRow(r.label(), r.weight(), r.indices(), r.values(), 0.2 * random.nextGaussian(),
                    "c" + random.nextInt(37)));
        }
        List<LabeledRow> together = new ArrayList<>(rows);
        together.sort(java.util.Comparator.comparing(LabeledRow::cluster));
        double[] packed = new double[D + 1];
        for (int j = 0; j <= D; j++) {
            packed[j] = 0.1 * random.nextGaussian();
        }
        double[] expected = rowByRowClusterMeat(rows, packed);
        for (List<LabeledRow> order : List.of(rows, together)) {
            List<FeatureBlock> clustered = BlockBuilder.blocks(order, 29);
            assertTrue(clustered.stream().allMatch(b -> b.clusters() != null));
            JavaRDD<FeatureBlock> rdd = jsc.parallelize(clustered, partitions);
            org.bernoulli.math.ClusterScoreOuterProducts local = BlockDataLoss.inMemory(clustered, D)
                    .clusterScoreOuterProducts(packed);
            assertEquals(37, local.clusters());
            for (int depth : new int[] {1, 2}) {
                org.bernoulli.math.ClusterScoreOuterProducts spark = new BlockDataLoss(SparkBlocks.of(rdd, depth), D)
                        .clusterScoreOuterProducts(packed);
                assertEquals(37, spark.clusters());
                double[] a = spark.result();
                double[] again = new BlockDataLoss(SparkBlocks.of(rdd, depth), D).clusterScoreOuterProducts(packed)
                        .result();
                for (int i = 0; i < a.length; i++) {
                    double tolerance = 1e-12 * Math.abs(expected[i]) + 1e-300;
                    assertEquals(expected[i], a[i], tolerance, "Spark, entry " + i + ", depth " + depth);
                    assertEquals(expected[i], local.result()[i], tolerance, "in memory, entry " + i);
                    assertEquals(a[i], again[i], 0.0, "the same bits from run to run");
                }
            }
        }
    }

    /** With every row its own cluster, the cluster meat is the rows' meat Σ sᵢsᵢᵀ. */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3})
    void singleRowClustersGiveTheRowsMeat(int partitions) {
        Random random = new Random(11);
        List<LabeledRow> rows = new ArrayList<>();
        int i = 0;
        for (LabeledRow r : Datasets.randomRows(random, 400, D, 0.3, true)) {
            rows.add(r.inCluster("row " + i++));
        }
        List<FeatureBlock> clustered = BlockBuilder.blocks(rows, 64);
        double[] packed = new double[D + 1];
        java.util.Arrays.fill(packed, 0.02);
        BlockDataLoss spark = new BlockDataLoss(SparkBlocks.of(jsc.parallelize(clustered, partitions), 2), D);
        org.bernoulli.math.ClusterScoreOuterProducts byCluster = spark.clusterScoreOuterProducts(packed);
        double[] byRow = spark.scoreOuterProducts(packed);
        assertEquals(400, byCluster.clusters());
        for (int k = 0; k < byRow.length; k++) {
            assertEquals(byRow[k], byCluster.result()[k], 1e-12 * Math.abs(byRow[k]) + 1e-300, "entry " + k);
        }
    }

    /** Σ_g S_g S_gᵀ from the rows, each score sᵢ = wᵢ(yᵢ − σ(zᵢ))(xᵢ, 1) computed on its own. */
    private static double[] rowByRowClusterMeat(List<LabeledRow> rows, double[] packed) {
        int n = D + 1;
        java.util.Map<String, double[]> scores = new java.util.TreeMap<>();
        for (LabeledRow r : rows) {
            double z = packed[D] + r.offset();
            for (int k = 0; k < r.indices().length; k++) {
                z += packed[r.indices()[k]] * r.values()[k];
            }
            double residual = r.weight() * (r.label() - 1 / (1 + Math.exp(-z)));
            double[] s = scores.computeIfAbsent(r.cluster(), key -> new double[n]);
            for (int k = 0; k < r.indices().length; k++) {
                s[r.indices()[k]] += residual * r.values()[k];
            }
            s[D] += residual;
        }
        double[] m = new double[n * n];
        for (double[] s : scores.values()) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    m[j * n + k] += s[j] * s[k];
                }
            }
        }
        return m;
    }
}
