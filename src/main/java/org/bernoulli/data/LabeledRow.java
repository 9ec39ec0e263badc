package org.bernoulli.data;

import java.io.Serializable;

/**
 * One parsed example: label in {0, 1}, case weight, and its non-zero features as 0-based indices
 * (strictly ascending) with their values. Rows exist only while input is read; training works on
 * {@link FeatureBlock}s.
 */
public record LabeledRow(double label, double weight, int[] indices, double[] values) implements Serializable {

    public LabeledRow {
        if (indices.length != values.length) {
            throw new IllegalStateException(indices.length + " indices but " + values.length + " values");
        }
    }

    /** One more than the largest feature index used, 0 for a row without non-zeros. */
    public int width() {
        return indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
    }
}
