package org.bernoulli.cli;

import org.bernoulli.jobs.ScoreSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** How to read labelled or unlabelled data for a model: format, label, features and offset columns. */
final class DataColumnsOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "libsvm, csv or parquet; orc, json or any Spark source by name for a model fitted with "
                    + "--formula. Default: from the file name.")
    String format;

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

    @Option(names = "--table", paramLabel = "NAME",
            description = "Read a table of the Spark session's catalog instead of a path (a model fitted with "
                    + "--formula).")
    String table;

    @Option(names = "--read-option", paramLabel = "KEY=VALUE",
            description = "An option of the Spark data source (repeatable), for a model fitted with --formula.")
    List<String> readOptions;

    /** Whether any option describing the data was given. */
    boolean anyGiven() {
        return format != null || featuresColumn != null || offsetColumn != null || table != null
                || readOptions != null;
    }

    ScoreSource source(String path, String idColumn, List<String> keepColumns, CommandLine commandLine) {
        if (path == null && table == null) {
            throw new CommandLine.ParameterException(commandLine, "Missing required option: '--input=PATH' (or "
                    + "--table NAME)");
        }
        InputFormats.Source source = InputFormats.resolve(format, path, table,
                readOptions, commandLine);
        return new ScoreSource(path, source.format(), labelColumn, idColumn, keepColumns, featuresColumn, offsetColumn,
                source.table());
    }
}
