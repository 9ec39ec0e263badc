package org.bernoulli.cli;

import org.bernoulli.jobs.BadRecordPolicy;
import org.bernoulli.jobs.ScoreSource;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** The options score and evaluate share: the model, the input and what to do with bad rows. */
final class ScoringInputOptions {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model directory (from train).")
    String model;

    @Option(names = "--input", paramLabel = "PATH",
            description = "Data: a file, a directory of part files or a glob, on any Hadoop file system. Required, "
                    + "unless --table names a catalog table.")
    String input;

    @CommandLine.Mixin
    DataColumnsOptions columns;

    @Option(names = "--bad-records", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail, skip or quarantine:PATH: what to do with rows that cannot be scored "
                    + "(skipped and quarantined rows are counted; quarantine writes them with source and reason). "
                    + "Default: ${DEFAULT-VALUE}.")
    String badRecords;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    String master;

    ScoreSource source(String idColumn, List<String> keepColumns, CommandLine commandLine) {
        return columns.source(input, idColumn, keepColumns, commandLine);
    }

    BadRecordPolicy policy() {
        return BadRecordPolicy.parse(badRecords);
    }
}
