package org.bernoulli.read;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.LineParser;

/**
 * The lines of a text input (LIBSVM or CSV files) as an engine spreads them: the driver reads the
 * local files in order on its own thread, Spark reads Hadoop splits in tasks. An engine supplies
 * only how the lines are visited, how partial results meet and where a bad line is (its file and
 * line); what is done with the lines is {@link TextReading}'s, the same for both engines.
 *
 * @param <B> how the engine holds the blocks it builds (a list, a cached RDD)
 */
public interface LineSource<B> {

    /** The input as messages name it (its path). */
    String where();

    /** The number of files. */
    int files();

    /** The first file, as messages name it. */
    String firstFile();

    /** The first line of the first file, or null when that file is empty. */
    String firstLine();

    /**
     * One pass over every line: a fresh {@link LinePass.Part} per piece of the input (a file, a
     * split), their results merged. A {@link org.bernoulli.data.RecordFormatException} from a part
     * stops the run with the file and line of the line it was given.
     */
    <A> A fold(LinePass<A> pass);

    /** The number of distinct non-null values {@code key} gives the lines. */
    long countDistinct(LineKey key);

    /**
     * Every line through {@code parser} ({@link LineParser#read}), the rows packed into blocks
     * (the categorical terms one level per row) and held, with the statistics of the pass that
     * built them. A bad line stops the run with its file and line.
     *
     * @param width    the expected number of features, or 0 when unknown
     * @param whyEmpty why lines read can give no example ({@link BadInputException#whyNoExamples}),
     *                 or null when only empty files can
     * @throws BadInputException when no example results
     */
    Held<B> parse(LineParser parser, int width, int[][] categorical, String whyEmpty);

    /** Blocks as the engine holds them, and their statistics. */
    record Held<B>(B blocks, FeatureSummarizer summary) {
    }

    /** A value of a line, or null for none (a header, a blank line, a missing cell). */
    @FunctionalInterface
    interface LineKey extends java.io.Serializable {
        String of(boolean firstOfFile, String line);
    }
}
