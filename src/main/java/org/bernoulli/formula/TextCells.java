package org.bernoulli.formula;

import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.Values;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * A CSV row's cells as a {@link Design} reads them: the design's columns found in the line by
 * position, a cell missing when it is empty, {@code NA}, or one of {@code NA_VALUES}. Reused from
 * line to line ({@link #reset}).
 */
public final class TextCells implements Cells, Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] positions;
    private final String[] names;
    private final Set<String> naValues;
    private String[] line;

    /**
     * @param header   the file's columns
     * @param columns  the design's columns (each must be in the header; an absent one reads as missing)
     * @param naValues cells that mean missing besides the empty cell and {@code NA}
     */
    public TextCells(List<String> header, List<String> columns, List<String> naValues) {
        positions = new int[columns.size()];
        names = columns.toArray(new String[0]);
        for (int c = 0; c < positions.length; c++) {
            positions[c] = header.indexOf(columns.get(c));
        }
        this.naValues = new java.util.HashSet<>(naValues);
        this.naValues.add("NA");
    }

    public TextCells reset(String[] cells) {
        this.line = cells;
        return this;
    }

    /** The cells of the design's columns, null where missing (for a {@link LevelScan}). */
    public String[] values(String[] into) {
        for (int c = 0; c < positions.length; c++) {
            into[c] = missing(c) ? null : line[positions[c]];
        }
        return into;
    }

    @Override
    public boolean missing(int column) {
        int p = positions[column];
        if (p < 0) {
            return true;
        }
        String v = line[p];
        return v == null || v.isBlank() || naValues.contains(v.strip());
    }

    @Override
    public double number(int column) {
        String v = line[positions[column]];
        double x = Values.number(v);
        if (Double.isNaN(x)) {
            throw new RecordFormatException("column '" + names[column] + "': '" + Values.echo(v) + "' is not a number");
        }
        return x;
    }

    @Override
    public String text(int column) {
        return line[positions[column]];
    }

    @Override
    public boolean bool(int column) {
        return Boolean.parseBoolean(line[positions[column]].strip());
    }
}
