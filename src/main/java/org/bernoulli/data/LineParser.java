package org.bernoulli.data;

import java.io.Serializable;

/** Turns the text lines of one input format into examples. */
public interface LineParser extends Serializable {

    /** Whether a line holds no example (blank, or a comment where the format has them). */
    boolean isSkippable(String line);

    /** Whether every file starts with a header line. */
    boolean hasHeader();

    /**
     * Checks a file's first line against the expected header.
     *
     * @throws RecordFormatException when it differs
     */
    void checkHeader(String line);

    /**
     * Parses one line that is not skippable and not a header.
     *
     * @throws RecordFormatException saying what is wrong with it
     */
    LabeledRow parse(String line);

    /**
     * Parses one line into the examples it holds: one for most formats; none for a row left out
     * (a missing value under {@code NA_ACTION omit}); two for a row of binomial counts (its
     * successes and its failures, each with its weight).
     */
    default void parse(String line, java.util.function.Consumer<LabeledRow> out) {
        out.accept(parse(line));
    }
}
