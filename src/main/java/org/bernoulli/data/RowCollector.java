package org.bernoulli.data;

import java.util.Arrays;

/** A {@link FeatureSink} that collects one row's features into a {@link LabeledRow}. */
final class RowCollector implements FeatureSink {
    private int[] indices = new int[16];
    private double[] values = new double[16];
    private int n;

    @Override
    public void accept(int index, double value) {
        if (n == indices.length) {
            indices = Arrays.copyOf(indices, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        indices[n] = index;
        values[n] = value;
        n++;
    }

    LabeledRow toRow(double label, double weight) {
        return toRow(label, weight, 0.0);
    }

    LabeledRow toRow(double label, double weight, double offset) {
        return new LabeledRow(label, weight, Arrays.copyOf(indices, n), Arrays.copyOf(values, n), offset);
    }
}
