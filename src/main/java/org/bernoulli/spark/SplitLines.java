package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LineParser;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.read.LinePass;
import org.bernoulli.read.LineSource;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The lines of text files as the Spark engine reads them: Hadoop splits through {@link TextInput}
 * (sized for the partitions asked for), one piece of a pass per split in a task, partial results
 * collected and merged on the driver in split order; a bad line is named by its file and byte offset,
 * and its line number when the split starts its file ({@link BadRecordException}). Blocks are cached
 * and summarized in one pass ({@link TrainingDataReader#cache}).
 */
final class SplitLines implements LineSource<JavaRDD<FeatureBlock>> {
    private final Configuration conf;
    private final List<FileStatus> files;
    private final JavaNewHadoopRDD<LongWritable, Text> lines;
    private final InputSpec spec;
    private final int aggregationDepth;

    SplitLines(JavaSparkContext jsc, Configuration conf, List<FileStatus> files, InputSpec spec, int aggregationDepth) {
        this.conf = conf;
        this.files = files;
        this.lines = TrainingDataReader.lines(jsc, files, conf, spec);
        this.spec = spec;
        this.aggregationDepth = aggregationDepth;
    }

    @Override
    public String where() {
        return spec.path();
    }

    @Override
    public int files() {
        return files.size();
    }

    @Override
    public String firstFile() {
        return files.get(0).getPath().toString();
    }

    @Override
    public String firstLine() {
        return InputFiles.firstLine(conf, files.get(0).getPath());
    }

    @Override
    public <A> A fold(LinePass<A> pass) {
        List<A> parts;
        try {
            parts = lines.mapPartitionsWithInputSplit(foldSplit(pass), true).collect();
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw JobFailures.translate(e, conf);
        }
        A result = null;
        for (A part : parts) {
            result = result == null ? part : pass.merge(result, part);
        }
        return result != null ? result : pass.start().result();
    }

    private static <A> Function2<org.apache.hadoop.mapreduce.InputSplit, Iterator<Tuple2<LongWritable, Text>>,
            Iterator<A>> foldSplit(LinePass<A> pass) {
        return (split, records) -> {
            LinePass.Part<A> part = pass.start();
            forEachLine((FileSplit) split, records, part::line);
            return Collections.singletonList(part.result()).iterator();
        };
    }

    @Override
    public long countDistinct(LineKey key) {
        try {
            return lines.mapPartitionsWithInputSplit((split, records) -> {
                List<String> values = new ArrayList<>();
                forEachLine((FileSplit) split, records, (first, line) -> {
                    String value = key.of(first, line);
                    if (value != null) {
                        values.add(value);
                    }
                });
                return values.iterator();
            }, true).distinct().count();
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw JobFailures.translate(e, conf);
        }
    }

    @Override
    public Held<JavaRDD<FeatureBlock>> parse(LineParser parser, int width, int[][] categorical, String whyEmpty) {
        JavaRDD<LabeledRow> rows = lines.mapPartitionsWithInputSplit((split, records) -> new ParsingIterator(
                ((FileSplit) split).getPath().toString(), ((FileSplit) split).getStart(), records, parser), true);
        TrainingDataReader.Cached cached = TrainingDataReader.cache(rows, spec.partitions(), width, where(),
                files.size(), whyEmpty, aggregationDepth, conf, categorical);
        return new Held<>(cached.blocks(), cached.summary());
    }

    /** What a pass does with one line. */
    interface LineVisitor {
        void line(boolean firstOfFile, String line);
    }

    /**
     * Every line of a split, eagerly: a {@link RecordFormatException} stops the task with a
     * {@link BadRecordException} carrying the file, the byte offset and, when the split starts the
     * file, the line number.
     */
    static void forEachLine(FileSplit split, Iterator<Tuple2<LongWritable, Text>> records, LineVisitor visitor) {
        String file = split.getPath().toString();
        long number = split.getStart() == 0 ? 0 : -1;
        while (TextInput.hasNext(file, records)) {
            Tuple2<LongWritable, Text> record = records.next();
            long offset = record._1().get();
            if (number >= 0) {
                number++;
            }
            try {
                visitor.line(offset == 0, record._2().toString());
            } catch (RecordFormatException e) {
                throw new BadRecordException(file, offset, Math.max(number, 0), e.getMessage());
            }
        }
    }
}
