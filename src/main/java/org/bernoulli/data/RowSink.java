package org.bernoulli.data;

/**
 * Where a parser that reads bytes puts a row, without making a {@link LabeledRow} of it: its label,
 * weight and offset, and all its feature values, zeros included, in an array the parser reuses, read
 * before this returns.
 */
public interface RowSink {
    void add(double label, double weight, double offset, double[] values, int count);
}
