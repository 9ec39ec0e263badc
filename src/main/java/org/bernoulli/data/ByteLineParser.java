package org.bernoulli.data;

/**
 * A {@link LineParser} that also reads a data line straight from the bytes of its file (UTF-8) when
 * the line is in the plain form it knows — for numeric CSV, ASCII cells without quotes, each used cell
 * a number of the README's grammar within the limits — with no string, cell or row object made. Any
 * other line (a header, a blank line, a quoted cell, a bad value) is declined, and its reader decodes it
 * and parses it as text, which gives the rows or the error the text path always gives: the two paths
 * make the same rows from the same line.
 */
public interface ByteLineParser extends LineParser {

    /**
     * Parses the data line {@code bytes[start, end)} (no line break) into {@code sink} when it is in the
     * plain form; else adds nothing.
     *
     * @return whether the line was parsed
     */
    boolean parse(byte[] bytes, int start, int end, RowSink sink);
}
