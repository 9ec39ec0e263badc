package org.bernoulli.data;

/**
 * Where a parser that reads bytes puts a row, without making a {@link LabeledRow} of it: its label,
 * weight and offset, and its non-zero feature values as indices (ascending) and values — arrays the
 * parser reuses, read before this returns.
 */
public interface RowSink {
    void add(double label, double weight, double offset, int[] indices, double[] values, int count);
}
