package org.bernoulli.cli;

import org.bernoulli.jobs.EvaluationJob;
import org.bernoulli.jobs.EngineChoice;
import org.bernoulli.spark.SparkSessions;
import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.Metrics;
import org.bernoulli.stats.MulticlassMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bernoulli evaluate}: how well a model fits labelled data. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Evaluate a model on labelled data: log loss (mean BCE = −log-likelihood ÷ rows), log-likelihood, "
                    + "exact area under the ROC curve (ties as averaged ranks, from a sort of the margins, not binned), "
                    + "area under the precision–recall curve (average precision), Brier score, and accuracy, "
                    + "precision, recall, F1 and the confusion matrix at the threshold."})
public final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ScoringInputOptions in;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.5",
            description = "Probability threshold of the confusion matrix. Default: ${DEFAULT-VALUE}.")
    private double threshold;

    @Option(names = "--metrics-out", paramLabel = "PATH", description = "Also write the metrics as JSON to PATH.")
    private String metricsOut;

    @Option(names = "--overwrite", description = "Replace the --metrics-out file if it exists.")
    private boolean overwrite;

    @Override
    public Integer call() {
        EvaluationJob.Request request = UsageErrors.build(spec.commandLine(), () -> new EvaluationJob.Request(in.model,
                in.source(null, List.of(), spec.commandLine()), threshold, in.policy(), metricsOut, overwrite));
        Metrics m;
        if (in.engine.resolveReading(in.master, request.source(), metricsOut) == EngineChoice.LOCAL) {
            m = EvaluationJob.evaluateOnDriver(request);
        } else {
            try (SparkSessions.Handle session = SparkSessions.open(in.master, "Bernoulli evaluate")) {
                m = EvaluationJob.evaluate(session.session(), request);
            }
        }
        if (m instanceof BinaryClassificationMetrics binary) {
            print(spec.commandLine().getOut(), binary);
        } else {
            print(spec.commandLine().getOut(), (MulticlassMetrics) m);
        }
        if (metricsOut != null) {
            spec.commandLine().getOut().println("metrics written to " + metricsOut);
        }
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, BinaryClassificationMetrics m) {
        out.printf("rows               %d (%d positive, %d negative; %d rejected)%n", m.rows(), m.positives(),
                m.negatives(), m.rowsRejected());
        out.printf("log loss (mean BCE) %.10g%n", m.logLoss());
        out.printf("log-likelihood     %.10g%n", m.logLikelihood());
        String oneClass = "undefined (the data has one class only)";
        out.printf("area under ROC     %s%n", number(m.areaUnderROC(), "%.10g", oneClass));
        out.printf("area under PR      %s%n", number(m.areaUnderPR(), "%.10g", oneClass));
        out.printf("Brier score        %.10g%n", m.brierScore());
        out.printf("at threshold %s: accuracy %s  precision %s  recall %s  F1 %s%n", m.threshold(),
                number(m.accuracy(), "%.6f", "undefined"), number(m.precision(), "%.6f", "undefined"),
                number(m.recall(), "%.6f", "undefined"), number(m.f1(), "%.6f", "undefined"));
        out.printf("                   predicted 1   predicted 0%n");
        out.printf("  label 1          %11d   %11d%n", m.truePositives(), m.falseNegatives());
        out.printf("  label 0          %11d   %11d%n", m.falsePositives(), m.trueNegatives());
    }

    /** The metrics of a model of more than two classes, as scikit-learn's classification report lays them out. */
    static void print(PrintWriter out, MulticlassMetrics m) {
        out.printf("rows               %d (%d classes; %d rejected)%n", m.rows(), m.classes().size(), m.rowsRejected());
        out.printf("log loss (mean cross-entropy) %.10g%n", m.logLoss());
        out.printf("log-likelihood     %.10g%n", m.logLikelihood());
        out.printf("Brier score        %.10g%n", m.brierScore());
        out.printf("accuracy           %.6f%n", m.accuracy());
        int width = Math.max(12, m.classes().stream().mapToInt(String::length).max().orElse(0));
        out.printf("%-" + width + "s  %9s  %9s  %9s  %9s  %9s%n", "class", "precision", "recall", "F1", "AUC (OvR)",
                "support");
        java.util.List<MulticlassMetrics.ClassMetrics> rows = new java.util.ArrayList<>(m.perClass());
        rows.add(m.macro());
        rows.add(m.weighted());
        for (MulticlassMetrics.ClassMetrics c : rows) {
            out.printf("%-" + width + "s  %9s  %9s  %9s  %9s  %9d%n", c.name(), number(c.precision(), "%.6f", "-"),
                    number(c.recall(), "%.6f", "-"), number(c.f1(), "%.6f", "-"), number(c.areaUnderROC(), "%.6f", "-"),
                    c.support());
        }
        out.println("confusion matrix (rows: actual class; columns: predicted, the most probable):");
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s", ""));
        for (String c : m.classes()) {
            header.append(String.format("  %" + Math.max(9, c.length()) + "s", c));
        }
        out.println(header);
        for (int k = 0; k < m.classes().size(); k++) {
            StringBuilder line = new StringBuilder(String.format("%-" + width + "s", m.classes().get(k)));
            for (int l = 0; l < m.classes().size(); l++) {
                line.append(String.format("  %" + Math.max(9, m.classes().get(l).length()) + "d", m.confusion()[k][l]));
            }
            out.println(line);
        }
    }

    /** A metric in the format, or the word for an undefined one (a ratio of zero counts): never "NaN". */
    private static String number(double v, String format, String undefined) {
        return Double.isNaN(v) ? undefined : String.format(format, v);
    }
}
