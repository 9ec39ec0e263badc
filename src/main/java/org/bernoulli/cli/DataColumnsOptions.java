package org.bernoulli.cli;

import org.bernoulli.data.InputFormat;
import org.bernoulli.jobs.ScoreSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** How to read labelled or unlabelled data for a model: format, label, features and offset columns. */
final class DataColumnsOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "libsvm, csv or parquet; orc and json for a model fitted with --formula. Default: from "
                    + "the file name.")
    InputFormat format;

    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
            description = "CSV/Parquet: the label column, used when present. Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--features-column", paramLabel = "NAME",
            description = "Parquet: an array or ML vector column holding all features. Default: the model's "
                    + "features by name (or a column 'features' when those are absent).")
    String featuresColumn;

    @Option(names = "--offset-column", paramLabel = "NAME",
            description = "CSV/Parquet: a column of offsets added to each margin, for a model trained with "
                    + "--offset-column. Default: none.")
    String offsetColumn;

    /** Whether any option describing the data was given. */
    boolean anyGiven() {
        return format != null || featuresColumn != null || offsetColumn != null;
    }

    ScoreSource source(String path, String idColumn, List<String> keepColumns, CommandLine commandLine) {
        return new ScoreSource(path, InputFormats.resolve(format, path, commandLine), labelColumn, idColumn,
                keepColumns, featuresColumn, offsetColumn);
    }
}
