package org.bernoulli.cli;

import org.bernoulli.jobs.BadRecordPolicy;
import org.bernoulli.jobs.ReportJob;
import org.bernoulli.jobs.EngineChoice;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli report}: (re)makes a model's report.html, optionally on other labelled data. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Write a model's report: a self-contained HTML page (inline SVG, no scripts, nothing loaded from "
                    + "elsewhere) with the objective and gradient norm per iteration, ROC and precision-recall "
                    + "curves, the calibration (reliability) diagram with counts, the coefficient table with "
                    + "confidence intervals when inference ran, and the provenance.",
            "Without --data the evaluation stored at training time (on the training data) is shown; with --data "
                    + "the model is evaluated on that labelled data instead, e.g. a validation set."})
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model directory (from train).")
    private String model;

    @Option(names = {"--data", "--input"}, paramLabel = "PATH",
            description = "Labelled data to evaluate on: a file, a directory of part files or a glob. "
                    + "Default: the training-data evaluation stored with the model.")
    private String data;

    @CommandLine.Mixin
    private DataColumnsOptions columns;

    @Option(names = "--bad-records", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail or skip rows that cannot be evaluated (skipped rows are counted on the page). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String badRecords;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the page. Default: MODEL_DIR/report.html (replaced).")
    private String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    private String master;

    @Option(names = "--engine", paramLabel = "auto|local|spark", defaultValue = "auto",
            description = "Where the run runs: local on this JVM with no Spark session (the stored evaluation, or "
                    + "--data in LIBSVM or CSV files of this machine); spark on a Spark session; auto picks local "
                    + "without --data, or for an embedded master and local LIBSVM/CSV --data of at most 1 GiB, else "
                    + "spark. Default: ${DEFAULT-VALUE}.")
    private EngineChoice engine;

    @Override
    public Integer call() {
        boolean evaluate = data != null || columns.table != null;
        if (!evaluate && columns.anyGiven()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format, --features-column, --offset-column and --read-option describe --data; give --data too");
        }
        ReportJob.Request request = UsageErrors.build(spec.commandLine(), () -> new ReportJob.Request(model,
                evaluate ? columns.source(data, null, List.of(), spec.commandLine()) : null,
                BadRecordPolicy.parse(badRecords), output));
        ReportJob.Outcome outcome;
        if (engine.resolveReading(master, request.source(), output) == EngineChoice.LOCAL) {
            outcome = ReportJob.runOnDriver(request);
        } else {
            try (SparkSessions.Handle session = SparkSessions.open(master, "Bernoulli report")) {
                outcome = ReportJob.run(session.session(), request);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (outcome.classEvaluation() != null) {
            EvaluateCommand.print(out, outcome.classEvaluation().metrics());
        }
        if (outcome.evaluation() != null) {
            EvaluateCommand.print(out, outcome.evaluation().metrics());
        } else {
            out.println("no evaluation stored with the model; the page has no curves (give --data to evaluate)");
        }
        out.println("report written to " + outcome.path());
        return ExitCodes.OK;
    }
}
