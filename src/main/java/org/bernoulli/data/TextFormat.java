package org.bernoulli.data;

/**
 * What the lines of a text format are: every file may start with a header, some lines hold no
 * example. {@link #role} is the one rule by which every reader of text — training on either engine,
 * scoring on either engine — tells a line's part.
 */
public interface TextFormat {

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

    /** A line's part in its file. */
    enum Role {
        /** The file's first line, where the format has a header: checked, never an example. */
        HEADER,
        /** A line without an example: passed over, not counted as read. */
        SKIP,
        /** A line to parse. */
        DATA
    }

    /** The part of {@code line}, its file's first when {@code firstOfFile}. */
    default Role role(boolean firstOfFile, String line) {
        return firstOfFile && hasHeader() ? Role.HEADER : isSkippable(line) ? Role.SKIP : Role.DATA;
    }
}
