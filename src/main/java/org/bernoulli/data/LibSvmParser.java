package org.bernoulli.data;

/**
 * Parses LIBSVM lines {@code label index:value index:value …}: label 0/1 (or −1/+1), 1-based
 * feature indices in strictly ascending order, values finite. Blank lines and lines starting with
 * {@code #} carry no example. Explicit zero values are dropped (they change nothing).
 *
 * <p>Indices are bounded: by the declared width when there is one, else by
 * {@value #MAX_INFERRED_FEATURES}, so that one stray huge index is a located error rather than a
 * model (and arrays) of billions of features; {@code NUM_FEATURES} admits up to
 * {@value #MAX_FEATURES}, where a gradient of doubles still fits in one 2 GiB buffer.
 */
public final class LibSvmParser implements LineParser {
    private static final long serialVersionUID = 1L;

    /** Largest width of LIBSVM data: 2³¹/8, the doubles of one 2 GiB array. */
    public static final int MAX_FEATURES = 1 << 28;
    /** Largest index accepted when the width is inferred from the data (no {@code NUM_FEATURES}). */
    public static final int MAX_INFERRED_FEATURES = 1 << 24;

    private final int numFeatures;
    private final String limitName;
    private final double valueLimit;
    private final LabelCoding labels;

    /**
     * A parser of training data: values bounded by {@link Values#MAX_TRAINING_MAGNITUDE}.
     *
     * @param numFeatures the declared number of features, or 0 when it is to be inferred from the
     *                    largest index in the data
     */
    /** A parser of training data whose labels code the classes as {@code labels} says. */
    public static LibSvmParser training(int numFeatures, LabelCoding labels) {
        return new LibSvmParser(numFeatures, "{NUM_FEATURES}", Values.MAX_TRAINING_MAGNITUDE, labels);
    }

    public LibSvmParser(int numFeatures) {
        this(numFeatures, "{NUM_FEATURES}", Values.MAX_TRAINING_MAGNITUDE);
    }

    /**
     * @param numFeatures the largest index allowed, or 0 for {@link #MAX_INFERRED_FEATURES}
     * @param limitName   what the limit is, for messages ("the model's feature count")
     * @param valueLimit  the largest magnitude of a value
     */
    public LibSvmParser(int numFeatures, String limitName, double valueLimit) {
        this(numFeatures, limitName, valueLimit, LabelCoding.BINARY);
    }

    /** The same, its labels coding the classes as {@code labels} says. */
    public LibSvmParser(int numFeatures, String limitName, double valueLimit, LabelCoding labels) {
        if (numFeatures < 0 || numFeatures > MAX_FEATURES) {
            throw new IllegalArgumentException("number of features must be at least 1 and at most " + MAX_FEATURES
                    + ", got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.limitName = limitName;
        this.valueLimit = valueLimit;
        this.labels = labels;
    }

    /** Blank lines and lines starting with {@code #} hold no example. */
    @Override
    public boolean isSkippable(String line) {
        String t = line.strip();
        return t.isEmpty() || t.charAt(0) == '#';
    }

    @Override
    public boolean hasHeader() {
        return false;
    }

    @Override
    public void checkHeader(String line) {
        throw new IllegalStateException("LIBSVM files have no header");
    }

    /**
     * Parses one line that is not {@link #isSkippable skippable}.
     *
     * @throws RecordFormatException naming the token and what was expected
     */
    @Override
    public LabeledRow parse(String line) {
        RowCollector row = new RowCollector();
        double label = parse(line, row);
        return row.toRow(label, 1.0);
    }

    /**
     * Parses one line, handing each non-zero feature (0-based index, value) to {@code features}
     * as it is read, so that a caller that only needs, say, a margin allocates no vector.
     *
     * @return the label, 0 or 1
     * @throws RecordFormatException naming the token and what was expected
     */
    public double parse(String line, FeatureSink features) {
        // Tokens as line.strip().split("\\s+") gives them, found without a regex or a token array.
        int start = 0;
        int stop = line.length();
        while (start < stop && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        while (stop > start && Character.isWhitespace(line.charAt(stop - 1))) {
            stop--;
        }
        int end = tokenEnd(line, start, stop);
        double label = labels.parse(line.substring(start, end));
        int previous = 0;
        for (int t = tokenStart(line, end, stop); t < stop; t = tokenStart(line, end, stop)) {
            end = tokenEnd(line, t, stop);
            if (line.charAt(t) == '#') {
                break;
            }
            int colon = line.indexOf(':', t);
            if (colon <= t || colon >= end - 1) {
                throw new RecordFormatException("token '" + Values.echo(line.substring(t, end))
                        + "' is not of the form index:value");
            }
            int index = index(line, t, colon);
            if (index <= 0) {
                throw new RecordFormatException("feature index " + index + ", indices start at 1");
            }
            if (index <= previous) {
                throw new RecordFormatException("feature index " + index + " after " + previous
                        + ": indices must be strictly ascending");
            }
            if (numFeatures > 0 && index > numFeatures) {
                throw new RecordFormatException("feature index " + index + " exceeds " + limitName + " " + numFeatures);
            }
            if (numFeatures == 0 && index > MAX_INFERRED_FEATURES) {
                throw new RecordFormatException("feature index " + index + " is above " + MAX_INFERRED_FEATURES
                        + ", the largest index read without {NUM_FEATURES}; for data this wide give {NUM_FEATURES} "
                        + "(at most " + MAX_FEATURES + ")");
            }
            previous = index;
            double value = Values.feature(line.substring(colon + 1, end), index, valueLimit);
            if (value != 0.0) {
                features.accept(index - 1, value);
            }
        }
        return label;
    }

    /** Whether a character separates tokens: what the regex {@code \s} matches. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static int tokenEnd(String line, int from, int stop) {
        int i = from;
        while (i < stop && !isSeparator(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int tokenStart(String line, int from, int stop) {
        int i = from;
        while (i < stop && isSeparator(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index before a colon: plain digits read directly, anything else as Integer.parseInt reads it. */
    private static int index(String line, int from, int colon) {
        if (colon - from <= 9) {
            int value = 0;
            int i = from;
            while (i < colon && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                value = 10 * value + (line.charAt(i) - '0');
                i++;
            }
            if (i == colon) {
                return value;
            }
        }
        String text = line.substring(from, colon);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RecordFormatException("feature index '" + Values.echo(text) + "' is not an integer "
                    + "from 1 to " + MAX_FEATURES);
        }
    }

    /**
     * The names of LIBSVM features, x1 … xd, d the declared width or else the largest index read.
     *
     * @param input what the data is, for the message when it has no feature at all
     * @throws BadInputException when no width is declared and no value is non-zero
     */
    public static java.util.List<String> featureNames(int declared, int widthRead, String input) {
        int d = declared > 0 ? declared : widthRead;
        if (d == 0) {
            throw new BadInputException("input " + input + " has no non-zero feature values; "
                    + "give {NUM_FEATURES} to fit an intercept-only model");
        }
        java.util.List<String> names = new java.util.ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
