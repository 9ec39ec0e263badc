package org.bernoulli.data;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one CSV line into cells with the univocity parser that Spark's own CSV source uses, so
 * quoting follows the same rules. Empty cells come back as null. A data cell is kept as written,
 * blanks included — as R's {@code read.csv} and Spark's CSV source read it — so that the levels
 * {@code a}, {@code " a"} and {@code "a "} stay apart (numbers, labels and weights allow blanks
 * around them; a cell of blanks is missing); a header's unquoted names lose the blanks around them.
 * Serializable; the parser itself is created lazily on the executor.
 */
public final class CsvLineSplitter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxColumns;
    private final boolean trim;
    private transient CsvParser parser;

    /** @param expectedColumns the header's column count (lines with more still split, for the error message) */
    public CsvLineSplitter(int expectedColumns) {
        this(expectedColumns, false);
    }

    private CsvLineSplitter(int expectedColumns, boolean trim) {
        this.maxColumns = Math.max(512, expectedColumns + 16);
        this.trim = trim;
    }

    public String[] split(String line) {
        if (parser == null) {
            CsvParserSettings settings = new CsvParserSettings();
            settings.setMaxColumns(maxColumns);
            settings.setMaxCharsPerColumn(-1);
            settings.setLineSeparatorDetectionEnabled(false);
            settings.getFormat().setLineSeparator("\n");
            settings.setNullValue(null);
            settings.setEmptyValue(null);
            settings.setIgnoreLeadingWhitespaces(trim);
            settings.setIgnoreTrailingWhitespaces(trim);
            parser = new CsvParser(settings);
        }
        String[] cells = parser.parseLine(line);
        return cells == null ? new String[0] : cells;
    }

    /** Splits a header line into column names. */
    public static List<String> header(String line) {
        return Arrays.asList(new CsvLineSplitter(line.length() + 1, true).split(line));
    }
}
