package org.bernoulli.report;

import org.bernoulli.stats.MulticlassMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's evaluation of a model of more than two classes: the metrics, the per-class table
 * (precision, recall, F1, one-vs-rest AUC, support, and their macro and weighted averages), the
 * confusion matrix as a heat map (each cell shaded by its share of its actual class's rows), and
 * each class's reliability curve.
 */
final class ClassEvaluationSection {
    /** A line colour per class, repeating past the tenth. */
    private static final String[] COLOURS = {"#1f6fb2", "#c2571a", "#2b8a3e", "#8a3ea8", "#b8860b", "#17868a",
        "#a8324a", "#5b6f8a", "#6b8e23", "#444444"};

    private ClassEvaluationSection() {
    }

    static void write(StringBuilder h, ClassEvaluation e) {
        MulticlassMetrics m = e.metrics();
        h.append("<h2 id=\"evaluation\">Evaluation</h2>\n");
        h.append("<p class=\"sub\" data-evaluated=\"").append(Html.escape(e.data())).append("\">Evaluated on ")
                .append(Html.escape(e.data())).append("</p>\n");
        h.append("<table class=\"facts\" data-table=\"metrics\">\n");
        Html.row(h, "rows", m.rows() + (m.rowsRejected() > 0 ? "; " + m.rowsRejected() + " rejected" : ""));
        Html.row(h, "log loss (mean cross-entropy)", Html.format(m.logLoss(), 8));
        Html.row(h, "Brier score (sum over classes)", Html.format(m.brierScore(), 8));
        Html.row(h, "accuracy (the most probable class)", Html.format(m.accuracy(), 4));
        h.append("</table>\n");
        h.append("<table data-table=\"per-class\">\n<tr><th>class</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>AUC (one vs rest)</th><th>support</th></tr>\n");
        List<MulticlassMetrics.ClassMetrics> rows = new ArrayList<>(m.perClass());
        rows.add(m.macro());
        rows.add(m.weighted());
        for (MulticlassMetrics.ClassMetrics c : rows) {
            h.append("<tr><td>").append(Html.escape(c.name())).append("</td><td>").append(Html.format(c.precision(), 4))
                    .append("</td><td>").append(Html.format(c.recall(), 4)).append("</td><td>")
                    .append(Html.format(c.f1(), 4)).append("</td><td>").append(Html.format(c.areaUnderROC(), 4))
                    .append("</td><td>").append(c.support()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        confusion(h, m);
        h.append("<div class=\"charts\">\n");
        reliability(h, m.classes(), e.calibration());
        h.append("</div>\n<p class=\"note\">Each line is one class: its rows binned by their predicted probability of "
                + "the class (tenths), the mean prediction against the fraction that are of the class; a calibrated "
                + "model follows the diagonal.</p>\n");
    }

    /** The confusion matrix, each cell's shade its share of the actual class's rows. */
    private static void confusion(StringBuilder h, MulticlassMetrics m) {
        h.append("<table data-table=\"confusion\">\n<tr><th>actual \\ predicted</th>");
        for (String c : m.classes()) {
            h.append("<th>").append(Html.escape(c)).append("</th>");
        }
        h.append("</tr>\n");
        long[][] counts = m.confusion();
        for (int k = 0; k < counts.length; k++) {
            long total = 0;
            for (long v : counts[k]) {
                total += v;
            }
            h.append("<tr><td>").append(Html.escape(m.classes().get(k))).append("</td>");
            for (long v : counts[k]) {
                double share = total == 0 ? 0 : (double) v / total;
                h.append(String.format(Locale.ROOT, "<td style=\"background:rgba(31,111,178,%.3f)\" title=\"%.1f %% of "
                        + "the class\">", 0.85 * share, 100 * share)).append(v).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Rows: the actual class; columns: the most probable class. A cell's "
                + "shade is its share of its row.</p>\n");
    }

    private static void reliability(StringBuilder h, List<String> classes, double[][][] calibration) {
        SvgPlot plot = new SvgPlot("reliability", "Reliability by class", "mean predicted probability",
                "observed fraction of the class", SvgPlot.Axis.unit(), SvgPlot.Axis.unit())
                .reference(List.of(new org.bernoulli.stats.ScoreHistogram.Point(0, 0), new org.bernoulli.stats.ScoreHistogram.Point(1, 1)));
        for (int k = 0; k < classes.size(); k++) {
            List<org.bernoulli.stats.ScoreHistogram.Point> points = new ArrayList<>();
            for (double[] bin : calibration[k]) {
                if (bin[0] > 0) {
                    points.add(new org.bernoulli.stats.ScoreHistogram.Point(bin[1], bin[2]));
                }
            }
            plot = plot.line("class-" + k, points);
        }
        h.append(plot.render());
        h.append("<p class=\"note\">");
        for (int k = 0; k < classes.size(); k++) {
            h.append(k == 0 ? "" : " · ").append("<span style=\"color:").append(COLOURS[k % COLOURS.length])
                    .append("\">■</span> ").append(Html.escape(classes.get(k)));
        }
        h.append("</p>\n");
    }

    /** CSS for the classes' lines. */
    static String style() {
        StringBuilder css = new StringBuilder();
        for (int k = 0; k < COLOURS.length; k++) {
            for (int c = k; c < 50; c += COLOURS.length) {
                css.append(".class-").append(c).append("{stroke:").append(COLOURS[k]).append("}");
            }
        }
        return css.append('\n').toString();
    }
}
