package org.bernoulli.cli;

import org.bernoulli.inference.NestedComparison;
import org.bernoulli.inference.SummaryTable;
import org.bernoulli.jobs.ModelComparison;
import org.bernoulli.jobs.TrainingEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli compare}: the likelihood-ratio test between two nested models. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"The likelihood-ratio test between two nested maximum-likelihood fits of the same rows, "
                + "as R's anova(small, big, test = \"LRT\"): residual degrees of freedom and deviances, their "
                + "difference and its chi-squared p-value. Refused (exit 2) when the models were fitted to "
                + "different rows or one is not nested in the other. Reads the model directories only."})
public final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR",
            description = "A model directory trained with inference; give two, in either order.")
    private List<String> models;

    @Override
    public Integer call() {
        if (models.size() != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: give exactly two model "
                    + "directories, got " + models.size());
        }
        // On the driver alone: this machine's models through java.nio, others through Hadoop's file systems.
        NestedComparison c = ModelComparison.run(new TrainingEngine.OnDriver().files(models.toArray(new String[0])),
                models.get(0), models.get(1));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Analysis of deviance (likelihood-ratio test):");
        out.printf("   %10s  %12s  %4s  %10s  %10s%n", "Resid. Df", "Resid. Dev", "Df", "Deviance", "Pr(>Chi)");
        out.printf("1  %10d  %12.4f%n", c.small().dfResidual(), c.small().residualDeviance());
        out.println(String.format("2  %10d  %12.4f  %4d  %10.4f  %10.4g %s", c.big().dfResidual(),
                c.big().residualDeviance(), c.df(), c.deviance(), c.p(), SummaryTable.stars(c.p())).stripTrailing());
        return ExitCodes.OK;
    }
}
