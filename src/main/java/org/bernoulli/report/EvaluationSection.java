package org.bernoulli.report;

import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.ScoreHistogram;
import org.bernoulli.stats.ScoreHistogram.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's evaluation on labelled data: metrics, ROC and precision–recall curves, reliability and its table. */
final class EvaluationSection {

    private EvaluationSection() {
    }

    static void write(StringBuilder h, DataEvaluation e) {
        h.append("<h2 id=\"evaluation\">Evaluation</h2>\n");
        if (e == null) {
            h.append("<p class=\"note\">No evaluation in this model directory; run <code>bernoulli report {MODEL} DIR "
                    + "{DATA} PATH</code> with labelled data.</p>\n");
            return;
        }
        BinaryClassificationMetrics m = e.metrics();
        h.append("<p class=\"sub\" data-evaluated=\"").append(Html.escape(e.data())).append("\">Evaluated on ")
                .append(Html.escape(e.data())).append("</p>\n");
        h.append("<table class=\"facts\" data-table=\"metrics\">\n");
        Html.row(h, "rows (positive / negative)", m.rows() + " (" + m.positives() + " / " + m.negatives() + ")"
                + (m.rowsRejected() > 0 ? "; " + m.rowsRejected() + " rejected" : ""));
        Html.row(h, "log loss (mean BCE)", Html.format(m.logLoss(), 8));
        Html.row(h, "area under ROC (exact)", Html.format(m.areaUnderROC(), 8));
        Html.row(h, "area under PR (average precision)", Html.format(m.areaUnderPR(), 8));
        Html.row(h, "Brier score", Html.format(m.brierScore(), 8));
        Html.row(h, "at threshold " + SvgPlot.number(m.threshold()) + ": accuracy · precision · recall · F1",
                Html.format(m.accuracy(), 4) + " · " + Html.format(m.precision(), 4) + " · " + Html.format(m.recall(), 4) + " · "
                        + Html.format(m.f1(), 4));
        h.append("</table>\n");
        ScoreHistogram histogram = ScoreHistogram.of(e.histogram());
        List<Point> roc = histogram.roc();
        List<Point> pr = histogram.precisionRecall();
        h.append("<div class=\"charts\">\n");
        if (!roc.isEmpty()) {
            h.append(new SvgPlot("roc", "ROC curve (AUC " + Html.format(m.areaUnderROC(), 4) + ")", "false-positive rate",
                    "true-positive rate", SvgPlot.Axis.unit(), SvgPlot.Axis.unit())
                    .reference(List.of(new Point(0, 0), new Point(1, 1)))
                    .line("roc", roc).render());
            double base = (double) histogram.totalPositives() / (histogram.totalPositives() + histogram.totalNegatives());
            h.append(new SvgPlot("pr", "Precision–recall (AP " + Html.format(m.areaUnderPR(), 4) + ")", "recall",
                    "precision", SvgPlot.Axis.unit(), SvgPlot.Axis.unit())
                    .reference(List.of(new Point(0, base), new Point(1, base)))
                    .line("pr", pr).render());
        }
        reliability(h, histogram.calibration());
        h.append("</div>\n");
        if (roc.isEmpty()) {
            h.append("<p class=\"note\">The data has one class only: ROC and precision–recall are undefined.</p>\n");
        }
        h.append("<p class=\"note\">Curves are drawn from label counts in margin bins of width 1/")
                .append(ScoreHistogram.BINS_PER_UNIT).append(" (thresholds at the bin edges); the areas above are "
                        + "exact. The dashed lines are chance: the diagonal for ROC, the positive rate for "
                        + "precision.</p>\n");
        calibrationTable(h, histogram.calibration());
    }

    private static void reliability(StringBuilder h, List<ScoreHistogram.CalibrationBin> bins) {
        List<Point> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ScoreHistogram.CalibrationBin b : bins) {
            if (b.rows() > 0) {
                points.add(new Point(b.meanPredicted(), b.observedRate()));
                labels.add("n=" + b.rows());
            }
        }
        h.append(new SvgPlot("reliability", "Reliability (calibration)", "mean predicted probability",
                "observed fraction positive", SvgPlot.Axis.unit(), SvgPlot.Axis.unit())
                .reference(List.of(new Point(0, 0), new Point(1, 1)))
                .line("reliability", points)
                .labelledPoints("reliability", points, labels).render());
    }

    private static void calibrationTable(StringBuilder h, List<ScoreHistogram.CalibrationBin> bins) {
        h.append("<table data-table=\"calibration\">\n<tr><th>predicted probability</th><th>rows</th>"
                + "<th>mean predicted</th><th>observed positive</th><th>± 2 se</th></tr>\n");
        for (ScoreHistogram.CalibrationBin b : bins) {
            double se = b.rows() > 0 ? 2 * Math.sqrt(b.meanPredicted() * (1 - b.meanPredicted()) / b.rows())
                    : Double.NaN;
            h.append("<tr><td>").append(String.format(Locale.ROOT, "[%.1f, %.1f%s", b.lower(), b.upper(),
                    b.upper() == 1 ? "]" : ")")).append("</td><td>").append(b.rows()).append("</td><td>")
                    .append(Html.format(b.meanPredicted(), 4)).append("</td><td>").append(Html.format(b.observedRate(), 4))
                    .append("</td><td>").append(Html.format(se, 2)).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">A calibrated model's observed fraction lies within about two standard "
                + "errors, 2√(p(1−p)/n), of its mean prediction.</p>\n");
    }
}
