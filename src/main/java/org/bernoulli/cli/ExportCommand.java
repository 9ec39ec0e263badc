package org.bernoulli.cli;

import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.MllibInterchange;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli export}: a Bernoulli model as a Spark MLlib model directory. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Write a Bernoulli model as a Spark MLlib LogisticRegressionModel directory, which "
                + "LogisticRegressionModel.load(PATH) reads: the same intercept and coefficients, so the same "
                + "probabilities. Written aside and renamed into place when complete."})
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A Bernoulli model directory.")
    private String model;

    @Option(names = "--to", paramLabel = "FORMAT", defaultValue = "mllib",
            description = "Target format; mllib is the one there is. Default: ${DEFAULT-VALUE}.")
    private String to;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "The MLlib model directory to write.")
    private String output;

    @Option(names = "--overwrite", description = "Replace PATH if it exists.")
    private boolean overwrite;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    private String master;

    @Override
    public Integer call() {
        if (!to.equalsIgnoreCase("mllib")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to must be mllib, got '"
                    + org.bernoulli.data.Values.echo(to) + "'");
        }
        try (SparkSessions.Handle session = SparkSessions.open(master, "Bernoulli export")) {
            var files = new HadoopFileStore(session.session().sparkContext().hadoopConfiguration());
            OutputPaths.check(files, List.of(ModelDirectory.modelFile("--model", model)),
                    List.of(new OutputPaths.Named("--output", output)));
            org.bernoulli.model.FittedModel m = ModelDirectory.readAny(files, model);
            MllibInterchange.export(session.session(), m, output, overwrite);
        }
        spec.commandLine().getOut().println("MLlib model written to " + output);
        return ExitCodes.OK;
    }
}
