package org.bernoulli.data;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.util.Arrays;
import java.util.List;

/**
 * Parses CSV data lines against a {@link CsvSchema}: every line must have exactly the header's
 * number of cells; the label, weight and feature cells must be numbers (no empty cells: a missing
 * value is an error, never a silent zero). Uses the univocity CSV parser that Spark's own CSV
 * source uses, so quoting follows the same rules.
 */
public final class CsvRowParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final CsvSchema schema;
    private transient CsvParser parser;

    public CsvRowParser(CsvSchema schema) {
        this.schema = schema;
    }

    /** Splits one line into cells (also used for the header). */
    public String[] cells(String line) {
        if (parser == null) {
            parser = newParser(schema.header().size());
        }
        String[] cells = parser.parseLine(line);
        return cells == null ? new String[0] : cells;
    }

    /** Splits a header line into column names. */
    public static List<String> headerCells(String line) {
        String[] cells = newParser(Math.max(512, line.length() + 1)).parseLine(line);
        return cells == null ? List.of() : Arrays.asList(cells);
    }

    /** Blank lines hold no example. */
    @Override
    public boolean isSkippable(String line) {
        return line.isBlank();
    }

    @Override
    public boolean hasHeader() {
        return true;
    }

    /** Each file of a CSV input starts with the same header. */
    @Override
    public void checkHeader(String line) {
        List<String> found = Arrays.asList(cells(line));
        if (!found.equals(schema.header())) {
            throw new RecordFormatException("header " + found + " differs from the header of the first file "
                    + schema.header());
        }
    }

    /**
     * Parses one data line.
     *
     * @throws RecordFormatException naming the column and the offending value
     */
    @Override
    public LabeledRow parse(String line) {
        String[] cells = cells(line);
        List<String> header = schema.header();
        if (cells.length != header.size()) {
            throw new RecordFormatException("expected " + header.size() + " cells as in the header, found " + cells.length);
        }
        double label = Values.label(cell(cells, schema.labelIndex()));
        double weight = schema.weightIndex() < 0 ? 1.0
                : Values.weight(cell(cells, schema.weightIndex()), header.get(schema.weightIndex()));
        int[] featureIndices = schema.featureIndices();
        int[] indices = new int[featureIndices.length];
        double[] values = new double[featureIndices.length];
        int n = 0;
        for (int j = 0; j < featureIndices.length; j++) {
            int column = featureIndices[j];
            double v = Values.feature(cell(cells, column), "'" + header.get(column) + "'");
            if (v != 0.0) {
                indices[n] = j;
                values[n] = v;
                n++;
            }
        }
        return new LabeledRow(label, weight, Arrays.copyOf(indices, n), Arrays.copyOf(values, n));
    }

    private String cell(String[] cells, int column) {
        String v = cells[column];
        if (v == null || v.isBlank()) {
            throw new RecordFormatException("column '" + schema.header().get(column) + "' is empty; expected a number");
        }
        return v;
    }

    private static CsvParser newParser(int maxColumns) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setMaxColumns(Math.max(512, maxColumns + 16));
        settings.setMaxCharsPerColumn(-1);
        settings.setLineSeparatorDetectionEnabled(false);
        settings.getFormat().setLineSeparator("\n");
        settings.setNullValue(null);
        settings.setEmptyValue(null);
        return new CsvParser(settings);
    }
}
