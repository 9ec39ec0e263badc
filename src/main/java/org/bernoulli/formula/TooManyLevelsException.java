package org.bernoulli.formula;

import org.bernoulli.data.BadInputException;

/**
 * A factor with more levels than {@code MAX_LEVELS} — usually an ID column caught by {@code .}.
 * The scan keeps at most one level more than the limit, so it knows only that there are more; a
 * reader that can count them exactly (one more pass, on this error path only) says how many with
 * {@link #withCount}.
 */
public final class TooManyLevelsException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final String variable;
    private final String column;
    private final int maxLevels;

    public TooManyLevelsException(String variable, String column, int maxLevels) {
        super(message(variable, column, maxLevels, "more than " + maxLevels));
        this.variable = variable;
        this.column = column;
        this.maxLevels = maxLevels;
    }

    private static String message(String variable, String column, int maxLevels, String count) {
        return "factor " + variable + ": column '" + column + "' has " + count + " distinct values ({MAX_LEVELS} "
                + maxLevels + "); an ID column caught by '.'? leave it out with '- " + column + "', or raise "
                + "{MAX_LEVELS}";
    }

    /** The data column of the factor. */
    public String column() {
        return column;
    }

    /** The same error, with the exact number of distinct values. */
    public BadInputException withCount(long count) {
        return new BadInputException(message(variable, column, maxLevels, Long.toString(count)), this);
    }
}
