package org.bernoulli.data;

import java.io.Serializable;

/**
 * One parsed example: label in {0, 1}, case weight, its non-zero features as 0-based indices
 * (strictly ascending) with their values, its offset (a fixed term of the margin, 0 for most
 * data), and the cluster it belongs to ({@code CLUSTER_COLUMN}; null without). Rows exist only
 * while input is read; training works on {@link FeatureBlock}s.
 */
public record LabeledRow(double label, double weight, int[] indices, double[] values, double offset, String cluster)
        implements Serializable {

    public LabeledRow {
        if (indices.length != values.length) {
            throw new IllegalStateException(indices.length + " indices but " + values.length + " values");
        }
    }

    /** A row outside any cluster. */
    public LabeledRow(double label, double weight, int[] indices, double[] values, double offset) {
        this(label, weight, indices, values, offset, null);
    }

    /** A row without offset. */
    public LabeledRow(double label, double weight, int[] indices, double[] values) {
        this(label, weight, indices, values, 0.0);
    }

    /** The same row in cluster {@code key}. */
    public LabeledRow inCluster(String key) {
        return new LabeledRow(label, weight, indices, values, offset, key);
    }

    /** One more than the largest feature index used, 0 for a row without non-zeros. */
    public int width() {
        return indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
    }
}
