package org.bernoulli.report;

import org.bernoulli.inference.AverageMarginalEffect;

import java.util.List;

/** The report's section of average marginal effects ({@code train MARGINS}): the table of margins.json. */
final class MarginsSection {

    private MarginsSection() {
    }

    static void write(StringBuilder h, List<AverageMarginalEffect> effects) {
        if (effects == null) {
            return;
        }
        boolean classes = effects.stream().anyMatch(e -> e.outcome() != null);
        boolean atMeans = effects.stream().anyMatch(e -> e.at() != null);
        h.append("<h2 id=\"margins\">Average marginal effects</h2>\n");
        h.append("<table data-table=\"margins\">\n<tr>").append(classes ? "<th>class</th>" : "")
                .append(atMeans ? "<th>at</th>" : "").append("<th>variable</th><th>contrast</th><th>estimate</th><th>std. error</th><th>z</th>"
                        + "<th>Pr(&gt;|z|)</th><th>95% interval</th></tr>\n");
        for (AverageMarginalEffect e : effects) {
            h.append("<tr>");
            if (classes) {
                h.append("<td>").append(Html.escape(String.valueOf(e.outcome()))).append("</td>");
            }
            if (atMeans) {
                h.append("<td>").append(e.at() == null ? "average" : "the means").append("</td>");
            }
            h.append(classes || atMeans ? "<td style=\"text-align:left\">" : "<td>").append(Html.escape(e.variable()))
                    .append("</td><td style=\"text-align:left\">").append(Html.escape(e.contrast())).append("</td><td>")
                    .append(Html.format(e.estimate(), 6)).append("</td><td>").append(Html.format(e.stdError(), 5))
                    .append("</td><td>").append(Html.format(e.zValue(), 4)).append("</td><td>")
                    .append(Html.escape(Html.pValue(e.pValue()))).append("</td><td>")
                    .append(Html.format(e.ciLow(), 5)).append(" … ").append(Html.format(e.ciHigh(), 5))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">How much the probability moves: for a number the mean over the rows "
                + "of dP/dx through every column it enters (dP/dx), for a factor, text or boolean column the mean of "
                + "P(level) − P(reference) with every other cell as observed; weighted by the case weights. "
                + "Delta-method standard errors √(J V Jᵀ) from the covariance of the fit.</p>\n");
    }
}
