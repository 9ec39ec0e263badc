package org.bernoulli.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.InputSpec;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.LocalFileStore;
import org.bernoulli.local.LocalTextReader;
import org.bernoulli.math.BlockReduction;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.TrainingData;
import org.bernoulli.spark.TrainingDataReader;
import org.bernoulli.train.TrainingSet;

import java.util.Locale;

/**
 * Where a training run reads its data, holds its blocks and evaluates its model: on Spark
 * ({@link OnSpark}), or on the driver alone with no Spark session at all ({@link OnDriver}). The
 * fit, the inference and the report are the same code on both, over the same blocks.
 */
public sealed interface TrainingEngine permits TrainingEngine.OnSpark, TrainingEngine.OnDriver {

    /** "spark" or "local", as {@code ENGINE} names it. */
    String name();

    /** The file system the run's paths (its input, output and checkpoints; nulls ignored) are checked and written on. */
    FileStore files(String... paths);

    /** Reads the input into blocks, with their statistics. */
    TrainingSet read(InputSpec input, int aggregationDepth);

    /** The version of Spark the run uses (for the model's provenance). */
    String sparkVersion();

    /** Where the blocks are held and how large they are, for the log. */
    String describeCache(TrainingSet data);

    /**
     * The model's evaluation on its training data.
     *
     * @param blocks the blocks as the fit reduced them
     * @param packed the model's coefficients, then its intercept
     */
    DataEvaluation evaluate(TrainingSet data, BlockReduction<FeatureBlock> blocks, double[] packed, String description,
                            double threshold);

    /**
     * The sums of the average marginal effects over the rows of {@code input} (a formula's data), each
     * coded through {@code zero}'s design: one more read of the input.
     */
    org.bernoulli.margins.MarginSums margins(InputSpec input, org.bernoulli.margins.MarginSums zero);

    /** Spark: the blocks cached on the cluster (or the embedded Spark of this JVM). */
    record OnSpark(SparkSession spark) implements TrainingEngine {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public FileStore files(String... paths) {
            return new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
        }

        @Override
        public TrainingSet read(InputSpec input, int aggregationDepth) {
            return TrainingDataReader.read(spark, input, aggregationDepth);
        }

        @Override
        public org.bernoulli.margins.MarginSums margins(InputSpec input, org.bernoulli.margins.MarginSums zero) {
            return TrainingDataReader.margins(spark, input, zero);
        }

        @Override
        public String sparkVersion() {
            return spark.version();
        }

        /** The size of the cached blocks as Spark's block manager reports it, e.g. "12.3 MiB in memory". */
        @Override
        public String describeCache(TrainingSet data) {
            if (data instanceof TrainingData cached) {
                for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
                    if (info.id() == cached.blocks().id()) {
                        return String.format(Locale.ROOT, "%.1f MiB in memory, %.1f MiB on disk",
                                info.memSize() / 1048576.0, info.diskSize() / 1048576.0);
                    }
                }
            }
            return "an unknown size";
        }

        /**
         * Up to {@link BlockEvaluation#MAX_ROWS} rows through the passes' seam; beyond, the margins
         * are ranked by a distributed sort ({@link MarginEvaluation}).
         */
        @Override
        public DataEvaluation evaluate(TrainingSet data, BlockReduction<FeatureBlock> blocks, double[] packed,
                                       String description, double threshold) {
            long rows = data.statistics().rows();
            if (rows <= BlockEvaluation.MAX_ROWS || !(data instanceof TrainingData cached)) {
                return BlockEvaluation.evaluate(blocks, packed, rows, description, threshold);
            }
            // Cached: the metrics, the sort for the exact areas and the curve counts each read the margins.
            Dataset<Row> margins = cached.marginsAndLabels(spark, packed).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                return MarginEvaluation.evaluate(spark, margins, () -> 0L, description, threshold);
            } finally {
                margins.unpersist(false);
            }
        }
    }

    /**
     * The driver alone: local files read on this JVM's cores, the blocks held in its heap, every pass
     * and the evaluation reduced there in groups of blocks merged in order ({@link
     * org.bernoulli.math.LocalBlocks}); no Spark session is started, and
     * for paths of this machine (read and written through {@code java.nio}) no class of Spark, Scala
     * or Hadoop is loaded.
     */
    record OnDriver() implements TrainingEngine {

        /**
         * This machine's file system when every path is on it; else (an output on {@code hdfs://} or
         * {@code s3a://} beside local input) Hadoop's, with its default configuration.
         */
        @Override
        public FileStore files(String... paths) {
            for (String path : paths) {
                if (path != null && !LocalFileStore.holds(path)) {
                    return new HadoopFileStore(new org.apache.hadoop.conf.Configuration());
                }
            }
            return LocalFileStore.INSTANCE;
        }

        @Override
        public String name() {
            return "local";
        }

        @Override
        public TrainingSet read(InputSpec input, int aggregationDepth) {
            return LocalTextReader.read(input);
        }

        @Override
        public org.bernoulli.margins.MarginSums margins(InputSpec input, org.bernoulli.margins.MarginSums zero) {
            return LocalTextReader.margins(input, zero);
        }

        @Override
        public String sparkVersion() {
            return org.bernoulli.spark.SparkVersion.onClasspath();
        }

        @Override
        public String describeCache(TrainingSet data) {
            return String.format(Locale.ROOT, "the driver's heap (%,d stored values)", data.statistics().storedValues());
        }

        @Override
        public DataEvaluation evaluate(TrainingSet data, BlockReduction<FeatureBlock> blocks, double[] packed,
                                       String description, double threshold) {
            return BlockEvaluation.evaluate(blocks, packed, data.statistics().rows(), description, threshold);
        }
    }
}
