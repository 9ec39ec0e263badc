package org.bernoulli.formula;

import org.bernoulli.data.CsvLines;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.Values;

import java.util.List;
import java.util.function.Consumer;

/**
 * Parses CSV lines through a {@link Design}: each line's cells coded into its model row. A row
 * with a missing value is an error naming the column ({@code NA_ACTION fail}) or is left out
 * ({@code omit}; the level scan counted it); a row of binomial counts becomes its two Bernoulli
 * rows ({@link BinomialTotals} says why that is exact).
 */
public final class FormulaLineParser extends CsvLines {
    private static final long serialVersionUID = 1L;

    private final Design design;
    private final NaAction naAction;
    private final TextCells cells;
    private transient EncodedRow row;

    public FormulaLineParser(List<String> header, Design design, NaAction naAction) {
        super(header);
        this.design = design;
        this.naAction = naAction;
        this.cells = new TextCells(header, design.columns(), design.encoding().naValues());
    }

    @Override
    public LabeledRow parse(String line) {
        LabeledRow[] one = new LabeledRow[1];
        parse(line, r -> {
            if (one[0] != null) {
                throw new IllegalStateException("a row of counts is two examples; use parse(line, out)");
            }
            one[0] = r;
        });
        return one[0];
    }

    @Override
    public void parse(String line, Consumer<LabeledRow> out) {
        String[] split = dataCells(line);
        if (row == null) {
            row = new EncodedRow();
        }
        if (!design.encode(cells.reset(split), row, Values.MAX_TRAINING_MAGNITUDE)) {
            if (naAction == NaAction.FAIL) {
                throw new RecordFormatException(missingMessage(row.missingColumn));
            }
            return;
        }
        emit(row, out);
    }

    /**
     * A data line's cells as the design reads them (a view reused from line to line), for a pass that
     * codes the rows itself (marginal effects).
     *
     * @throws RecordFormatException when the line has more or fewer cells than the header
     */
    public Cells rowCells(String line) {
        return cells.reset(dataCells(line));
    }

    /** Adds a line's counts to {@code totals} (a line with a missing value adds nothing). */
    public void addCounts(String line, BinomialTotals totals) {
        String[] split = cells(line);
        if (row == null) {
            row = new EncodedRow();
        }
        if (split.length == header().size() && design.encode(cells.reset(split), row, Values.MAX_TRAINING_MAGNITUDE)) {
            totals.add(row.successes, row.failures, row.weight);
        }
    }

    /**
     * What counts as missing, in words that name no setting: scoring writes them into data (a rejected
     * row's reason), read by whatever door.
     */
    public static final String MISSING_CELLS = "an empty cell, NA, a value given as missing, or a null";

    /** The message of a missing value under {@code NA_ACTION fail}. */
    public static String missingMessage(String column) {
        return missing(column) + "; the fit uses it: give {NA_ACTION=omit} to leave such rows out, as R's na.omit";
    }

    /**
     * The error of a missing value in a table read without a formula, where no NA action applies: how
     * to leave such rows out.
     */
    public static String missingWithoutFormula(String column, String label) {
        return missing(column) + "; without {FORMULA} a missing value is an error: to leave such rows out, train "
                + "with a formula and {NA_ACTION=omit} ({FORMULA} '" + RNames.symbol(label) + " ~ .')";
    }

    /** The reason a row to be scored is rejected for a missing value. */
    public static String missingForScoring(String column) {
        return missing(column) + "; the model's formula uses it";
    }

    private static String missing(String column) {
        return "column '" + column + "' is missing (" + MISSING_CELLS + ")";
    }

    /** The Bernoulli rows of a coded row: one, or for counts its successes and its failures. */
    public static void emit(EncodedRow row, Consumer<LabeledRow> out) {
        int[] indices = row.indicesCopy();
        double[] values = row.valuesCopy();
        if (Double.isNaN(row.label)) {
            if (row.successes * row.weight > 0) {
                out.accept(new LabeledRow(1.0, row.successes * row.weight, indices, values, row.offset));
            }
            if (row.failures * row.weight > 0) {
                out.accept(new LabeledRow(0.0, row.failures * row.weight, indices, values, row.offset));
            }
        } else {
            out.accept(new LabeledRow(row.label, row.weight, indices, values, row.offset));
        }
    }
}
