package org.bernoulli.data;

/**
 * Parses LIBSVM lines {@code label index:value index:value …}: label 0/1 (or −1/+1), 1-based
 * feature indices in strictly ascending order, values finite. Blank lines and lines starting with
 * {@code #} carry no example. Explicit zero values are dropped (they change nothing).
 */
public final class LibSvmParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final int numFeatures;
    private final String limitName;

    /**
     * @param numFeatures the declared number of features, or 0 when it is to be inferred from the
     *                    largest index in the data
     */
    public LibSvmParser(int numFeatures) {
        this(numFeatures, "--num-features");
    }

    /**
     * @param numFeatures the largest index allowed, or 0 for no limit
     * @param limitName   what the limit is, for messages ("the model's feature count")
     */
    public LibSvmParser(int numFeatures, String limitName) {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("number of features must be at least 1, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.limitName = limitName;
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
        String[] tokens = line.strip().split("\\s+");
        double label = Values.label(tokens[0]);
        int previous = 0;
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            if (token.startsWith("#")) {
                break;
            }
            int colon = token.indexOf(':');
            if (colon <= 0 || colon == token.length() - 1) {
                throw new RecordFormatException("token '" + token + "' is not of the form index:value");
            }
            String indexText = token.substring(0, colon);
            int index;
            try {
                index = Integer.parseInt(indexText);
            } catch (NumberFormatException e) {
                throw new RecordFormatException("feature index '" + indexText + "' is not an integer");
            }
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
            previous = index;
            double value = Values.feature(token.substring(colon + 1), String.valueOf(index));
            if (value != 0.0) {
                features.accept(index - 1, value);
            }
        }
        return label;
    }
}
