package org.bernoulli.cli;

import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.MllibInterchange;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli import}: a Spark MLlib binary logistic regression model as a Bernoulli model. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Read a Spark MLlib LogisticRegressionModel directory (binary) into a Bernoulli model "
                + "directory that score and evaluate use. MLlib keeps no feature names: give them with "
                + "--feature-names, or the features are named x1 ... xD."})
public final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "FORMAT", defaultValue = "mllib",
            description = "Source format; mllib is the one there is. Default: ${DEFAULT-VALUE}.")
    private String from;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "The MLlib model directory.")
    private String input;

    @Option(names = "--output", required = true, paramLabel = "MODEL_DIR", description = "The Bernoulli model directory to write.")
    private String output;

    @Option(names = "--feature-names", paramLabel = "NAME", split = ",",
            description = "Names of the features, comma-separated, in coefficient order. Default: x1 ... xD.")
    private List<String> featureNames;

    @Option(names = "--overwrite", description = "Replace MODEL_DIR if it exists.")
    private boolean overwrite;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    private String master;

    @Override
    public Integer call() {
        if (!from.equalsIgnoreCase("mllib")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from must be mllib, got '"
                    + org.bernoulli.data.Values.echo(from) + "'");
        }
        if (featureNames != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String name : featureNames) {
                if (name.isBlank() || !seen.add(name)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--feature-names "
                            + (name.isBlank() ? "has an empty name" : "lists '" + name + "' twice")
                            + "; every feature needs a name of its own");
                }
            }
        }
        try (SparkSessions.Handle session = SparkSessions.open(master, "Bernoulli import")) {
            var files = new HadoopFileStore(session.session().sparkContext().hadoopConfiguration());
            OutputPaths.check(files, List.of(new OutputPaths.Named("--input", input)),
                    List.of(new OutputPaths.Named("--output", output)));
            StagedOutput.checkWritable(files, output, overwrite);
            org.bernoulli.model.FittedModel model = MllibInterchange.importModel(session.session(), input,
                    featureNames);
            ModelDirectory.write(files, output, model, overwrite);
        }
        spec.commandLine().getOut().println("Bernoulli model written to " + output);
        return ExitCodes.OK;
    }
}
