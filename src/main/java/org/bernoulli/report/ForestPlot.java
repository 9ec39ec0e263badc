package org.bernoulli.report;

import org.bernoulli.inference.CoefficientEstimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The coefficients as a forest plot, inline SVG: one row per coefficient with its estimate (a dot)
 * and 95 % interval (a line) on the standardized scale — β̂ⱼ·sdⱼ, the change in the log-odds for one
 * standard deviation of the column — so that factors' levels and numbers of any unit read side by
 * side; the profile-likelihood interval, where computed, is drawn beneath the Wald one. The intercept, which has no scale, is left out, as are
 * rows without a recorded standard deviation. Rows are {@code <g class="forest-row" data-name=…>}.
 */
final class ForestPlot {
    private static final int WIDTH = 720;
    private static final int LABEL = 220;
    private static final int RIGHT = 24;
    private static final int TOP = 34;
    private static final int ROW = 22;
    private static final int BOTTOM = 40;

    private ForestPlot() {
    }

    /** The plot, or null when no coefficient has a scale (an old summary, or an intercept-only fit). */
    static String render(List<CoefficientEstimate> coefficients) {
        List<CoefficientEstimate> rows = new ArrayList<>();
        for (CoefficientEstimate c : coefficients) {
            if (c.estimated() && c.columnStdDev() != null && !c.name().equals("(Intercept)")) {
                rows.add(c);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        double lo = 0;
        double hi = 0;
        for (CoefficientEstimate c : rows) {
            double s = c.columnStdDev();
            boolean profile = c.profileCiLow() != null && c.profileCiHigh() != null;
            lo = Math.min(lo, Math.min(c.ciLow() * s, profile ? c.profileCiLow() * s : lo));
            hi = Math.max(hi, Math.max(c.ciHigh() * s, profile ? c.profileCiHigh() * s : hi));
        }
        double pad = Math.max(hi - lo, 1e-12) * 0.05;
        lo -= pad;
        hi += pad;
        int height = TOP + ROW * rows.size() + BOTTOM;
        double x0 = LABEL;
        double x1 = WIDTH - RIGHT;
        double min = lo;
        double span = hi - lo;
        java.util.function.DoubleUnaryOperator x = v -> x0 + (v - min) / span * (x1 - x0);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" data-chart=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Coefficients, standardized\">%n",
                WIDTH, height, WIDTH, height));
        s.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"18\">Coefficients per standard "
                + "deviation of their column, with 95 %% intervals</text>%n", 16));
        double bottom = TOP + ROW * rows.size();
        s.append(String.format(Locale.ROOT, "<line class=\"reference\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                x.applyAsDouble(0), TOP - 6, x.applyAsDouble(0), bottom));
        for (double t : ticks(lo, hi)) {
            double at = x.applyAsDouble(t);
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", at, bottom, at,
                    bottom + 5, at, bottom + 17, SvgPlot.number(t)));
        }
        s.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                + "coefficient × std. dev. of its column (log-odds per standard deviation)</text>%n",
                (x0 + x1) / 2, height - 6));
        for (int i = 0; i < rows.size(); i++) {
            CoefficientEstimate c = rows.get(i);
            double sd = c.columnStdDev();
            double y = TOP + ROW * i + ROW / 2.0;
            s.append("<g class=\"forest-row\" data-name=\"").append(Html.escape(c.name())).append("\">");
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LABEL - 8, y + 4, Html.escape(c.name())));
            s.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x.applyAsDouble(c.ciLow() * sd), y, x.applyAsDouble(c.ciHigh() * sd), y));
            if (c.profileCiLow() != null && c.profileCiHigh() != null) {
                s.append(String.format(Locale.ROOT, "<line class=\"profile\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                        + "y2=\"%.1f\"/>", x.applyAsDouble(c.profileCiLow() * sd), y + 5,
                        x.applyAsDouble(c.profileCiHigh() * sd), y + 5));
            }
            s.append(String.format(Locale.ROOT, "<circle class=\"estimate\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"/>",
                    x.applyAsDouble(c.estimate() * sd), y));
            s.append("</g>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }


    /** About five round ticks over [lo, hi]. */
    private static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double step = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * step >= raw) {
                step = m * step;
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-12 * step; t += step) {
            out.add(Math.abs(t) < 1e-12 * step ? 0.0 : t);
        }
        return out;
    }
}
