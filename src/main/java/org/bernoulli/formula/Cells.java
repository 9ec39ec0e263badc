package org.bernoulli.formula;

/**
 * One row's cells as a {@link Design} reads them, by the position of the column in
 * {@link Design#columns()}. A reader adapts its own row (CSV cells, a Spark row) to this view;
 * {@link #number} and {@link #bool} are only asked of columns of those kinds, and no cell is read
 * unless {@link #missing} said it is there.
 */
public interface Cells {

    /** Whether the cell is missing (an empty cell, {@code NA}, a value of {@code NA_VALUES}, a null). */
    boolean missing(int column);

    /** The cell of a {@link ColumnKind#NUMBER} column; throws {@link org.bernoulli.data.RecordFormatException}
     * when it is not a number. */
    double number(int column);

    /** The cell as text, for a level. */
    String text(int column);

    /** The cell of a {@link ColumnKind#BOOLEAN} column. */
    boolean bool(int column);
}
