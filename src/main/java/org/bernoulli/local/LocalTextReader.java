package org.bernoulli.local;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.InputSpec;
import org.bernoulli.read.TextReading;

import java.util.List;

/**
 * Reads LIBSVM and CSV files (numeric, or through a formula) on the driver into blocks: the one
 * reading routine of each input kind ({@link TextReading}) over the lines of local files
 * ({@link LocalLines}) — the parsers, block builder, statistics and messages of the Spark engine,
 * each pass a sequential read of a local file.
 */
public final class LocalTextReader {

    private LocalTextReader() {
    }

    /** Reads the data {@code spec} names ({@code spec.format()} is LIBSVM or CSV). */
    public static LocalTrainingData read(InputSpec spec) {
        TextReading.Read<List<FeatureBlock>> read = TextReading.read(
                new LocalLines(spec.path(), LocalFiles.list(spec.path())), spec);
        return new LocalTrainingData(read.blocks(), read.statistics(), read.featureNames(), read.frame());
    }

    /** The sums of the average marginal effects over the rows of a formula CSV input. */
    public static org.bernoulli.margins.MarginSums margins(InputSpec spec, org.bernoulli.margins.MarginSums zero) {
        return TextReading.margins(new LocalLines(spec.path(), LocalFiles.list(spec.path())), zero);
    }
}
