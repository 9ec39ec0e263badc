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
        // Most data lines quote nothing: split them here, as univocity would, without its per-line set-up.
        if (!trim && !line.isEmpty() && line.indexOf('"') < 0 && line.indexOf('#') < 0) {
            return splitUnquoted(line);
        }
        if (hasUnclosedQuote(line)) {
            throw new RecordFormatException("a quoted cell is not closed on this line (a line break inside quotes?); "
                    + "CSV is read one line at a time, so a cell or name cannot hold a line break");
        }
        return byUnivocity(line);
    }

    /** The cells as univocity splits the line. */
    String[] byUnivocity(String line) {
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

    /**
     * The cells of a line without quotes (nor univocity's comment mark {@code #}): the text between
     * commas as written, an empty cell null.
     */
    static String[] splitUnquoted(String line) {
        int cells = 1;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            cells++;
        }
        String[] out = new String[cells];
        int start = 0;
        for (int k = 0; k < cells; k++) {
            int end = k == cells - 1 ? line.length() : line.indexOf(',', start);
            out[k] = end == start ? null : line.substring(start, end);
            start = end + 1;
        }
        return out;
    }

    /**
     * Whether a cell of the line opens a quote (its first character, blanks aside) that the line does
     * not close — univocity would read such a cell to the end of the line and garble the rest.
     */
    static boolean hasUnclosedQuote(String line) {
        boolean cellStart = true;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i++; // an escaped quote
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == ',') {
                cellStart = true;
            } else if (cellStart && c == '"') {
                quoted = true;
                cellStart = false;
            } else if (cellStart && (c == ' ' || c == '\t')) {
                continue;
            } else {
                cellStart = false;
            }
        }
        return quoted;
    }

    /** Splits a header line into column names. */
    public static List<String> header(String line) {
        return Arrays.asList(new CsvLineSplitter(line.length() + 1, true).split(line));
    }
}
