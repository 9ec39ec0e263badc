package org.bernoulli.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parsing of the scalar fields that every text format shares: labels, weights and feature values.
 *
 * <p>A number is written as data files write numbers: an optional sign, decimal digits with an
 * optional decimal point, and an optional exponent ({@code 1}, {@code -0.5}, {@code .5}, {@code 1e-3},
 * {@code +2.5E+10}), with blanks around it allowed. Spellings that only Java reads as numbers
 * ({@code 1d}, {@code 0f}, {@code 0x1p3}) are not numbers, nor are {@code inf} and {@code nan};
 * {@code NaN} and {@code Infinity} (signed or not) are read and refused as not finite. The check is one scan of the
 * characters, without allocation; the value is then read by fastdoubleparser's {@link JavaDoubleParser}, which
 * gives {@link Double#parseDouble}'s bits (the correctly rounded double) several times faster, in place.
 *
 * <p>Values echoed into messages are cut to {@value #ECHO_LIMIT} characters ({@link #echo}), so one
 * huge cell cannot flood standard error.
 */
public final class Values {

    /** Characters of an offending value that a message repeats. */
    public static final int ECHO_LIMIT = 60;

    /**
     * Largest magnitude of a training feature value or offset: √(largest double) ≈ 1.34e154, so that
     * squares and products of two values — the sums behind the standardization, the Fisher information
     * and the aliasing check — stay finite.
     */
    public static final double MAX_TRAINING_MAGNITUDE = Math.sqrt(Double.MAX_VALUE);

    private Values() {
    }

    /**
     * A class label: 1 or +1 is the positive class (1), 0 or −1 the negative class (0). Any
     * numeric spelling of those values is accepted ("1.0", "-1", "+1").
     */
    public static double label(String token) {
        double v = number(token);
        if (Double.isNaN(v) && !isNonFinite(token)) {
            throw new RecordFormatException("label '" + echo(token) + "' is not a number; expected 0 or 1 (or -1/+1)");
        }
        double label = binaryClass(v);
        if (Double.isNaN(label)) {
            throw new RecordFormatException("label " + echo(token.strip()) + " is not a class label; expected 0 or 1 "
                    + "(or -1/+1)");
        }
        return label;
    }

    /** The class a label value codes: 1 or +1 the positive class (1), 0 or −1 the negative (0); NaN for any other. */
    public static double binaryClass(double v) {
        if (v == 1.0) {
            return 1.0;
        }
        return v == 0.0 || v == -1.0 ? 0.0 : Double.NaN;
    }

    /** A feature value: any finite number. */
    public static double feature(String token, String featureName) {
        return feature(token, featureName, Double.MAX_VALUE);
    }

    /**
     * A feature value of magnitude at most {@code limit} (for training, {@link #MAX_TRAINING_MAGNITUDE}).
     *
     * @param featureName how the message names the feature, e.g. {@code 'age'}
     */
    public static double feature(String token, String featureName, double limit) {
        double v = number(token);
        if (Double.isNaN(v) && !isNonFinite(token)) {
            throw new RecordFormatException("feature " + featureName + ": '" + echo(token) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new RecordFormatException("feature " + featureName + ": value " + echo(token.strip())
                    + " is not finite; expected a finite number");
        }
        if (Math.abs(v) > limit) {
            throw new RecordFormatException("feature " + featureName + ": value " + echo(token.strip())
                    + " is too large to train on; training values must lie within ±" + String.format(
                    java.util.Locale.ROOT, "%.3g", limit) + " (their squares are summed); rescale the column");
        }
        return v;
    }

    /** A case weight: a finite number ≥ 0, at most {@link #MAX_TRAINING_MAGNITUDE} (squares of weights are summed). */
    /**
     * A feature value of magnitude at most {@code limit}, the feature named by its 1-based index
     * (LIBSVM) — a name made only when the value is refused.
     */
    public static double feature(String token, int index, double limit) {
        double v = number(token);
        return Double.isFinite(v) && Math.abs(v) <= limit ? v : feature(token, String.valueOf(index), limit);
    }

    public static double weight(String token, String column) {
        double v = number(token);
        if (Double.isNaN(v) && !isNonFinite(token)) {
            throw new RecordFormatException("weight column " + column + ": '" + echo(token) + "' is not a number");
        }
        return weight(v, column, echo(token.strip()));
    }

    /** A case weight already read as a number (typed columns): the same rules. */
    public static double weight(double v, String column) {
        return weight(v, column, Double.toString(v));
    }

    private static double weight(double v, String column, String shown) {
        if (!Double.isFinite(v) || v < 0) {
            throw new RecordFormatException("weight column " + column + ": " + shown
                    + " is not a valid case weight; expected a finite number >= 0");
        }
        if (v > MAX_TRAINING_MAGNITUDE) {
            throw new RecordFormatException("weight column " + column + ": " + shown + " is too large; "
                    + "case weights must be at most " + String.format(java.util.Locale.ROOT, "%.3g",
                    MAX_TRAINING_MAGNITUDE) + " (their squares are summed): rescale them");
        }
        return v;
    }

    /**
     * The value of a number token: NaN when it is not a number as the class comment defines, ±∞ or
     * NaN for the non-finite words.
     */
    public static double number(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && Character.isWhitespace(token.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(token.charAt(end - 1))) {
            end--;
        }
        if (!isDecimal(token, start, end)) {
            String t = token.strip();
            return isNonFinite(token) && !t.endsWith("NaN")
                    ? (t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.NaN;
        }
        return JavaDoubleParser.parseDouble(token, start, end - start);
    }

    /**
     * The value of a number written in ASCII bytes {@code [start, end)}, blanks around it allowed, when it
     * is a number of the grammar of {@link #number(String)}; NaN for anything else (the non-finite words
     * included), which the caller then reads as text for the exact answer or message.
     */
    public static double decimal(byte[] b, int start, int end) {
        while (start < end && isBlank(b[start])) {
            start++;
        }
        while (end > start && isBlank(b[end - 1])) {
            end--;
        }
        int i = start;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
        }
        return i == end ? JavaDoubleParser.parseDouble(b, start, end - start) : Double.NaN;
    }

    /** An ASCII byte that {@link Character#isWhitespace} counts as a blank. */
    private static boolean isBlank(byte c) {
        return c >= 0 && c <= ' ' && Character.isWhitespace((char) c);
    }

    /** [+-] digits [. digits] [(e|E) [+-] digits], with at least one digit before the exponent. */
    private static boolean isDecimal(String s, int start, int end) {
        int i = start;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code NaN} or {@code Infinity}, optionally signed: the non-finite values a double prints as. */
    private static boolean isNonFinite(String token) {
        String t = token.strip();
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        return t.equals("NaN") || t.equals("Infinity");
    }

    /**
     * Names as a message lists them: the first 12, each {@linkplain #echo cut}, and how many more,
     * e.g. {@code [a, b, … 30 more]}.
     */
    public static String echo(java.util.List<String> names) {
        java.util.List<String> shown = names.stream().limit(12).map(Values::echo).toList();
        String list = String.join(", ", shown);
        return "[" + list + (names.size() > 12 ? ", … " + (names.size() - 12) + " more" : "") + "]";
    }

    /**
     * A value as a message repeats it: whole up to {@value #ECHO_LIMIT} characters, else its start and
     * its length.
     */
    public static String echo(String value) {
        if (value == null || value.length() <= ECHO_LIMIT) {
            return value;
        }
        return value.substring(0, ECHO_LIMIT) + "… (" + value.length() + " characters)";
    }
}
