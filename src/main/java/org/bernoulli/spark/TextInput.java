package org.bernoulli.spark;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;

/**
 * Hadoop's text input with one change: a compressed file is read whole, by one task. Hadoop splits
 * bzip2 files, but the keys it then gives are positions in the compressed stream, so no line number
 * could be told from them; read whole, every file's lines are counted from its first one, and a bad
 * record is reported at its true line. Uncompressed files are split as usual (their keys are byte
 * offsets, from which the driver counts lines when it reports an error). Lines end at LF, CR or
 * CRLF, as Hadoop's line reader has it.
 */
public final class TextInput extends TextInputFormat {

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null
                && super.isSplitable(context, file);
    }

    /**
     * Whether a split of {@code file} has another record; a read error (an IOException, thrown through
     * Scala's iterator without being declared) becomes an {@link UnreadableFileException} naming the file.
     */
    public static boolean hasNext(String file, java.util.Iterator<?> records) {
        try {
            return records.hasNext();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UnreadableFileException(file, e);
        }
    }

    /** The (byte offset, line) records of the files, one partition per split. */
    @SuppressWarnings("unchecked")
    public static JavaNewHadoopRDD<LongWritable, Text> lines(JavaSparkContext jsc, List<org.apache.hadoop.fs.FileStatus> files,
                                                            org.apache.hadoop.conf.Configuration conf) {
        return (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopFile(InputFiles.joinPaths(files), TextInput.class,
                LongWritable.class, Text.class, conf);
    }
}
