package org.bernoulli.data;

import java.util.List;

/**
 * Parses CSV data lines against a {@link CsvSchema}: every line must have exactly the header's
 * number of cells; the label, weight, offset and feature cells must be numbers (no empty cells: a missing
 * value is an error, never a silent zero). Cells are split by {@link CsvLineSplitter}.
 */
public final class CsvRowParser extends CsvLines {
    private static final long serialVersionUID = 1L;

    private final CsvSchema schema;
    private final LabelCoding labels;

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
