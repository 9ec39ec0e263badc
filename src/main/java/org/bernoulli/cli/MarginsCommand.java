package org.bernoulli.cli;

import org.bernoulli.jobs.EngineChoice;
import org.bernoulli.jobs.MarginsJob;
import org.bernoulli.jobs.TrainingEngine;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli margins}: a model's average marginal effects over data. */
@Command(name = "margins",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Average marginal effects of a binary formula model's variables on the probability, over the rows of "
                    + "DATA (Stata's margins, dydx(*); R's marginaleffects::avg_slopes(model, newdata = DATA)): for a "
                    + "number the mean of dP/dx through every column it enters, for a factor, text or boolean column "
                    + "the mean of P(level) - P(reference) for each other level, weighted by the case weights when "
                    + "the model has a weight column; delta-method standard errors from the covariance the fit "
                    + "stored (covariance.json: as trained, Fisher, robust or clustered). Rows with a missing value "
                    + "in a column the formula's terms use are left out and counted."})
public final class MarginsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model directory (from train).")
    private String model;

    @Option(names = "--input", paramLabel = "PATH",
            description = "Data: a file, a directory of part files or a glob, on any Hadoop file system. Required, "
                    + "unless --table names a catalog table.")
    private String input;

    @Mixin
    private DataColumnsOptions columns;

    @Option(names = "--output", paramLabel = "PATH", description = "Also write the effects as JSON to PATH "
            + "(as train --margins writes margins.json).")
    private String output;

    @Option(names = "--at", paramLabel = "means",
            description = "Also the effects at the means (Stata's atmeans): every number at its mean over the rows, "
                    + "every factor at its levels' shares. Default: the averages only.")
    private MarginsAt at;

    @Option(names = "--overwrite", description = "Replace the --output file if it exists.")
    private boolean overwrite;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    private String master;

    @Option(names = "--engine", paramLabel = "auto|local|spark", defaultValue = "auto",
            description = "Where the run runs: local on this JVM with no Spark session (CSV files of this machine), "
                    + "spark on a Spark session; auto picks local for an embedded master and local CSV input of at "
                    + "most 1 GiB, else spark. Default: ${DEFAULT-VALUE}.")
    private EngineChoice engine;

    @Override
    public Integer call() {
        MarginsJob.Request request = UsageErrors.build(spec.commandLine(), () -> new MarginsJob.Request(model,
                columns.source(input, null, List.of(), spec.commandLine()), output, overwrite, at == MarginsAt.MEANS));
        MarginsJob.Result r;
        if (engine.resolveReading(master, request.source(), output) == EngineChoice.LOCAL) {
            r = MarginsJob.run(new TrainingEngine.OnDriver(), request);
        } else {
            try (SparkSessions.Handle session = SparkSessions.open(master, "Bernoulli margins")) {
                r = MarginsJob.run(new TrainingEngine.OnSpark(session.session()), request);
            }
        }
        var out = spec.commandLine().getOut();
        out.printf("rows %d averaged over%s%n", r.rows(), r.skipped() == 0 ? ""
                : " (" + r.skipped() + " left out for a missing value in a column the formula uses)");
        org.bernoulli.inference.MarginsTable.print(out, r.effects(), r.probability());
        if (output != null) {
            out.println("effects written to " + output);
        }
        return ExitCodes.OK;
    }
}
