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
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        // Never converted: the schema check refuses such columns before any row is read.
        throw new org.bernoulli.data.RecordFormatException("column " + (row.schema() == null ? "#" + (column + 1)
                : "'" + row.schema().fieldNames()[column] + "'") + " holds "
                + v.getClass().getSimpleName() + " '" + org.bernoulli.data.Values.echo(String.valueOf(v))
                + "', not a number");
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
