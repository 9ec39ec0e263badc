package org.bernoulli.data;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one CSV line into cells with the univocity parser that Spark's own CSV source uses, so
 * quoting follows the same rules. Empty cells come back as null. Serializable; the parser itself
 * is created lazily on the executor.
 */
public final class CsvLineSplitter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxColumns;
    private transient CsvParser parser;

    /** @param expectedColumns the header's column count (lines with more still split, for the error message) */
    public CsvLineSplitter(int expectedColumns) {
        this.maxColumns = Math.max(512, expectedColumns + 16);
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
            parser = new CsvParser(settings);
        }
        String[] cells = parser.parseLine(line);
        return cells == null ? new String[0] : cells;
    }

    /** Splits a header line into column names. */
    public static List<String> header(String line) {
        return Arrays.asList(new CsvLineSplitter(line.length() + 1).split(line));
    }
}
