package org.bernoulli.data;

import java.util.List;

/**
 * Parses CSV data lines against a {@link CsvSchema}: every line must have exactly the header's
 * number of cells; the label, weight, offset and feature cells must be numbers (no empty cells: a missing
 * value is an error, never a silent zero). Cells are split by {@link CsvLineSplitter}.
 */
public final class CsvRowParser extends CsvLines implements ByteLineParser {
    private static final long serialVersionUID = 1L;

    private static final long COMMA = ByteWords.broadcast(',');
    private static final long QUOTE = ByteWords.broadcast('"');
    private static final long HASH = ByteWords.broadcast('#');

    private final CsvSchema schema;
    private final LabelCoding labels;
    /** Per line of {@link #parse(byte[], int, int, RowSink)}: where each cell starts and ends, and the row's values. */
    private transient int[] cellStart;
    private transient int[] cellEnd;
    private transient double[] rowValues;

    public CsvRowParser(CsvSchema schema) {
        this(schema, LabelCoding.BINARY);
    }

    /** A parser whose label column codes the classes as {@code labels} says. */
    public CsvRowParser(CsvSchema schema, LabelCoding labels) {
        super(schema.header());
        this.schema = schema;
        this.labels = labels;
    }

    /**
     * Parses one data line.
     *
     * @throws RecordFormatException naming the column and the offending value
     */
    @Override
    public LabeledRow parse(String line) {
        String[] cells = dataCells(line);
        List<String> header = schema.header();
        double label = labels.parse(cell(cells, schema.labelIndex(), header));
        double weight = schema.weightIndex() < 0 ? 1.0
                : Values.weight(cell(cells, schema.weightIndex(), header), header.get(schema.weightIndex()));
        double offset = schema.offsetIndex() < 0 ? 0.0
                : Values.feature(cell(cells, schema.offsetIndex(), header), "offset '" + header.get(schema.offsetIndex())
                + "'", Values.MAX_TRAINING_MAGNITUDE);
        RowCollector row = new RowCollector();
        try {
            parseFeatures(cells, header, schema.featureIndices(), row, Values.MAX_TRAINING_MAGNITUDE);
        } catch (RecordFormatException e) {
            if (!e.getMessage().endsWith("is not a number")) {
                throw e;
            }
            throw new RecordFormatException(e.getMessage() + "; without {FORMULA} every feature must be a number: a "
                    + "column of text needs {FORMULA} (e.g. {FORMULA} '" + header.get(schema.labelIndex()) + " ~ .', "
                    + "where text columns become factors)");
        }
        return row.toRow(label, weight, offset);
    }

    /**
     * A binary label, a weight and an offset if the schema has them, and the features, each cell a plain
     * number within its limits ({@link Values#decimal}), in a line of ASCII without quotes or
     * univocity's comment mark, with as many cells as the header: parsed in place; anything else is
     * declined, for the text path (another label coding included).
     */
    @Override
    public boolean parse(byte[] bytes, int start, int end, RowSink sink) {
        int columns = schema.header().size();
        if (labels != LabelCoding.BINARY || start == end) {
            return false;
        }
        if (cellStart == null) {
            cellStart = new int[columns];
            cellEnd = new int[columns];
            rowValues = new double[schema.featureIndices().length];
        }
        int cell = 0;
        cellStart[0] = start;
        int i = start;
        // Eight bytes at a time: declined at a quote, a comment mark or a byte beyond ASCII; each comma
        // found in the word ends a cell.
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = ByteWords.word(bytes, i);
            if (((word & ByteWords.HIGH_BITS) | ByteWords.equalBytes(word, QUOTE) | ByteWords.equalBytes(word, HASH))
                    != 0) {
                return false;
            }
            for (long commas = ByteWords.equalBytes(word, COMMA); commas != 0; commas &= commas - 1) {
                if (!endCell(cell++, i + ByteWords.firstByte(commas), columns)) {
                    return false;
                }
            }
        }
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == ',') {
                if (!endCell(cell++, i, columns)) {
                    return false;
                }
            } else if (b < 0 || b == '"' || b == '#') {
                return false;
            }
        }
        if (cell != columns - 1) {
            return false;
        }
        cellEnd[cell] = end;
        int at = schema.labelIndex();
        double label = Values.binaryClass(Values.decimal(bytes, cellStart[at], cellEnd[at]));
        if (Double.isNaN(label)) {
            return false;
        }
        double weight = 1.0;
        if (schema.weightIndex() >= 0) {
            at = schema.weightIndex();
            weight = Values.decimal(bytes, cellStart[at], cellEnd[at]);
            if (!(weight >= 0.0 && weight <= Values.MAX_TRAINING_MAGNITUDE)) {
                return false;
            }
        }
        double offset = 0.0;
        if (schema.offsetIndex() >= 0) {
            at = schema.offsetIndex();
            offset = Values.decimal(bytes, cellStart[at], cellEnd[at]);
            if (!(Math.abs(offset) <= Values.MAX_TRAINING_MAGNITUDE)) {
                return false;
            }
        }
        int[] features = schema.featureIndices();
        for (int j = 0; j < features.length; j++) {
            at = features[j];
            double v = Values.decimal(bytes, cellStart[at], cellEnd[at]);
            if (!(Math.abs(v) <= Values.MAX_TRAINING_MAGNITUDE)) {
                return false; // not a number, not finite or too large: the text path says which
            }
            rowValues[j] = v;
        }
        sink.add(label, weight, offset, rowValues, features.length);
        return true;
    }

    /** Ends cell {@code cell} at the comma at {@code at}; false when the line has more cells than the header. */
    private boolean endCell(int cell, int at, int columns) {
        if (cell + 1 == columns) {
            return false;
        }
        cellEnd[cell] = at;
        cellStart[cell + 1] = at + 1;
        return true;
    }

    /**
     * Parses the feature cells {@code columns[j]} of a row, handing each non-zero value to
     * {@code features} as feature j.
     *
     * @param limit the largest magnitude of a value ({@link Values#MAX_TRAINING_MAGNITUDE} for training)
     */
    public static void parseFeatures(String[] cells, List<String> header, int[] columns, FeatureSink features,
                                     double limit) {
        for (int j = 0; j < columns.length; j++) {
            int column = columns[j];
            double v = Values.feature(cell(cells, column, header), "'" + header.get(column) + "'", limit);
            if (v != 0.0) {
                features.accept(j, v);
            }
        }
    }

    /** The non-empty cell of a column, or an error naming the column. */
    public static String cell(String[] cells, int column, List<String> header) {
        String v = cells[column];
        if (v == null || v.isBlank()) {
            throw new RecordFormatException("column '" + header.get(column) + "' is empty; expected a number");
        }
        return v;
    }
}
