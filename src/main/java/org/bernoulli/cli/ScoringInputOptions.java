package org.bernoulli.cli;

import org.bernoulli.jobs.BadRecordPolicy;
import org.bernoulli.jobs.ScoreSource;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** The options score and evaluate share: the model, the input, what to do with bad rows, and where to run. */
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

    @Option(names = "--engine", paramLabel = "auto|local|spark", defaultValue = "auto",
            description = "Where the run runs: local on this JVM with no Spark session (LIBSVM and CSV files of this "
                    + "machine; score writes Parquet); spark on a Spark session; auto picks local for an embedded "
                    + "master and local LIBSVM/CSV input (plain or gzip) of at most 1 GiB, else spark. "
                    + "Default: ${DEFAULT-VALUE}.")
    org.bernoulli.jobs.EngineChoice engine;

    ScoreSource source(String idColumn, List<String> keepColumns, CommandLine commandLine) {
        return columns.source(input, idColumn, keepColumns, commandLine);
    }

    BadRecordPolicy policy() {
        return BadRecordPolicy.parse(badRecords);
    }
}
