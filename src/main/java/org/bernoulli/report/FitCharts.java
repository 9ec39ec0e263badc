package org.bernoulli.report;

import org.bernoulli.model.LogisticModel;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.stats.ScoreHistogram.Point;
import org.bernoulli.train.CrossValidation;

import java.util.ArrayList;
import java.util.List;

/** The report's charts of how the fit went: convergence per iteration, the regularization path, the cross-validation curve. */
final class FitCharts {

    private FitCharts() {
    }

    static void convergence(StringBuilder h, List<IterationRecord> history) {
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
    static void path(StringBuilder h, LogisticModel fitted, List<PathPoint> path, int chosen) {
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
            h.append(isModel ? "<tr class=\"chosen\"><td>" : "<tr><td>").append(Html.format(p.regParam(), 4))
                    .append("</td><td>").append(p.nonZero())
                    .append("</td><td>").append(Html.format(p.objective(), 10)).append("</td><td>")
                    .append(Html.format(p.meanLoss(), 10)).append("</td><td>").append(p.iterations()).append("</td><td>")
                    .append(p.passes()).append(p.converged() ? "" : " (not converged)").append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Each fit started from the one above it (a warm start); the model is "
                + "the row in bold (" + (chosen < 0 ? "the last" : "chosen by cross-validation") + "). Coefficients are "
                + "drawn times their feature's standard deviation, so that features on different scales compare; the "
                + "dashed vertical line marks the model's λ."
                + "</p>\n");
    }

    /** The cross-validated mean BCE against λ with ±1 standard error, the chosen λ marked. */
    static void crossValidation(StringBuilder h, CrossValidation.Curve curve) {
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
        Html.row(h, "chosen λ (lowest held-out mean BCE)", Html.format(best, 6) + ": " + Html.format(curve.meanLoss()[curve.best()], 8)
                + " ± " + Html.format(curve.standardError()[curve.best()], 2));
        Html.row(h, "largest λ within one standard error", Html.format(curve.regParams()[curve.oneStandardError()], 6));
        Html.row(h, "folds · seed · passes", curve.folds() + " · " + curve.seed() + " · " + curve.passes());
        h.append("</table>\n<p class=\"note\">Rows are assigned to folds by a seeded hash of their content; each "
                + "fold fits the path on the other folds and is scored on its own rows. The thin lines are ±1 "
                + "standard error of the per-fold means; the model is the fit on all data at the chosen λ.</p>\n");
    }
}
