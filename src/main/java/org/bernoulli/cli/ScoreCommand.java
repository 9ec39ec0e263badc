package org.bernoulli.cli;

import org.bernoulli.jobs.EngineChoice;
import org.bernoulli.jobs.ScoringJob;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli score}: margins, probabilities and predictions for every row of a dataset. */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Score a dataset with a trained model: one output row per input row with the row's id (or its "
                    + "source file and line/row), the label when the input has one, margin = b + w·x (log-odds), "
                    + "probability = σ(margin), prediction = (margin ≥ logit(threshold)) and any kept columns.",
            "Writes through Spark's writers (on the driver, --engine local or auto: Parquet's own) into a staging "
                    + "directory renamed into place on success, with the "
                    + "row accounting in OUTPUT/_rows.json."})
public final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ScoringInputOptions in;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Output directory.")
    private String output;

    @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet or csv. Default: ${DEFAULT-VALUE}.")
    private org.bernoulli.jobs.ScoringRequest.OutputFormat outputFormat;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "CSV/Parquet: a column identifying each row, copied to the output. Default: rows are "
                    + "identified by source_file and source_line (text) or source_row (Parquet, 0-based).")
    private String idColumn;

    @Option(names = "--keep-columns", paramLabel = "NAME", split = ",",
            description = "CSV/Parquet: columns copied to the output, comma-separated.")
    private List<String> keepColumns;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.5",
            description = "Predict 1 when the probability is at least T. Default: ${DEFAULT-VALUE}.")
    private double threshold;

    @Option(names = "--overwrite", description = "Replace the output (and quarantine) directory if it exists.")
    private boolean overwrite;

    @Option(names = "--with-se",
            description = "Add margin_se, the standard error of the margin sqrt(x'Cx) from the model's covariance.json, "
                    + "and probability_low/probability_high, a 95%% Wald interval for the probability.")
    private boolean withStandardErrors;

    @Override
    public Integer call() {
        org.bernoulli.jobs.ScoringRequest request = UsageErrors.build(spec.commandLine(), () -> new org.bernoulli.jobs.ScoringRequest(in.model,
                in.source(idColumn, keepColumns, spec.commandLine()), output, outputFormat, threshold, in.policy(),
                overwrite, withStandardErrors));
        org.bernoulli.jobs.RowAccounting accounting;
        if (in.engine.resolveScoring(in.master, request) == EngineChoice.LOCAL) {
            accounting = ScoringJob.runOnDriver(request);
        } else {
            try (SparkSessions.Handle session = SparkSessions.open(in.master, "Bernoulli score")) {
                accounting = ScoringJob.run(session.session(), request);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("rows read %d, scored %d, rejected %d%n", accounting.rowsRead(), accounting.rowsScored(),
                accounting.rowsRejected());
        if (accounting.rowsRejected() > 0 && request.policy().quarantinePath() != null) {
            out.println("rejected rows quarantined to " + request.policy().quarantinePath());
        }
        out.println("scores written to " + output);
        return ExitCodes.OK;
    }
}
