package org.bernoulli.spark;

import org.apache.spark.api.java.JavaRDD;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.BlockReduction;
import org.bernoulli.math.LocalBlocks;
import org.bernoulli.train.TrainingSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Training data parsed into cached blocks, with its statistics. {@link #close()} unpersists the
 * cache.
 *
 * @param blocks       the cached blocks
 * @param statistics   counts, weights and per-feature moments from the pass that filled the cache
 * @param featureNames the name of each feature, in coefficient order
 * @param frame        for data read through a formula, its coding and row counts; else null
 */
public record TrainingData(JavaRDD<FeatureBlock> blocks, FeatureStatistics statistics, List<String> featureNames,
                           org.bernoulli.formula.ModelFrame frame) implements TrainingSet {

    public TrainingData {
        featureNames = List.copyOf(featureNames);
    }

    /** Data read without a formula. */
    public TrainingData(JavaRDD<FeatureBlock> blocks, FeatureStatistics statistics, List<String> featureNames) {
        this(blocks, statistics, featureNames, null);
    }

    /**
     * Largest data (rows × (features + 1)) whose passes run on the driver: about 8 MiB of doubles.
     * A distributed pass costs a Spark job — tens of milliseconds of scheduling however small the
     * data — while a pass over a few MiB in one JVM takes well under a millisecond.
     */
    public static final long DRIVER_PASS_MAX_VALUES = 1L << 20;

    /**
     * Whether passes run on the driver: data of at most {@link #DRIVER_PASS_MAX_VALUES} values,
     * where a pass costs less than scheduling a Spark job.
     */
    @Override
    public boolean passesOnTheDriver() {
        return statistics.rows() * (long) (numFeatures() + 1) <= DRIVER_PASS_MAX_VALUES;
    }

    /**
     * The blocks as the passes reduce them — the one small-data switch: collected and reduced on the
     * driver when {@link #passesOnTheDriver()}, else on Spark, merged in a fixed-order tree whose depth
     * is {@code aggregationDepth} or the automatic rule ({@link SparkBlocks#depthFor}), each job
     * labelled with the stage of the run. Both sum the same blocks with compensated sums, so they agree
     * to about one rounding.
     *
     * @param stage the stage of the run for the Spark UI (e.g. "iteration 12"); null for none
     */
    @Override
    public BlockReduction<FeatureBlock> passes(int aggregationDepth, java.util.function.Supplier<String> stage) {
        if (passesOnTheDriver()) {
            return new LocalBlocks<>(collectBlocks());
        }
        return SparkBlocks.of(blocks, aggregationDepth).labelledBy(stage);
    }

    /**
     * The cached blocks on the driver, in partition order. Each travels as Java-serialized bytes, so
     * collecting works whatever {@code spark.serializer} is configured (Kryo needs
     * {@link KryoRegistration} for records).
     */
    private List<FeatureBlock> collectBlocks() {
        List<byte[]> serialized = blocks.map(TrainingData::toBytes).collect();
        List<FeatureBlock> out = new java.util.ArrayList<>(serialized.size());
        for (byte[] bytes : serialized) {
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
                out.add((FeatureBlock) in.readObject());
            } catch (java.io.IOException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot read a collected block: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static byte[] toBytes(FeatureBlock block) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(block);
        }
        return bytes.toByteArray();
    }

    /**
     * The margin z = θ[d] + Σ_j θ[j]·x_j and the label of every cached row, as columns {@code z}
     * and {@code y}, for evaluating a fitted model on its training data without reading it again.
     *
     * @param packed the model's coefficients, then its intercept
     */
    public Dataset<Row> marginsAndLabels(SparkSession spark, double[] packed) {
        // One block's rows at a time: a block is bounded in size, a partition is not.
        JavaRDD<Row> rows = blocks.flatMap(block -> {
            double[] z = new double[block.rows()];
            block.margins(packed, z);
            List<Row> out = new ArrayList<>(block.rows());
            for (int i = 0; i < block.rows(); i++) {
                out.add(RowFactory.create(z[i], block.label(i)));
            }
            return out.iterator();
        });
        StructType schema = new StructType()
                .add("z", DataTypes.DoubleType, false)
                .add("y", DataTypes.DoubleType, false);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * This data with every case weight multiplied by its class's factor, cached anew and summarized
     * again (one pass over the cached blocks); this data's cache is released. For class weights.
     */
    @Override
    public TrainingData withClassWeights(double c0, double c1, int aggregationDepth) {
        JavaRDD<FeatureBlock> weighted = blocks.map(b -> b.withClassWeights(c0, c1))
                .setName(blocks.name() + " (class-weighted)")
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        org.bernoulli.data.FeatureSummarizer summary;
        try {
            summary = TrainingDataReader.summarize(weighted, aggregationDepth, numFeatures(),
                    "apply class weights and summarize");
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown all the same
            weighted.unpersist(false);
            throw JobFailures.translate(e, blocks.context().hadoopConfiguration());
        }
        close();
        return new TrainingData(weighted, summary.result(numFeatures()), featureNames, frame);
    }

    @Override
    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
