package org.bernoulli.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Set;

/**
 * How R writes names and numbers in formulas and coefficient names: a non-syntactic column name in
 * backticks, a number with at most 15 significant digits in fixed notation unless scientific is
 * shorter ({@code 1e+05}, {@code 1e-04}, {@code 0.001}, {@code 12345}) — the rule of R's
 * {@code as.character} and {@code deparse} — and factor levels of numbers likewise.
 */
public final class RNames {
    private static final Set<String> RESERVED = Set.of("if", "else", "repeat", "while", "function", "for", "next",
            "break", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "in");

    private RNames() {
    }

    /** A column name as R writes it in a term: as is when syntactic, else in backticks. */
    public static String symbol(String name) {
        return isSyntactic(name) ? name : "`" + name + "`";
    }

    /** R's syntactic names: letters, digits, '.' and '_', starting with a letter or a '.' not followed by a digit. */
    static boolean isSyntactic(String name) {
        if (name.isEmpty() || RESERVED.contains(name)) {
            return false;
        }
        char c0 = name.charAt(0);
        if (!(Character.isLetter(c0) || c0 == '.')) {
            return false;
        }
        if (c0 == '.' && name.length() > 1 && Character.isDigit(name.charAt(1))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A number as R's {@code as.character} writes it (15 significant digits, the shorter notation). */
    public static String number(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros();
        String fixed = d.toPlainString();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sci = (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        return fixed.length() <= sci.length() ? fixed : sci;
    }
}
