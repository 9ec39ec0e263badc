package org.bernoulli.inference;

/**
 * The clusters a cluster-robust covariance sums the scores over ({@code train CLUSTER_COLUMN}).
 *
 * @param column   the column whose values name the clusters
 * @param clusters G, the number of distinct values among the rows used; at least 2
 */
public record Clustering(String column, long clusters) {

    public Clustering {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("a clustering needs its column");
        }
        if (clusters < 2) {
            throw new IllegalArgumentException("a cluster-robust covariance needs at least 2 clusters, got "
                    + clusters);
        }
    }
}
