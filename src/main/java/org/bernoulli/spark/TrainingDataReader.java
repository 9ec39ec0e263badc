package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.CsvSchema;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LibSvmParser;
import org.bernoulli.data.LineParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads LIBSVM or CSV training data into cached {@link FeatureBlock}s with one scan: the lines
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
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        List<FileStatus> files = InputFiles.list(conf, spec.path());
        List<String> csvFeatureNames = null;
        LineParser parser;
        if (spec.format() == InputFormat.CSV) {
            CsvSchema schema = csvSchema(conf, files, spec);
            csvFeatureNames = schema.featureNames();
            parser = new CsvRowParser(schema);
        } else {
            parser = new LibSvmParser(spec.numFeatures());
        }
        if (spec.partitions() > 0) {
            long bytes = InputFiles.totalBytes(files);
            long splitSize = Math.max(1, (bytes + spec.partitions() - 1) / spec.partitions());
            conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitSize);
        }
        JavaNewHadoopRDD<LongWritable, Text> lines = TextInput.lines(jsc, files, conf);
        LineParser lineParser = parser;
        JavaRDD<LabeledRow> rows = lines.mapPartitionsWithInputSplit((split, records) -> new ParsingIterator(
                ((FileSplit) split).getPath().toString(), ((FileSplit) split).getStart(), records, lineParser), true);
        if (spec.partitions() > 0 && rows.getNumPartitions() != spec.partitions()) {
            rows = rows.getNumPartitions() > spec.partitions()
                    ? rows.coalesce(spec.partitions(), false)
                    : rows.repartition(spec.partitions());
        }
        JavaRDD<FeatureBlock> blocks = rows
                .mapPartitions(BlockBuilder::blocks, true)
                .setName("Bernoulli training blocks of " + spec.path())
                .persist(StorageLevel.MEMORY_AND_DISK());
        FeatureSummarizer summary;
        try {
            summary = summarize(blocks, aggregationDepth, spec.numFeatures(), "read, cache and summarize " + spec.path());
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown all the same
            blocks.unpersist(false);
            throw JobFailures.translate(e, conf);
        }
        if (summary.rows() == 0) {
            blocks.unpersist(false);
            throw new BadInputException("input " + spec.path() + " holds no examples (" + files.size()
                    + (files.size() == 1 ? " file" : " files") + ", empty or only blank/comment lines)");
        }
        List<String> names = csvFeatureNames != null ? csvFeatureNames : libsvmNames(spec, summary);
        FeatureStatistics statistics = summary.result(names.size());
        return new TrainingData(blocks, statistics, names);
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

    private static CsvSchema csvSchema(Configuration conf, List<FileStatus> files, InputSpec spec) {
        FileStatus first = files.get(0);
        return CsvSchema.resolve(InputFiles.csvHeader(conf, first.getPath()), spec.labelColumn(), spec.featureColumns(),
                spec.weightColumn(), spec.offsetColumn(), first.getPath().toString());
    }

    private static List<String> libsvmNames(InputSpec spec, FeatureSummarizer summary) {
        int d = spec.numFeatures() > 0 ? spec.numFeatures() : summary.width();
        if (d == 0) {
            throw new BadInputException("input " + spec.path() + " has no non-zero feature values; "
                    + "give --num-features to fit an intercept-only model");
        }
        List<String> names = new ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
