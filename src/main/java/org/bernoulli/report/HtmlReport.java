package org.bernoulli.report;

import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ExcludedColumn;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.PenalizedLikelihoodRatio;
import org.bernoulli.inference.TermTest;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.ScoreHistogram;
import org.bernoulli.stats.ScoreHistogram.Point;
import org.bernoulli.train.CrossValidation;
import org.bernoulli.train.Drop1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page about a trained model — its convergence, how it
 * ranks and how well it is calibrated on some labelled data, its coefficients and where it came
 * from. Charts are inline SVG and the style sheet is inline; the page has no scripts and loads
 * nothing, so it can be mailed, archived or opened offline.
 */
public final class HtmlReport {

    /**
     * What the page shows.
     *
     * @param modelDir    the model directory, as the user named it
     * @param model       the model
     * @param summary     inference results, or null when inference did not run
     * @param history     the optimizer's iterations, starting point first; empty when unknown (an imported model)
     * @param evaluation  metrics and curves on labelled data, or null when none were computed
     * @param path        the regularization path the model ends, largest penalty first; empty when none
     * @param curve       the path's cross-validation curve, or null when there was none
     * @param generatedAt ISO-8601 instant the page was made
     * @param drop1       the likelihood-ratio test of each term ({@code train DROP1}), or null
     */
    public record Content(String modelDir, LogisticModel model, ModelSummary summary, List<IterationRecord> history,
                          DataEvaluation evaluation, List<PathPoint> path, CrossValidation.Curve curve,
                          String generatedAt, Drop1.Table drop1) {
        public Content {
            history = history == null ? List.of() : List.copyOf(history);
            path = path == null ? List.of() : List.copyOf(path);
        }

        /** Without a drop1 table. */
        public Content(String modelDir, LogisticModel model, ModelSummary summary, List<IterationRecord> history,
                       DataEvaluation evaluation, List<PathPoint> path, CrossValidation.Curve curve, String generatedAt) {
            this(modelDir, model, summary, history, evaluation, path, curve, generatedAt, null);
        }
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
              margin:24px auto;max-width:1000px;color:#1d232a;padding:0 16px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccd3da;
              padding-bottom:4px}
            .sub{color:#5a6570;font-size:13px}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            td,th{padding:3px 10px;border-bottom:1px solid #e3e7eb;text-align:right}
            td:first-child,th:first-child{text-align:left}
            table.facts td:first-child{color:#5a6570}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            .chart{background:#fff;border:1px solid #e3e7eb}
            .frame{fill:none;stroke:#8a96a3;stroke-width:1}
            .grid{stroke:#eef1f4;stroke-width:1}
            .tick,.point-label,.legend-text{font-size:11px;fill:#3b4650}
            .axis-label{font-size:12px;fill:#1d232a}.chart-title{font-size:13px;font-weight:600;fill:#1d232a}
            .curve{fill:none;stroke-width:2}
            .objective,.roc,.pr,.cv{stroke:#1f6fb2}.band{stroke:#9cb8d3;stroke-width:1}circle.cv{fill:#1f6fb2}.coefficient{stroke:#5b6f8a;stroke-width:1.5}.gradient{stroke:#c2571a}.reliability{stroke:#2b8a3e}
            .reference{fill:none;stroke:#8a96a3;stroke-width:1;stroke-dasharray:4 3}
            .legend{stroke-width:2}
            .interval{stroke:#1f6fb2;stroke-width:2}.profile{stroke:#c2571a;stroke-width:2}
            circle.estimate{fill:#1d232a}
            circle.reliability{fill:#2b8a3e;stroke:none}
            .warning{background:#fff4e5;border-left:4px solid #c2571a;padding:6px 10px;font-size:13px;margin:6px 0}
            .note{font-size:12px;color:#5a6570}
            tr.chosen td{font-weight:600}
            """;

    private HtmlReport() {
    }

    public static String render(Content c) {
        LogisticModel model = c.model();
        TrainingProvenance t = model.training();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Bernoulli report: ").append(Html.escape(c.modelDir())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Logistic regression: ").append(Html.escape(c.modelDir())).append("</h1>\n");
        h.append("<p class=\"sub\">").append(t.rows()).append(" rows × ").append(model.numFeatures())
                .append(" features · ").append(Html.escape(t.optimizer())).append(" · report made ")
                .append(Html.escape(c.generatedAt())).append("</p>\n");
        for (String warning : t.warnings()) {
            h.append("<div class=\"warning\">").append(Html.escape(warning)).append("</div>\n");
        }
        overview(h, model);
        convergence(h, c.history());
        path(h, c.model(), c.path(), c.curve() == null ? -1 : c.curve().best());
        crossValidation(h, c.curve());
        evaluation(h, c.evaluation());
        coefficients(h, model, c.summary());
        drop1(h, c.drop1());
        provenance(h, c.modelDir(), model);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void overview(StringBuilder h, LogisticModel model) {
        TrainingProvenance t = model.training();
        h.append("<h2 id=\"fit\">Fit</h2>\n<table class=\"facts\" data-table=\"fit\">\n");
        row(h, "stopped", stopDescription(t));
        row(h, "iterations · passes over the data", t.iterations() + " · " + t.passes());
        row(h, "objective (mean BCE + penalty)", format(t.objective(), 12));
        row(h, "mean binary cross-entropy", format(t.meanLoss(), 12));
        row(h, "log-likelihood", format(t.logLikelihood(), 10));
        row(h, "largest |gradient| component (standardized)", format(t.gradientNorm(), 3));
        row(h, "penalty", model.regularization().describe());
        long zeros = java.util.Arrays.stream(model.coefficients()).filter(w -> w == 0.0).count();
        if (model.regularization().l1() > 0) {
            row(h, "coefficients exactly 0", zeros + " of " + model.numFeatures());
        }
        row(h, "training time", String.format(Locale.ROOT, "%.1f s", t.seconds()));
        h.append("</table>\n");
    }

    private static String stopDescription(TrainingProvenance t) {
        try {
            return org.bernoulli.optim.StopReason.valueOf(t.stopReason()).description()
                    + (t.converged() ? "" : " (not converged)");
        } catch (IllegalArgumentException e) {
            return t.stopReason();
        }
    }

    private static void convergence(StringBuilder h, List<IterationRecord> history) {
        h.append("<h2 id=\"convergence\">Convergence</h2>\n");
        if (history.isEmpty()) {
            h.append("<p class=\"note\">No iteration history in this model directory (an imported model, or one "
                    + "trained by the spark.ml estimator).</p>\n");
            return;
        }
        List<Point> objective = new ArrayList<>();
        List<Point> gradient = new ArrayList<>();
        List<Point> gap = new ArrayList<>();
        List<Double> objectives = new ArrayList<>();
        List<Double> gradients = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        double best = history.stream().mapToDouble(IterationRecord::objective).min().orElse(Double.NaN);
        for (IterationRecord r : history) {
            objective.add(new Point(r.iteration(), r.objective()));
            gradient.add(new Point(r.iteration(), r.gradientNorm()));
            objectives.add(r.objective());
            gradients.add(r.gradientNorm());
            double above = r.objective() - best;
            if (above > 0) {
                gap.add(new Point(r.iteration(), above));
                gaps.add(above);
            }
        }
        int last = history.get(history.size() - 1).iteration();
        SvgPlot.Axis iterations = new SvgPlot.Axis(0, Math.max(1, last), false);
        h.append("<div class=\"charts\">\n");
        h.append(new SvgPlot("objective", "Objective per iteration", "iteration", "objective (log scale)", iterations,
                tightLog(objectives)).line("objective", objective).render());
        h.append(new SvgPlot("gradient", "Gradient norm per iteration", "iteration", "max |gradient| (log scale)",
                iterations, SvgPlot.Axis.logCovering(gradients)).line("gradient", gradient).render());
        if (!gap.isEmpty()) {
            h.append(new SvgPlot("suboptimality", "Objective above its final value", "iteration",
                    "objective − lowest objective (log scale)", iterations, SvgPlot.Axis.logCovering(gaps))
                    .line("objective", gap).render());
        }
        h.append("</div>\n");
        h.append("<p class=\"note\">The objective is the mean binary cross-entropy plus the penalty; the gradient "
                + "norm is its largest component on the standardized scale, the quantity {GRAD_TOL} tests. "
                + "Iteration 0 is the starting point (the intercept-only fit). The third chart shows how fast the "
                + "objective approached the lowest value seen (the last iteration, which is 0 there, is left out)."
                + "</p>\n");
    }

    /**
     * A log axis for values that change by less than a decade (an objective falling from 0.69 to
     * 0.35): padded by 5 % of the log range instead of rounded out to whole decades, which would
     * flatten the curve.
     */
    private static SvgPlot.Axis tightLog(List<Double> values) {
        double[] range = SvgPlot.Axis.positiveRange(values);
        double lo = range[0];
        double hi = range[1];
        if (hi == 0) {
            return new SvgPlot.Axis(0.1, 1, true);
        }
        if (hi / lo > 10) {
            return SvgPlot.Axis.logCovering(values);
        }
        double pad = Math.max(Math.log10(hi / lo) * 0.05, 1e-3);
        double min = Math.pow(10, Math.log10(lo) - pad);
        double max = Math.pow(10, Math.log10(hi) + pad);
        return new SvgPlot.Axis(min, max, true);
    }

    /**
     * Standardized coefficients against λ (log scale) and the path's table, when the model comes
     * from a path.
     *
     * @param chosen the index cross-validation chose, or −1 when the model is the last fit
     */
    private static void path(StringBuilder h, LogisticModel fitted, List<PathPoint> path, int chosen) {
        if (path.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"path\">Regularization path</h2>\n");
        List<Double> lambdas = new ArrayList<>();
        double lo = 0;
        double hi = 0;
        for (PathPoint p : path) {
            lambdas.add(p.regParam());
            for (double w : p.standardizedCoefficients()) {
                lo = Math.min(lo, w);
                hi = Math.max(hi, w);
            }
        }
        double pad = Math.max(hi - lo, 1e-12) * 0.05;
        SvgPlot plot = new SvgPlot("path", "Coefficients along the path", "penalty λ (log scale)",
                "coefficient × std. dev.", SvgPlot.Axis.logCovering(lambdas), new SvgPlot.Axis(lo - pad, hi + pad, false))
                .reference(List.of(new Point(lambdas.get(lambdas.size() - 1), 0), new Point(lambdas.get(0), 0)));
        PathPoint model = path.get(chosen < 0 ? path.size() - 1 : chosen);
        plot.reference(List.of(new Point(model.regParam(), lo - pad), new Point(model.regParam(), hi + pad)));
        for (int j = 0; j < fitted.numFeatures(); j++) {
            List<Point> series = new ArrayList<>();
            for (PathPoint p : path) {
                series.add(new Point(p.regParam(), p.standardizedCoefficients()[j]));
            }
            plot.line("coefficient", series);
        }
        h.append("<div class=\"charts\">\n").append(plot.render()).append("</div>\n");
        h.append("<table data-table=\"path\">\n<tr><th>λ</th><th>non-zero</th><th>objective</th><th>mean BCE</th>"
                + "<th>iterations</th><th>passes</th></tr>\n");
        for (int k = 0; k < path.size(); k++) {
            PathPoint p = path.get(k);
            boolean isModel = chosen < 0 ? k == path.size() - 1 : k == chosen;
            h.append(isModel ? "<tr class=\"chosen\"><td>" : "<tr><td>").append(format(p.regParam(), 4))
                    .append("</td><td>").append(p.nonZero())
                    .append("</td><td>").append(format(p.objective(), 10)).append("</td><td>")
                    .append(format(p.meanLoss(), 10)).append("</td><td>").append(p.iterations()).append("</td><td>")
                    .append(p.passes()).append(p.converged() ? "" : " (not converged)").append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Each fit started from the one above it (a warm start); the model is "
                + "the row in bold (" + (chosen < 0 ? "the last" : "chosen by cross-validation") + "). Coefficients are "
                + "drawn times their feature's standard deviation, so that features on different scales compare; the "
                + "dashed vertical line marks the model's λ."
                + "</p>\n");
    }

    /** The cross-validated mean BCE against λ with ±1 standard error, the chosen λ marked. */
    private static void crossValidation(StringBuilder h, CrossValidation.Curve curve) {
        if (curve == null) {
            return;
        }
        h.append("<h2 id=\"cv\">Cross-validation</h2>\n");
        List<Point> mean = new ArrayList<>();
        List<Point> upper = new ArrayList<>();
        List<Point> lower = new ArrayList<>();
        List<Double> lambdas = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < curve.regParams().length; m++) {
            double l = curve.regParams()[m];
            double v = curve.meanLoss()[m];
            double se = curve.standardError()[m];
            lambdas.add(l);
            mean.add(new Point(l, v));
            upper.add(new Point(l, v + se));
            lower.add(new Point(l, v - se));
            lo = Math.min(lo, v - se);
            hi = Math.max(hi, v + se);
        }
        double pad = Math.max(hi - lo, 1e-12) * 0.05;
        double best = curve.bestRegParam();
        h.append("<div class=\"charts\">\n").append(new SvgPlot("cv", curve.folds() + "-fold cross-validation",
                "penalty λ (log scale)", "held-out mean BCE", SvgPlot.Axis.logCovering(lambdas),
                new SvgPlot.Axis(lo - pad, hi + pad, false))
                .reference(List.of(new Point(best, lo - pad), new Point(best, hi + pad)))
                .line("band", upper).line("band", lower).line("cv", mean)
                .labelledPoints("cv", List.of(new Point(best, curve.meanLoss()[curve.best()])), List.of("chosen"))
                .render()).append("</div>\n");
        h.append("<table class=\"facts\" data-table=\"cv\">\n");
        row(h, "chosen λ (lowest held-out mean BCE)", format(best, 6) + ": " + format(curve.meanLoss()[curve.best()], 8)
                + " ± " + format(curve.standardError()[curve.best()], 2));
        row(h, "largest λ within one standard error", format(curve.regParams()[curve.oneStandardError()], 6));
        row(h, "folds · seed · passes", curve.folds() + " · " + curve.seed() + " · " + curve.passes());
        h.append("</table>\n<p class=\"note\">Rows are assigned to folds by a seeded hash of their content; each "
                + "fold fits the path on the other folds and is scored on its own rows. The thin lines are ±1 "
                + "standard error of the per-fold means; the model is the fit on all data at the chosen λ.</p>\n");
    }

    private static void evaluation(StringBuilder h, DataEvaluation e) {
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
        row(h, "rows (positive / negative)", m.rows() + " (" + m.positives() + " / " + m.negatives() + ")"
                + (m.rowsRejected() > 0 ? "; " + m.rowsRejected() + " rejected" : ""));
        row(h, "log loss (mean BCE)", format(m.logLoss(), 8));
        row(h, "area under ROC (exact)", format(m.areaUnderROC(), 8));
        row(h, "area under PR (average precision)", format(m.areaUnderPR(), 8));
        row(h, "Brier score", format(m.brierScore(), 8));
        row(h, "at threshold " + SvgPlot.number(m.threshold()) + ": accuracy · precision · recall · F1",
                format(m.accuracy(), 4) + " · " + format(m.precision(), 4) + " · " + format(m.recall(), 4) + " · "
                        + format(m.f1(), 4));
        h.append("</table>\n");
        ScoreHistogram histogram = ScoreHistogram.of(e.histogram());
        List<Point> roc = histogram.roc();
        List<Point> pr = histogram.precisionRecall();
        h.append("<div class=\"charts\">\n");
        if (!roc.isEmpty()) {
            h.append(new SvgPlot("roc", "ROC curve (AUC " + format(m.areaUnderROC(), 4) + ")", "false-positive rate",
                    "true-positive rate", SvgPlot.Axis.unit(), SvgPlot.Axis.unit())
                    .reference(List.of(new Point(0, 0), new Point(1, 1)))
                    .line("roc", roc).render());
            double base = (double) histogram.totalPositives() / (histogram.totalPositives() + histogram.totalNegatives());
            h.append(new SvgPlot("pr", "Precision–recall (AP " + format(m.areaUnderPR(), 4) + ")", "recall",
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
                    .append(format(b.meanPredicted(), 4)).append("</td><td>").append(format(b.observedRate(), 4))
                    .append("</td><td>").append(format(se, 2)).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">A calibrated model's observed fraction lies within about two standard "
                + "errors, 2√(p(1−p)/n), of its mean prediction.</p>\n");
    }

    private static void coefficients(StringBuilder h, LogisticModel model, ModelSummary summary) {
        h.append("<h2 id=\"coefficients\">Coefficients</h2>\n");
        if (summary == null) {
            h.append("<table data-table=\"coefficients\">\n<tr><th>term</th><th>estimate</th></tr>\n");
            h.append("<tr><td>(Intercept)</td><td>").append(format(model.intercept(), 8)).append("</td></tr>\n");
            double[] w = model.coefficients();
            for (int j = 0; j < w.length; j++) {
                h.append("<tr><td>").append(Html.escape(model.featureNames().get(j))).append("</td><td>")
                        .append(format(w[j], 8)).append("</td></tr>\n");
            }
            h.append("</table>\n<p class=\"note\">No standard errors: inference did not run for this model "
                    + "(train {STATS=on} computes them).</p>\n");
            return;
        }
        boolean profiles = summary.coefficients().stream()
                .anyMatch(e -> e.profileCiLow() != null || e.profileCiHigh() != null);
        h.append("<p class=\"sub\">").append(Html.escape(summary.method())).append("; standard errors from ")
                .append(Html.escape(covarianceSource(summary))).append("; Wald 95 % confidence intervals, β̂ ± 1.96·se")
                .append(profiles ? "; profile-likelihood 95 % intervals beside them" : "").append("</p>\n");
        h.append("<table data-table=\"coefficients\">\n<tr><th>term</th><th>estimate</th><th>")
                .append(summary.clustering() != null ? "cluster-robust std. error"
                        : summary.covariance().equals("fisher") ? "std. error" : "robust std. error")
                .append("</th><th>z</th><th>Pr(&gt;|z|)</th><th>95 % CI low</th><th>95 % CI high</th>")
                .append(profiles ? "<th>profile low</th><th>profile high</th>" : "").append("</tr>\n");
        for (CoefficientEstimate e : summary.coefficients()) {
            if (!e.estimated()) {
                // R's NA row: a column the data cannot determine (the notes say why).
                h.append("<tr class=\"aliased\"><td>").append(Html.escape(e.name())).append("</td>")
                        .append("<td>NA</td>".repeat(profiles ? 8 : 6)).append("</tr>\n");
                continue;
            }
            h.append("<tr><td>").append(Html.escape(e.name())).append("</td><td>").append(format(e.estimate(), 6))
                    .append("</td><td>").append(format(e.stdError(), 4)).append("</td><td>")
                    .append(format(e.zValue(), 4)).append("</td><td>").append(Html.escape(pValue(e.pValue()))).append("</td><td>")
                    .append(format(e.ciLow(), 4)).append("</td><td>").append(format(e.ciHigh(), 4));
            if (profiles) {
                h.append("</td><td>").append(e.profileCiLow() == null ? "—" : format(e.profileCiLow(), 4))
                        .append("</td><td>").append(e.profileCiHigh() == null ? "—" : format(e.profileCiHigh(), 4));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        String forest = ForestPlot.render(summary.coefficients());
        if (forest != null) {
            h.append("<div class=\"charts\">\n").append(forest).append("</div>\n");
            h.append("<p class=\"note\">Each dot is a coefficient times the standard deviation of its column (for a "
                    + "factor's level, of its 0/1 indicator): the change in the log-odds for one standard deviation, "
                    + "so columns of any unit compare. Blue: the Wald interval; orange: the profile-likelihood "
                    + "interval.</p>\n");
        }
        if (!summary.termTests().isEmpty()) {
            h.append("<table data-table=\"term-tests\">\n<tr><th>term (joint Wald test)</th><th>df</th>"
                    + "<th>χ²</th><th>Pr(&gt;χ²)</th></tr>\n");
            for (TermTest t : summary.termTests()) {
                h.append("<tr><td>").append(Html.escape(t.term())).append("</td><td>").append(t.df()).append("</td><td>")
                        .append(format(t.chiSquared(), 5)).append("</td><td>").append(Html.escape(pValue(t.p())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!summary.penalizedLrTests().isEmpty()) {
            h.append("<table data-table=\"penalized-tests\">\n<tr><th>parameter (penalized likelihood-ratio "
                    + "test)</th><th>χ² on 1 df</th><th>Pr(&gt;χ²)</th></tr>\n");
            for (PenalizedLikelihoodRatio t : summary.penalizedLrTests()) {
                h.append("<tr><td>").append(Html.escape(t.coefficient())).append("</td><td>")
                        .append(format(t.chiSquared(), 5)).append("</td><td>").append(Html.escape(pValue(t.p())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (ExcludedColumn x : summary.excluded()) {
            h.append("<div class=\"warning\">").append(Html.escape(x.name())).append(": ")
                    .append(Html.escape(x.reason())).append("</div>\n");
        }
        h.append("<table class=\"facts\" data-table=\"likelihood\">\n");
        row(h, "null deviance", format(summary.nullDeviance(), 8) + " on " + summary.dfNull() + " df");
        row(h, "residual deviance", format(summary.residualDeviance(), 8) + " on " + summary.dfResidual() + " df");
        row(h, "AIC · BIC", format(summary.aic(), 8) + " · " + format(summary.bic(), 8));
        row(h, "McFadden R²", format(summary.mcFaddenR2(), 4));
        if (summary.lrtStatistic() != null) {
            row(h, "likelihood-ratio test vs intercept only", "χ² = " + format(summary.lrtStatistic(), 6) + " on "
                    + summary.lrtDf() + " df, p " + pValue(summary.lrtPValue()));
        }
        h.append("</table>\n");
        for (String note : summary.notes()) {
            h.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
        }
    }

    /** Where the standard errors come from, in words. */
    private static String covarianceSource(ModelSummary s) {
        if (s.clustering() != null) {
            return "the cluster-robust sandwich (" + s.covariance().toUpperCase(Locale.ROOT) + ", "
                    + s.clustering().clusters() + " clusters of " + s.clustering().column() + ")";
        }
        return switch (s.covariance()) {
            case "hc0" -> "the robust sandwich (HC0)";
            case "hc1" -> "the robust sandwich (HC1)";
            default -> "the inverse Fisher information";
        };
    }

    /** R's drop1 table: the model without each term, and the likelihood-ratio test. */
    private static void drop1(StringBuilder h, Drop1.Table table) {
        if (table == null) {
            return;
        }
        h.append("<h2 id=\"drop1\">A test per term (drop1)</h2>\n");
        h.append("<table data-table=\"drop1\">\n<tr><th>term</th><th>df</th><th>deviance</th><th>AIC</th>"
                + "<th>LRT</th><th>Pr(&gt;χ²)</th></tr>\n");
        h.append("<tr><td>&lt;none&gt;</td><td></td><td>").append(format(table.deviance(), 6)).append("</td><td>")
                .append(format(table.aic(), 6)).append("</td><td></td><td></td></tr>\n");
        for (Drop1.Row r : table.rows()) {
            h.append("<tr><td>").append(Html.escape(r.term())).append("</td><td>").append(r.df()).append("</td><td>")
                    .append(format(r.deviance(), 6)).append("</td><td>").append(format(r.aic(), 6)).append("</td><td>")
                    .append(format(r.lrt(), 5)).append("</td><td>").append(Html.escape(pValue(r.p())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Each row is the fit without the term's columns (a factor is one "
                + "term), as R's drop1(fit, test = \"LRT\"): LRT = deviance without − deviance with, on the term's "
                + "degrees of freedom.</p>\n");
    }

    private static void provenance(StringBuilder h, String modelDir, LogisticModel model) {
        TrainingProvenance t = model.training();
        h.append("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"facts\" data-table=\"provenance\">\n");
        row(h, "model directory", modelDir);
        row(h, "training data", t.inputPath() + " (" + t.inputFormat() + ")");
        if (model.encoding() != null) {
            row(h, "formula", model.encoding().formula());
            row(h, "missing values", "{NA_ACTION} " + model.encoding().naAction() + ": " + model.encoding().rowsOmitted()
                    + (model.encoding().rowsOmitted() == 1 ? " row" : " rows") + " omitted");
        }
        row(h, "rows · positive · weight sum", t.rows() + " · " + t.positiveRows() + " · " + SvgPlot.number(t.weightSum()));
        row(h, "optimizer · max iterations", t.optimizer() + " · " + t.maxIterations());
        row(h, "tolerances (objective · gradient)", t.tolerance() + " · " + t.gradientTolerance());
        row(h, "partitions", String.valueOf(t.partitions()));
        row(h, "Bernoulli · Spark · Java", t.bernoulliVersion() + " · " + t.sparkVersion() + " · " + t.javaVersion());
        row(h, "trained at", t.trainedAt());
        row(h, "model format version", String.valueOf(model.formatVersion()));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    private static String format(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    private static String pValue(double p) {
        return p < 2e-16 ? "< 2e-16" : format(p, 3);
    }
}
