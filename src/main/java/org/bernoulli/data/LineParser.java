package org.bernoulli.data;

import java.io.Serializable;

/** Turns the text lines of one input format into examples. */
public interface LineParser extends TextFormat, Serializable {

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

    /**
     * One line of a file as every reader of text takes it: checked as the header when it is the
     * file's first and the format has one, skipped when it holds no example, else parsed into
     * {@code out}.
     *
     * @param firstOfFile whether the line is its file's first
     * @throws RecordFormatException saying what is wrong with the line; the caller knows where it is
     */
    default void read(boolean firstOfFile, String line, java.util.function.Consumer<LabeledRow> out) {
        switch (role(firstOfFile, line)) {
            case HEADER -> checkHeader(line);
            case DATA -> parse(line, out);
            case SKIP -> { }
        }
    }
}
