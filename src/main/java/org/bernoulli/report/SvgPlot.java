package org.bernoulli.report;

import org.bernoulli.stats.ScoreHistogram.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: axes with ticks (linear or base-10 logarithmic), one or more series
 * drawn as paths, optional points with labels. Nothing but SVG elements and attributes, so the
 * chart renders the same in any browser with no scripts, fonts or files from elsewhere.
 *
 * <p>Every drawn series is a {@code <path class="curve ...">}; reference lines (a diagonal, a
 * baseline) are {@code class="reference"}. The chart's role is {@code data-chart} on the svg
 * element, which is how tests and readers find it.
 */
final class SvgPlot {
    private static final int WIDTH = 460;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    /**
     * An axis range.
     *
     * @param min lower end (positive when log)
     * @param max upper end, above min
     * @param log whether the axis is base-10 logarithmic
     */
    record Axis(double min, double max, boolean log) {
        Axis {
            if (!(max > min) || (log && !(min > 0))) {
                throw new IllegalArgumentException("bad axis range [" + min + ", " + max + "]" + (log ? " (log)" : ""));
            }
        }

        static Axis unit() {
            return new Axis(0, 1, false);
        }

        /** The smallest and largest positive finite value; {@code {+∞, 0}} when there is none. */
        static double[] positiveRange(List<Double> values) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double v : values) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            return new double[] {lo, hi};
        }

        /** A log axis from the decade below the smallest positive value to the decade above the largest. */
        static Axis logCovering(List<Double> values) {
            double[] range = positiveRange(values);
            double lo = range[0];
            double hi = range[1];
            if (hi == 0) {
                return new Axis(0.1, 1, true);
            }
            double min = Math.pow(10, Math.floor(Math.log10(lo)));
            double max = Math.pow(10, Math.ceil(Math.log10(hi)));
            return new Axis(min, max > min ? max : min * 10, true);
        }

        /** A linear axis from 0 to the first of 1, 2, 5 × 10ᵏ at or above the largest value. */
        static Axis linearFromZero(double largest) {
            if (!(largest > 0)) {
                return new Axis(0, 1, false);
            }
            double step = Math.pow(10, Math.floor(Math.log10(largest)));
            for (double m : new double[] {1, 2, 5, 10}) {
                if (m * step >= largest) {
                    return new Axis(0, m * step, false);
                }
            }
            return new Axis(0, 10 * step, false);
        }

        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                int first = (int) Math.ceil(Math.log10(min) - 1e-9);
                int last = (int) Math.floor(Math.log10(max) + 1e-9);
                if (last - first >= 1) {
                    int stride = Math.max(1, (last - first + 5) / 6);
                    for (int k = first; k <= last; k += stride) {
                        ticks.add(Math.pow(10, k));
                    }
                    return ticks;
                }
                // Less than a decade: evenly spaced round values, placed on the log scale.
                double step = niceStep((max - min) / 4);
                for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
                    ticks.add(t);
                }
            } else {
                double step = niceStep((max - min) / 5);
                for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
                    ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
                }
            }
            return ticks;
        }

        private static double niceStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 5}) {
                if (m * power >= raw) {
                    return m * power;
                }
            }
            return 10 * power;
        }

        String label(double v) {
            double k = Math.log10(v);
            if (log && Math.abs(k - Math.rint(k)) < 1e-9 && Math.abs(k) >= 3) {
                return "1e" + (int) Math.rint(k);
            }
            return SvgPlot.number(v);
        }
    }

    private final String role;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Axis x;
    private final Axis y;
    private final StringBuilder body = new StringBuilder();

    SvgPlot(String role, String title, String xLabel, String yLabel, Axis x, Axis y) {
        this.role = role;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x;
        this.y = y;
    }

    /** A series as a polyline; points outside a log axis's positive range are left out. */
    SvgPlot line(String cssClass, List<Point> points) {
        String d = pathData(points);
        if (!d.isEmpty()) {
            body.append("<path class=\"curve ").append(cssClass).append("\" d=\"").append(d).append("\"/>\n");
        }
        return this;
    }

    /** A reference line (drawn dashed), e.g. the chance diagonal. */
    SvgPlot reference(List<Point> points) {
        String d = pathData(points);
        if (!d.isEmpty()) {
            body.append("<path class=\"reference\" d=\"").append(d).append("\"/>\n");
        }
        return this;
    }

    /** Marked points, each with a short label beside it. */
    SvgPlot labelledPoints(String cssClass, List<Point> points, List<String> labels) {
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!drawable(p)) {
                continue;
            }
            double px = px(p.x());
            double py = py(p.y());
            body.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\"/>%n",
                    cssClass, px, py));
            body.append(String.format(Locale.ROOT, "<text class=\"point-label\" x=\"%.2f\" y=\"%.2f\">%s</text>%n",
                    px + 5, py - 5, Html.escape(labels.get(i))));
        }
        return this;
    }

    String render() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", role, WIDTH,
                HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"18\">%s</text>%n", LEFT,
                Html.escape(title)));
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        double y0 = HEIGHT - BOTTOM;
        double y1 = TOP;
        s.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>%n",
                x0, y1, x1 - x0, y0 - y1));
        for (double t : x.ticks()) {
            double px = px(t);
            s.append(String.format(Locale.ROOT, "<path class=\"grid\" d=\"M%.2f %.1fV%.1f\"/>%n", px, y0, y1));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    px, y0 + 15, x.label(t)));
        }
        for (double t : y.ticks()) {
            double py = py(t);
            s.append(String.format(Locale.ROOT, "<path class=\"grid\" d=\"M%.1f %.2fH%.1f\"/>%n", x0, py, x1));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n",
                    x0 - 5, py + 4, y.label(t)));
        }
        s.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (x0 + x1) / 2, HEIGHT - 8, Html.escape(xLabel)));
        s.append(String.format(Locale.ROOT, "<text class=\"axis-label\" transform=\"translate(14 %.1f) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", (y0 + y1) / 2, Html.escape(yLabel)));
        s.append(body);
        s.append("</svg>\n");
        return s.toString();
    }

    private String pathData(List<Point> points) {
        StringBuilder d = new StringBuilder();
        for (Point p : points) {
            if (!drawable(p)) {
                continue;
            }
            d.append(d.isEmpty() ? 'M' : 'L');
            d.append(String.format(Locale.ROOT, "%.2f %.2f", px(p.x()), py(p.y())));
        }
        return d.toString();
    }

    private boolean drawable(Point p) {
        return Double.isFinite(p.x()) && Double.isFinite(p.y()) && (!x.log() || p.x() > 0) && (!y.log() || p.y() > 0);
    }

    private double px(double v) {
        return LEFT + clamp(x.fraction(v)) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double v) {
        return HEIGHT - BOTTOM - clamp(y.fraction(v)) * (HEIGHT - BOTTOM - TOP);
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }

    /** Up to four significant digits, no exponent for everyday magnitudes. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        if (a >= 1e4 && a < 1e9) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
