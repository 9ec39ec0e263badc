package org.bernoulli.cli;

import org.bernoulli.files.FileStore;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.jobs.TrainingEngine;
import org.bernoulli.pmml.PmmlDocument;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.MllibInterchange;
import org.bernoulli.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli export}: a Bernoulli model as a Spark MLlib model directory or a PMML document. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Write a Bernoulli model in another format, written aside and renamed into place when "
                + "complete.",
                "mllib: a Spark MLlib LogisticRegressionModel directory, which LogisticRegressionModel.load(PATH) "
                        + "reads: the same intercept and coefficients, so the same probabilities (a model without "
                        + "a formula).",
                "pmml: a PMML 4.4 document (RegressionModel) with the formula's encoding — factor levels, "
                        + "interactions, I(), log() and the other functions, poly(), offsets — that a PMML evaluator "
                        + "scores to the probabilities of bernoulli score. A bs() or ns() spline term is refused "
                        + "(exit 2) and nothing is written."})
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A Bernoulli model directory.")
    private String model;

    @Option(names = "--to", paramLabel = "FORMAT", defaultValue = "mllib",
            description = "Target format: mllib or pmml. Default: ${DEFAULT-VALUE}.")
    private String to;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "The MLlib model directory, or the PMML file, to write.")
    private String output;

    @Option(names = "--overwrite", description = "Replace PATH if it exists.")
    private boolean overwrite;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, for mllib (pmml needs no Spark). Default: the one spark-submit gives, else " + SparkSessions.DEFAULT_MASTER + ".")
    private String master;

    @Override
    public Integer call() {
        if (to.equalsIgnoreCase("pmml")) {
            return pmml();
        }
        if (!to.equalsIgnoreCase("mllib")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to must be mllib or pmml, got '"
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

    /** The PMML document, on the driver alone: no Spark session. */
    private Integer pmml() {
        FileStore files = new TrainingEngine.OnDriver().files(model, output);
        OutputPaths.check(files, List.of(ModelDirectory.modelFile("--model", model)),
                List.of(new OutputPaths.Named("--output", output)));
        PmmlDocument.write(files, output, ModelDirectory.readAny(files, model), overwrite);
        spec.commandLine().getOut().println("PMML document written to " + output);
        return ExitCodes.OK;
    }
}
