package org.bernoulli.data;

import java.io.Serializable;

/**
 * The cluster of each row of a block ({@code train CLUSTER_COLUMN}): the block's distinct cluster
 * values once each, and per row the position of its value — rows of one cluster share one string.
 *
 * @param keys  the distinct cluster values of the block, in order of first appearance
 * @param ofRow for each row, its cluster's position in {@code keys}
 */
public record ClusterKeys(String[] keys, int[] ofRow) implements Serializable {

    public ClusterKeys {
        for (int k : ofRow) {
            if (k < 0 || k >= keys.length) {
                throw new IllegalStateException("cluster position " + k + " outside the block's " + keys.length
                        + " clusters");
            }
        }
    }

    /** The cluster of row i. */
    public String of(int i) {
        return keys[ofRow[i]];
    }
}
