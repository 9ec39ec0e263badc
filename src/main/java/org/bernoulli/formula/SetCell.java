package org.bernoulli.formula;

/**
 * A row with one cell replaced by a level — the counterfactual row of a discrete change: "this row,
 * had its education been 12+ yrs". The level is its label: text as is, a number parsed, TRUE/FALSE.
 */
final class SetCell implements Cells {
    private Cells row;
    private int column;
    private String level;

    /** This view over {@code row} with the cell of {@code column} set to {@code level} (reused from row to row). */
    SetCell reset(Cells row, int column, String level) {
        this.row = row;
        this.column = column;
        this.level = level;
        return this;
    }

    @Override
    public boolean missing(int c) {
        return c != column && row.missing(c);
    }

    @Override
    public double number(int c) {
        return c == column ? Double.parseDouble(level.replace("Inf", "Infinity")) : row.number(c);
    }

    @Override
    public String text(int c) {
        return c == column ? level : row.text(c);
    }

    @Override
    public boolean bool(int c) {
        return c == column ? level.equals("TRUE") : row.bool(c);
    }
}
