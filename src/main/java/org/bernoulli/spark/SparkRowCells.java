package org.bernoulli.spark;

import org.apache.spark.sql.Row;
import org.bernoulli.formula.Cells;

/**
 * A Spark row as a {@link org.bernoulli.formula.Design} reads it: the design's columns are the
 * row's first fields, in order; a null is missing. Reused from row to row.
 */
public final class SparkRowCells implements Cells, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private transient Row row;


    public SparkRowCells reset(Row r) {
        this.row = r;
        return this;
    }

    @Override
    public boolean missing(int column) {
        return row.isNullAt(column);
    }

    @Override
    public double number(int column) {
        Object v = row.get(column);
        return v instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) v).doubleValue();
    }

    @Override
    public String text(int column) {
        return row.get(column).toString();
    }

    @Override
    public boolean bool(int column) {
        return row.getBoolean(column);
    }
}
