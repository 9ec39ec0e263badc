package org.bernoulli.report;

import java.util.Locale;

/** Text made safe for HTML element content and attribute values, and the cells of the report's tables. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** One row of a two-column facts table. */
    static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    /** A number to {@code digits} significant digits; "–" for NaN. */
    static String format(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    /** A p-value as R prints it, "< 2e-16" below that. */
    static String pValue(double p) {
        return p < 2e-16 ? "< 2e-16" : format(p, 3);
    }
}
