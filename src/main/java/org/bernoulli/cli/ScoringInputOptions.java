package org.bernoulli.cli;

import org.bernoulli.data.InputFormat;
import org.bernoulli.score.BadRecordPolicy;
import org.bernoulli.score.ScoreSource;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** The options score and evaluate share: the model, the input and what to do with bad rows. */
final class ScoringInputOptions {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model directory (from train).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Data: a file, a directory of part files or a glob, on any Hadoop file system.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "libsvm, csv or parquet. Default: from the file name.")
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

    @Option(names = "--bad-records", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail, skip or quarantine:PATH: what to do with rows that cannot be scored "
                    + "(skipped and quarantined rows are counted; quarantine writes them with source and reason). "
                    + "Default: ${DEFAULT-VALUE}.")
    String badRecords;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    String master;

    ScoreSource source(String idColumn, List<String> keepColumns, CommandLine commandLine) {
        return new ScoreSource(input, InputFormats.resolve(format, input, commandLine), labelColumn, idColumn,
                keepColumns, featuresColumn, offsetColumn);
    }

    BadRecordPolicy policy() {
        return BadRecordPolicy.parse(badRecords);
    }
}
