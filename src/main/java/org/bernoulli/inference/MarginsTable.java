package org.bernoulli.inference;

import java.io.PrintWriter;
import java.util.List;

/**
 * The average marginal effects as a table, in the layout of the coefficients' summary: variable,
 * contrast, estimate, standard error, z, p with R's stars, and the 95 % interval.
 */
public final class MarginsTable {

    private MarginsTable() {
    }

    /**
     * The averages, then (when there are any) the effects at the means, each a table.
     *
     * @param response how the output names the probability that moves ("P(case = 1)")
     */
    public static void print(PrintWriter out, List<AverageMarginalEffect> effects, String response) {
        List<AverageMarginalEffect> averages = effects.stream().filter(e -> e.at() == null).toList();
        List<AverageMarginalEffect> atMeans = effects.stream().filter(e -> e.at() != null).toList();
        table(out, averages, "Average marginal effects on " + response);
        if (!atMeans.isEmpty()) {
            table(out, atMeans, "Marginal effects at the means (numbers at their means, factors at their levels' "
                    + "shares) on " + response);
        }
    }

    private static void table(PrintWriter out, List<AverageMarginalEffect> effects, String title) {
        int variable = Math.max(8, effects.stream().mapToInt(e -> e.variable().length()).max().orElse(0));
        int contrast = Math.max(8, effects.stream().mapToInt(e -> e.contrast().length()).max().orElse(0));
        boolean classes = effects.stream().anyMatch(e -> e.outcome() != null);
        int outcome = classes ? Math.max(5, effects.stream().mapToInt(e -> String.valueOf(e.outcome()).length()).max()
                .orElse(0)) : 0;
        out.println();
        out.println(title + " (dP/dx for a number, LEVEL - REFERENCE for a factor; delta-method standard errors):");
        String head = classes ? String.format("%-" + outcome + "s  ", "class") : "";
        out.println(String.format(head + "%-" + variable + "s  %-" + contrast + "s  %11s  %11s  %8s  %10s      %11s  %11s",
                "variable", "contrast", "Estimate", "Std. Error", "z value", "Pr(>|z|)", "2.5 %", "97.5 %"));
        for (AverageMarginalEffect e : effects) {
            String lead = classes ? String.format("%-" + outcome + "s  ", e.outcome()) : "";
            out.println(String.format(lead + "%-" + variable + "s  %-" + contrast + "s  %11.6g  %11.5g  %8.3f  %10.3g %-3s  "
                    + "%11.6g  %11.6g", e.variable(), e.contrast(), e.estimate(), e.stdError(), e.zValue(), e.pValue(),
                    SummaryTable.stars(e.pValue()), e.ciLow(), e.ciHigh()));
        }
    }
}
