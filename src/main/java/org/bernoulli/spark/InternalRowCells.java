package org.bernoulli.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.formula.Cells;

/**
 * A row of Spark's internal format as a {@link org.bernoulli.formula.Design} reads it: the
 * design's columns are the row's first fields, read by their schema types without boxing and
 * without turning every text cell into a Java string (only the cells a design looks at are). A
 * null is missing. Reused from row to row.
 */
final class InternalRowCells implements Cells, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final DataType[] types;
    private transient InternalRow row;

    /** @param schema the rows' schema; its first fields are the design's columns */
    InternalRowCells(StructType schema, int columns) {
        types = new DataType[columns];
        for (int c = 0; c < columns; c++) {
            types[c] = schema.fields()[c].dataType();
        }
    }

    InternalRowCells reset(InternalRow r) {
        this.row = r;
        return this;
    }

    @Override
    public boolean missing(int column) {
        return row.isNullAt(column);
    }

    @Override
    public double number(int column) {
        DataType t = types[column];
        if (t instanceof DoubleType) {
            return row.getDouble(column);
        }
        if (t instanceof LongType) {
            return row.getLong(column);
        }
        if (t instanceof IntegerType) {
            return row.getInt(column);
        }
        if (t instanceof FloatType) {
            return row.getFloat(column);
        }
        if (t instanceof ShortType) {
            return row.getShort(column);
        }
        if (t instanceof ByteType) {
            return row.getByte(column);
        }
        if (t instanceof DecimalType d) {
            return row.getDecimal(column, d.precision(), d.scale()).toDouble();
        }
        if (t instanceof BooleanType) {
            return row.getBoolean(column) ? 1.0 : 0.0;
        }
        throw new IllegalStateException("column " + column + " of type " + t.simpleString() + " is not a number");
    }

    @Override
    public String text(int column) {
        return row.getUTF8String(column).toString();
    }

    @Override
    public boolean bool(int column) {
        return row.getBoolean(column);
    }
}
