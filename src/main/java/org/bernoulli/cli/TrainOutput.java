package org.bernoulli.cli;

import org.bernoulli.inference.SummaryTable;
import org.bernoulli.jobs.TrainingJob;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopReason;

import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code bernoulli train} prints: the summary table (or the bare coefficients when no statistics were
 * computed), profile intervals, the drop1 table, and with {@code --json-log} one JSON line per iteration and a
 * last line with the outcome.
 */
final class TrainOutput {

    private TrainOutput() {
    }

    /** The human-readable report of a finished run on {@code out}. */
    static void print(PrintWriter out, TrainingJob.Outcome outcome, String outputDir) {
        if (outcome.summary() == null) {
            if (outcome.categorical() != null) {
                printCoefficients(out, outcome.categorical(), outputDir);
                return;
            }
            printSummary(out, outcome.model(), outputDir);
            return;
        }
        printHeader(out, outcome.written());
        SummaryTable.print(out, outcome.summary());
        printProfiles(out, outcome.summary());
        if (outcome.drop1() != null) {
            printDrop1(out, outcome.drop1());
        }
        if (outcome.margins() != null) {
            org.bernoulli.inference.MarginsTable.print(out, outcome.margins(), probabilityOf(outcome.written()));
        }
        printFooter(out, outcome.written(), outputDir);
    }

    /** "P(case = 1)": the probability a formula model's effects move (each class's for more than two). */
    static String probabilityOf(org.bernoulli.model.FittedModel model) {
        org.bernoulli.formula.Design design = new org.bernoulli.formula.Design(model.encoding());
        return design.classes() != null ? "the probability of each class of " + design.responseColumn()
                : "P(" + design.describeClass(1) + ")";
    }

    /** The profile-likelihood intervals beside the Wald ones, for the coefficients that have them. */
    private static void printProfiles(PrintWriter out, org.bernoulli.inference.ModelSummary summary) {
        List<org.bernoulli.inference.CoefficientEstimate> rows = summary.estimatedCoefficients().stream()
                .filter(c -> c.profileCiLow() != null || c.profileCiHigh() != null
                        || summary.notes().stream().anyMatch(n -> n.contains("interval of " + c.name() + " could not")))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        int width = Math.max(11, rows.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        out.println();
        out.printf("%-" + width + "s  %10s  %10s    %12s  %12s%n", "95% intervals", "Wald low", "high", "profile low",
                "high");
        for (org.bernoulli.inference.CoefficientEstimate c : rows) {
            out.printf("%-" + width + "s  %10.6g  %10.6g    %12s  %12s%n", c.name(), c.ciLow(), c.ciHigh(),
                    c.profileCiLow() == null ? "NA" : String.format("%.6g", c.profileCiLow()),
                    c.profileCiHigh() == null ? "NA" : String.format("%.6g", c.profileCiHigh()));
        }
    }

    /** R's drop1 table: the full model, then each term's deviance, AIC, likelihood ratio and p. */
    private static void printDrop1(PrintWriter out, org.bernoulli.train.Drop1.Table table) {
        int width = Math.max(8, table.rows().stream().mapToInt(r -> r.term().length()).max().orElse(0));
        out.println();
        out.println("Single term deletions (likelihood-ratio tests):");
        out.printf("%-" + width + "s  %3s  %10s  %10s  %10s  %10s%n", "", "Df", "Deviance", "AIC", "LRT", "Pr(>Chi)");
        out.printf("%-" + width + "s  %3s  %10.4f  %10.4f%n", "<none>", "", table.deviance(), table.aic());
        for (org.bernoulli.train.Drop1.Row r : table.rows()) {
            out.println(String.format("%-" + width + "s  %3d  %10.4f  %10.4f  %10.4f  %10.4g %s", r.term(), r.df(),
                    r.deviance(), r.aic(), r.lrt(), r.p(), SummaryTable.stars(r.p())).stripTrailing());
        }
    }

    /** One JSON object per iteration on {@code err}. */
    static IterationMonitor jsonProgress(PrintWriter err, int maxIterations) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return (r, x) -> {
            java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
            line.put("iteration", r.iteration());
            line.put("objective", r.objective());
            line.put("gradientNorm", r.gradientNorm());
            line.put("step", r.step());
            line.put("passes", r.passes());
            line.put("seconds", r.seconds());
            double left = r.maxRemainingSeconds(maxIterations);
            line.put("maxRemainingSeconds", Double.isNaN(left) ? null : left);
            try {
                err.println(json.writeValueAsString(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            err.flush();
            return true;
        };
    }

    /** The last JSON line of a --json-log run: {@code "done": true} and the outcome. */
    static void printJsonSummary(PrintWriter err, org.bernoulli.model.FittedModel model, String outputDir) {
        TrainingProvenance t = model.training();
        java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("done", true);
        line.put("stopReason", t.stopReason());
        line.put("converged", t.converged());
        line.put("iterations", t.iterations());
        line.put("passes", t.passes());
        line.put("objective", t.objective());
        line.put("meanLoss", t.meanLoss());
        line.put("seconds", t.seconds());
        line.put("model", outputDir);
        try {
            err.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        err.flush();
    }

    static void printSummary(PrintWriter out, LogisticModel model, String outputDir) {
        printHeader(out, model);
        int width = Math.max(11, model.featureNames().stream().mapToInt(String::length).max().orElse(0));
        out.printf("  %-" + width + "s  %15s%n", "term", "estimate");
        out.printf("  %-" + width + "s  %15.8g%n", "(intercept)", model.intercept());
        double[] w = model.coefficients();
        for (int j = 0; j < w.length; j++) {
            out.printf("  %-" + width + "s  %15.8g%n", model.featureNames().get(j), w[j]);
        }
        printFooter(out, model, outputDir);
    }

    /** The coefficients of a model of more than two classes fitted without inference, class by class. */
    private static void printCoefficients(PrintWriter out, org.bernoulli.model.CategoricalModel model,
                                          String outputDir) {
        printHeader(out, model);
        int width = Math.max(11, model.featureNames().stream().mapToInt(String::length).max().orElse(0));
        double[][] w = model.coefficients();
        for (int k = 0; k < w.length; k++) {
            out.printf("class '%s' against '%s':%n", model.classes().get(k + 1), model.classes().get(0));
            out.printf("  %-" + width + "s  %15.8g%n", "(intercept)", model.intercepts()[k]);
            for (int j = 0; j < w[k].length; j++) {
                out.printf("  %-" + width + "s  %15.8g%n", model.featureNames().get(j), w[k][j]);
            }
        }
        printFooter(out, model, outputDir);
    }

    private static void printHeader(PrintWriter out, org.bernoulli.model.FittedModel model) {
        TrainingProvenance t = model.training();
        org.bernoulli.formula.Design design = model.encoding() == null ? null
                : new org.bernoulli.formula.Design(model.encoding());
        boolean categorical = model instanceof org.bernoulli.model.CategoricalModel;
        out.printf("%s on %d %s x %d features (%s, %s)%n", categorical
                        ? "Multinomial logistic regression (" + ((org.bernoulli.model.CategoricalModel) model).classes().size()
                        + " classes)" : "Logistic regression", t.rows(),
                design != null && design.counts() ? "Bernoulli rows (successes and failures of binomial counts)" : "rows",
                model.numFeatures(), t.inputPath(), t.inputFormat());
        if (design != null) {
            out.printf("formula: %s   %s%n", design.formula().text(), design.describeResponse());
            if (model.encoding().rowsOmitted() > 0) {
                out.printf("%d %s omitted for missing values (--na-action omit)%n", model.encoding().rowsOmitted(),
                        model.encoding().rowsOmitted() == 1 ? "row" : "rows");
            }
        }
        out.printf("%s after %d iterations (%d passes, %s) in %.1f s%n",
                StopReason.valueOf(t.stopReason()).description(), t.iterations(), t.passes(), t.optimizer(), t.seconds());
        out.printf("mean %s %.12g   log-likelihood %.10g   objective %.12g   penalty %s%n",
                categorical ? "cross-entropy" : "BCE", t.meanLoss(), t.logLikelihood(), t.objective(),
                model.regularization().describe());
    }

    private static void printFooter(PrintWriter out, org.bernoulli.model.FittedModel model, String outputDir) {
        TrainingProvenance t = model.training();
        for (String warning : t.warnings()) {
            out.println("warning: " + warning);
        }
        out.println("model written to " + outputDir);
    }
}
