package org.bernoulli.math;

import org.bernoulli.data.ClusterKeys;
import org.bernoulli.data.FeatureBlock;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * The meat of the cluster-robust sandwich, M = Σ_g S_g S_gᵀ with a cluster's score
 * S_g = Σ_{i∈g} sᵢ, sᵢ = wᵢ(yᵢ − σ(zᵢ))x̃ᵢ, x̃ᵢ = (xᵢ, 1) — R's {@code sandwich::meatCL} times n,
 * Stata's {@code vce(cluster)} — and G, the number of clusters. Computed as one
 * {@link BlockReduction#reduceByKey} pass: {@link #sums} gives a block's S_g per cluster (d + 1
 * numbers each), the totals are folded here one cluster at a time. Plain sums, like the Hessian;
 * total, raw scale, intercept last.
 */
public final class ClusterScoreOuterProducts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numFeatures;
    private double[] upper;
    private long clusters;

    public ClusterScoreOuterProducts(int numFeatures) {
        this.numFeatures = numFeatures;
    }

    /**
     * The sum of the clusters' score outer products for scores of {@code parameters} values each
     * (a model of more than two classes: (K − 1)(d + 1)), folded as {@link #add} does.
     */
    public static ClusterScoreOuterProducts forParameters(int parameters) {
        return new ClusterScoreOuterProducts(parameters - 1);
    }

    /**
     * A block's cluster scores S_g at θ = {@code packed}, one array of d + 1 per cluster of the block.
     *
     * @throws IllegalStateException for a block without clusters
     */
    public static void sums(FeatureBlock block, double[] packed, BiConsumer<String, double[]> out) {
        ClusterKeys keys = block.clusters();
        if (keys == null) {
            throw new IllegalStateException("the rows have no clusters ({CLUSTER_COLUMN})");
        }
        int rows = block.rows();
        int n = packed.length;
        double[] r = new double[rows];
        block.margins(packed, r);
        for (int i = 0; i < rows; i++) {
            r[i] = block.weight(i) * Logistic.residual(r[i], block.label(i));
        }
        double[][] scores = new double[keys.keys().length][n];
        int[] of = keys.ofRow();
        for (int i = 0; i < rows; i++) {
            scores[of[i]][n - 1] += r[i];
        }
        block.forEachValue((i, j, v) -> scores[of[i]][j] += r[i] * v);
        for (int g = 0; g < scores.length; g++) {
            out.accept(keys.keys()[g], scores[g]);
        }
    }

    /** Adds one cluster's score S_g. */
    public ClusterScoreOuterProducts add(double[] score) {
        int n = numFeatures + 1;
        if (upper == null) {
            upper = new double[n * n];
        }
        for (int j = 0; j < n; j++) {
            double sj = score[j];
            if (sj != 0.0) {
                for (int k = j; k < n; k++) {
                    upper[j * n + k] += sj * score[k];
                }
            }
        }
        clusters++;
        return this;
    }

    public ClusterScoreOuterProducts merge(ClusterScoreOuterProducts other) {
        if (other.upper != null) {
            if (upper == null) {
                upper = other.upper.clone();
            } else {
                BlockReduction.addInto(upper, other.upper);
            }
        }
        clusters += other.clusters;
        return this;
    }

    /** G, the number of clusters. */
    public long clusters() {
        return clusters;
    }

    /** M, n×n row-major, symmetric. */
    public double[] result() {
        return ScoreOuterProductAggregator.symmetric(upper, numFeatures + 1);
    }
}
