package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.read.TextReading;

import java.util.List;

/**
 * Reads training data into cached {@link FeatureBlock}s — data read through a formula, and tables of
 * any Spark source, by {@link FormulaDataReader}; LIBSVM and numeric CSV here, with one scan: the lines
 * are read through Hadoop's text input format (which keeps each line's byte offset, so a bad
 * record can be reported by file and line), parsed and packed into blocks per partition, cached,
 * and summarized by the same pass that fills the cache.
 */
public final class TrainingDataReader {

    private TrainingDataReader() {
    }

    /**
     * Reads, caches and summarizes the data.
     *
     * @param spark            the session
     * @param spec             where the data is and how to read it
     * @param aggregationDepth depth of the tree aggregation of the statistics, or 0 to choose it
     * @throws BadInputException naming file, line and problem for the first bad record found, or
     *                           the path when it is missing or empty
     */
    public static TrainingData read(SparkSession spark, InputSpec spec, int aggregationDepth) {
        if (spec.format().isTable()) {
            return FormulaDataReader.readTable(spark, spec, aggregationDepth);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        List<FileStatus> files = InputFiles.list(conf, spec.path());
        TextReading.Read<JavaRDD<FeatureBlock>> read = TextReading.read(
                new SplitLines(jsc, conf, files, spec, aggregationDepth), spec);
        return new TrainingData(read.blocks(), read.statistics(), read.featureNames(), read.frame());
    }

    /** The sums of the average marginal effects over the rows of a formula input: CSV lines or a table. */
    public static org.bernoulli.margins.MarginSums margins(SparkSession spark, InputSpec spec,
                                                           org.bernoulli.margins.MarginSums zero) {
        if (spec.format().isTable()) {
            return TableMargins.sums(spark, spec, zero);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        return TextReading.margins(new SplitLines(jsc, conf, InputFiles.list(conf, spec.path()), spec, 2), zero);
    }

    /** The input's lines (byte offset, line), in splits sized for {@code spec.partitions()} when given. */
    static JavaNewHadoopRDD<LongWritable, Text> lines(JavaSparkContext jsc, List<FileStatus> files, Configuration conf,
                                                     InputSpec spec) {
        if (spec.partitions() > 0) {
            long bytes = InputFiles.totalBytes(files);
            long splitSize = Math.max(1, (bytes + spec.partitions() - 1) / spec.partitions());
            conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitSize);
        }
        return TextInput.lines(jsc, files, conf);
    }

    /** Cached blocks and the summary of the pass that filled the cache. */
    record Cached(JavaRDD<FeatureBlock> blocks, FeatureSummarizer summary) {
    }

    /**
     * Packs parsed rows into blocks over {@code partitions} partitions (when given), caches them
     * and summarizes them in the same pass; fails, releasing the cache, when the rows hold no
     * example.
     *
     * @param partitions the partitions wanted, or 0 to keep the rows' own
     * @param width      the expected width (0 when unknown)
     * @param where      the data, for the job's name and messages
     * @param files      the number of input files (0 for a table), for the message about empty input
     * @param whyEmpty   why rows read can give no example ({@link BadInputException#whyNoExamples}), for that
     *                   message too; null when only empty files can
     * @param categorical the column ranges of categorical terms, stored one level per row; null for none
     */
    static Cached cache(JavaRDD<LabeledRow> rows, int partitions, int width, String where, int files,
                        String whyEmpty, int aggregationDepth, Configuration conf, int[][] categorical) {
        if (partitions > 0 && rows.getNumPartitions() != partitions) {
            rows = rows.getNumPartitions() > partitions ? rows.coalesce(partitions, false) : rows.repartition(partitions);
        }
        JavaRDD<FeatureBlock> blocks = rows
                .mapPartitions(it -> BlockBuilder.blocks(it, categorical), true)
                .setName("Bernoulli training blocks of " + where)
                .persist(StorageLevel.MEMORY_AND_DISK());
        FeatureSummarizer summary;
        try {
            summary = summarize(blocks, aggregationDepth, width, "read, cache and summarize " + where);
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown all the same
            blocks.unpersist(false);
            throw JobFailures.translate(e, conf);
        }
        if (summary.rows() == 0) {
            blocks.unpersist(false);
            throw BadInputException.noExamples(where, files, whyEmpty);
        }
        return new Cached(blocks, summary);
    }

    /**
     * One pass of the feature statistics over cached blocks, merged in partition order, as a Spark
     * job that says what it is for.
     *
     * @param aggregationDepth the tree depth, or 0 to choose it ({@link SparkBlocks#depthFor})
     * @param numFeatures      the expected width (0 when unknown), for the size of a partial result
     * @param what             what the pass is, for the job's description
     */
    public static FeatureSummarizer summarize(JavaRDD<FeatureBlock> blocks, int aggregationDepth, int numFeatures,
                                              String what) {
        return SparkBlocks.of(blocks, aggregationDepth).reduce(what, Boolean.TRUE, 64L * Math.max(numFeatures, 1000),
                unused -> new FeatureSummarizer(), (s, block, unused) -> s.add(block), FeatureSummarizer::merge);
    }
}
