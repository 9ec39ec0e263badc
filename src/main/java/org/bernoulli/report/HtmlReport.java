package org.bernoulli.report;

import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ExcludedColumn;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.PenalizedLikelihoodRatio;
import org.bernoulli.inference.TermTest;
import org.bernoulli.model.FittedModel;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.train.CrossValidation;
import org.bernoulli.train.Drop1;

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
     * @param classEvaluation the evaluation of a model of more than two classes, or null
     * @param margins     the average marginal effects ({@code train MARGINS}), or null
     */
    public record Content(String modelDir, FittedModel model, ModelSummary summary, List<IterationRecord> history,
                          DataEvaluation evaluation, List<PathPoint> path, CrossValidation.Curve curve,
                          String generatedAt, Drop1.Table drop1, ClassEvaluation classEvaluation,
                          List<org.bernoulli.inference.AverageMarginalEffect> margins) {
        public Content {
            history = history == null ? List.of() : List.copyOf(history);
            path = path == null ? List.of() : List.copyOf(path);
        }

        /** A binary model's. */
        public Content(String modelDir, LogisticModel model, ModelSummary summary, List<IterationRecord> history,
                       DataEvaluation evaluation, List<PathPoint> path, CrossValidation.Curve curve, String generatedAt,
                       Drop1.Table drop1) {
            this(modelDir, model, summary, history, evaluation, path, curve, generatedAt, drop1, null, null);
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
            """ + ClassEvaluationSection.style();

    private HtmlReport() {
    }

    public static String render(Content c) {
        FittedModel model = c.model();
        TrainingProvenance t = model.training();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Bernoulli report: ").append(Html.escape(c.modelDir())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(model.classes() == null ? "Logistic regression"
                : "Multinomial logistic regression (" + model.classes().size() + " classes)").append(": ")
                .append(Html.escape(c.modelDir())).append("</h1>\n");
        h.append("<p class=\"sub\">").append(t.rows()).append(" rows × ").append(model.numFeatures())
                .append(" features · ").append(Html.escape(t.optimizer())).append(" · report made ")
                .append(Html.escape(c.generatedAt())).append("</p>\n");
        for (String warning : t.warnings()) {
            h.append("<div class=\"warning\">").append(Html.escape(warning)).append("</div>\n");
        }
        overview(h, model);
        FitCharts.convergence(h, c.history());
        if (model instanceof LogisticModel binary) {
            FitCharts.path(h, binary, c.path(), c.curve() == null ? -1 : c.curve().best());
            FitCharts.crossValidation(h, c.curve());
        }
        if (c.classEvaluation() != null) {
            ClassEvaluationSection.write(h, c.classEvaluation());
        } else {
            EvaluationSection.write(h, c.evaluation());
        }
        coefficients(h, model, c.summary());
        drop1(h, c.drop1());
        MarginsSection.write(h, c.margins());
        provenance(h, c.modelDir(), model);
        h.append("</body>\n</html>\n");
        // A report is read by users of every door: the settings it names are in plain words.
        return org.bernoulli.data.Setting.render(h.toString(), org.bernoulli.data.Setting.PLAIN);
    }

    private static void overview(StringBuilder h, FittedModel model) {
        TrainingProvenance t = model.training();
        boolean binary = model instanceof LogisticModel;
        h.append("<h2 id=\"fit\">Fit</h2>\n<table class=\"facts\" data-table=\"fit\">\n");
        Html.row(h, "stopped", stopDescription(t));
        Html.row(h, "iterations · passes over the data", t.iterations() + " · " + t.passes());
        Html.row(h, binary ? "objective (mean BCE + penalty)" : "objective (mean cross-entropy + penalty)",
                Html.format(t.objective(), 12));
        Html.row(h, binary ? "mean binary cross-entropy" : "mean categorical cross-entropy",
                Html.format(t.meanLoss(), 12));
        if (!binary) {
            Html.row(h, "classes (the reference first)", String.join(", ", model.classes()));
        }
        Html.row(h, "log-likelihood", Html.format(t.logLikelihood(), 10));
        Html.row(h, "largest |gradient| component (standardized)", Html.format(t.gradientNorm(), 3));
        Html.row(h, "penalty", model.regularization().describe());
        if (model instanceof LogisticModel b && model.regularization().l1() > 0) {
            long zeros = java.util.Arrays.stream(b.coefficients()).filter(w -> w == 0.0).count();
            Html.row(h, "coefficients exactly 0", zeros + " of " + model.numFeatures());
        }
        Html.row(h, "training time", String.format(Locale.ROOT, "%.1f s", t.seconds()));
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

    private static void coefficients(StringBuilder h, FittedModel fitted, ModelSummary summary) {
        h.append("<h2 id=\"coefficients\">Coefficients</h2>\n");
        if (summary == null && fitted instanceof org.bernoulli.model.CategoricalModel c) {
            h.append("<table data-table=\"coefficients\">\n<tr><th>class</th><th>term</th><th>estimate</th></tr>\n");
            for (int k = 0; k < c.intercepts().length; k++) {
                String outcome = Html.escape(c.classes().get(k + 1));
                h.append("<tr><td>").append(outcome).append("</td><td>(Intercept)</td><td>")
                        .append(Html.format(c.intercepts()[k], 8)).append("</td></tr>\n");
                for (int j = 0; j < c.numFeatures(); j++) {
                    h.append("<tr><td>").append(outcome).append("</td><td>").append(Html.escape(c.featureNames().get(j)))
                            .append("</td><td>").append(Html.format(c.coefficients()[k][j], 8)).append("</td></tr>\n");
                }
            }
            h.append("</table>\n<p class=\"note\">The log-odds of each class against '")
                    .append(Html.escape(c.classes().get(0))).append("'; no standard errors (a penalized fit, or "
                    + "inference off).</p>\n");
            return;
        }
        if (summary == null) {
            LogisticModel model = (LogisticModel) fitted;
            h.append("<table data-table=\"coefficients\">\n<tr><th>term</th><th>estimate</th></tr>\n");
            h.append("<tr><td>(Intercept)</td><td>").append(Html.format(model.intercept(), 8)).append("</td></tr>\n");
            double[] w = model.coefficients();
            for (int j = 0; j < w.length; j++) {
                h.append("<tr><td>").append(Html.escape(model.featureNames().get(j))).append("</td><td>")
                        .append(Html.format(w[j], 8)).append("</td></tr>\n");
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
        boolean classes = summary.classes() != null;
        h.append("<table data-table=\"coefficients\">\n<tr>").append(classes ? "<th>class</th>" : "")
                .append("<th>term</th><th>estimate</th><th>")
                .append(summary.clustering() != null ? "cluster-robust std. error"
                        : summary.covariance().equals("fisher") ? "std. error" : "robust std. error")
                .append("</th><th>z</th><th>Pr(&gt;|z|)</th><th>95 % CI low</th><th>95 % CI high</th>")
                .append(profiles ? "<th>profile low</th><th>profile high</th>" : "").append("</tr>\n");
        for (CoefficientEstimate e : summary.coefficients()) {
            if (!e.estimated()) {
                // R's NA row: a column the data cannot determine (the notes say why).
                h.append("<tr class=\"aliased\">").append(classes ? "<td>" + Html.escape(e.outcome()) + "</td>" : "")
                        .append("<td>").append(Html.escape(e.name())).append("</td>")
                        .append("<td>NA</td>".repeat(profiles ? 8 : 6)).append("</tr>\n");
                continue;
            }
            h.append("<tr>").append(classes ? "<td>" + Html.escape(e.outcome()) + "</td>" : "").append("<td>")
                    .append(Html.escape(e.name())).append("</td><td>").append(Html.format(e.estimate(), 6))
                    .append("</td><td>").append(Html.format(e.stdError(), 4)).append("</td><td>")
                    .append(Html.format(e.zValue(), 4)).append("</td><td>").append(Html.escape(Html.pValue(e.pValue()))).append("</td><td>")
                    .append(Html.format(e.ciLow(), 4)).append("</td><td>").append(Html.format(e.ciHigh(), 4));
            if (profiles) {
                h.append("</td><td>").append(e.profileCiLow() == null ? "—" : Html.format(e.profileCiLow(), 4))
                        .append("</td><td>").append(e.profileCiHigh() == null ? "—" : Html.format(e.profileCiHigh(), 4));
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
                        .append(Html.format(t.chiSquared(), 5)).append("</td><td>").append(Html.escape(Html.pValue(t.p())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!summary.penalizedLrTests().isEmpty()) {
            h.append("<table data-table=\"penalized-tests\">\n<tr><th>parameter (penalized likelihood-ratio "
                    + "test)</th><th>χ² on 1 df</th><th>Pr(&gt;χ²)</th></tr>\n");
            for (PenalizedLikelihoodRatio t : summary.penalizedLrTests()) {
                h.append("<tr><td>").append(Html.escape(t.coefficient())).append("</td><td>")
                        .append(Html.format(t.chiSquared(), 5)).append("</td><td>").append(Html.escape(Html.pValue(t.p())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (ExcludedColumn x : summary.excluded()) {
            h.append("<div class=\"warning\">").append(Html.escape(x.name())).append(": ")
                    .append(Html.escape(x.reason())).append("</div>\n");
        }
        h.append("<table class=\"facts\" data-table=\"likelihood\">\n");
        Html.row(h, "null deviance", Html.format(summary.nullDeviance(), 8) + " on " + summary.dfNull() + " df");
        Html.row(h, "residual deviance", Html.format(summary.residualDeviance(), 8) + " on " + summary.dfResidual() + " df");
        Html.row(h, "AIC · BIC", Html.format(summary.aic(), 8) + " · " + Html.format(summary.bic(), 8));
        Html.row(h, "McFadden R²", Html.format(summary.mcFaddenR2(), 4));
        if (summary.lrtStatistic() != null) {
            Html.row(h, "likelihood-ratio test vs intercept only", "χ² = " + Html.format(summary.lrtStatistic(), 6) + " on "
                    + summary.lrtDf() + " df, p " + Html.pValue(summary.lrtPValue()));
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
        h.append("<tr><td>&lt;none&gt;</td><td></td><td>").append(Html.format(table.deviance(), 6)).append("</td><td>")
                .append(Html.format(table.aic(), 6)).append("</td><td></td><td></td></tr>\n");
        for (Drop1.Row r : table.rows()) {
            h.append("<tr><td>").append(Html.escape(r.term())).append("</td><td>").append(r.df()).append("</td><td>")
                    .append(Html.format(r.deviance(), 6)).append("</td><td>").append(Html.format(r.aic(), 6)).append("</td><td>")
                    .append(Html.format(r.lrt(), 5)).append("</td><td>").append(Html.escape(Html.pValue(r.p())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Each row is the fit without the term's columns (a factor is one "
                + "term), as R's drop1(fit, test = \"LRT\"): LRT = deviance without − deviance with, on the term's "
                + "degrees of freedom.</p>\n");
    }

    private static void provenance(StringBuilder h, String modelDir, FittedModel model) {
        TrainingProvenance t = model.training();
        h.append("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"facts\" data-table=\"provenance\">\n");
        Html.row(h, "model directory", modelDir);
        Html.row(h, "training data", t.inputPath() + " (" + t.inputFormat() + ")");
        if (model.encoding() != null) {
            Html.row(h, "formula", model.encoding().formula());
            Html.row(h, "missing values", "{NA_ACTION} " + model.encoding().naAction() + ": " + model.encoding().rowsOmitted()
                    + (model.encoding().rowsOmitted() == 1 ? " row" : " rows") + " omitted");
        }
        Html.row(h, model instanceof LogisticModel ? "rows · positive · weight sum"
                : "rows · of the non-reference classes · weight sum", t.rows() + " · " + t.positiveRows() + " · "
                + SvgPlot.number(t.weightSum()));
        Html.row(h, "optimizer · max iterations", t.optimizer() + " · " + t.maxIterations());
        Html.row(h, "tolerances (objective · gradient)", t.tolerance() + " · " + t.gradientTolerance());
        Html.row(h, "partitions", String.valueOf(t.partitions()));
        Html.row(h, "Bernoulli · Spark · Java", t.bernoulliVersion() + " · " + t.sparkVersion() + " · " + t.javaVersion());
        Html.row(h, "trained at", t.trainedAt());
        Html.row(h, "model format version", String.valueOf(model.formatVersion()));
        h.append("</table>\n");
    }
}
