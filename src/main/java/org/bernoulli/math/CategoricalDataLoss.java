package org.bernoulli.math;

import org.bernoulli.data.FeatureBlock;

import java.util.List;

/**
 * The data term of a model of K classes: the mean categorical cross-entropy
 * −(1/W) Σ wᵢ log p_{i,yᵢ} and its derivatives over a data set's blocks, wherever they live — each
 * evaluation one {@link BlockReduction} pass of a {@link SoftmaxAggregator}, sent the parameters as
 * its shared value. The parameters are baseline-category, (K − 1)(d + 1) of them
 * ({@link SoftmaxAggregator}).
 */
public final class CategoricalDataLoss {
    private final BlockReduction<FeatureBlock> blocks;
    private final int classes;
    private final int numFeatures;

    /**
     * @param blocks      the blocks, labels the class indices 0 … K − 1
     * @param classes     K ≥ 2
     * @param numFeatures d
     */
    public CategoricalDataLoss(BlockReduction<FeatureBlock> blocks, int classes, int numFeatures) {
        if (classes < 2) {
            throw new IllegalArgumentException("a categorical likelihood needs two classes or more, got " + classes);
        }
        this.blocks = blocks;
        this.classes = classes;
        this.numFeatures = numFeatures;
    }

    /** The data term of blocks held in this JVM. */
    public static CategoricalDataLoss inMemory(List<FeatureBlock> blocks, int classes, int numFeatures) {
        return new CategoricalDataLoss(new LocalBlocks<>(blocks), classes, numFeatures);
    }

    /** K. */
    public int classes() {
        return classes;
    }

    /** d, the features of each class's linear predictor. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The number of parameters, (K − 1)(d + 1). */
    public int parameters() {
        return SoftmaxAggregator.parameters(classes, numFeatures);
    }

    /**
     * The mean loss and its gradient at θ (one pass); with {@code withInformation}, the Fisher
     * information per unit weight too, in the same pass.
     */
    public LossEvaluation evaluate(double[] packed, boolean withInformation) {
        int k = classes;
        int d = numFeatures;
        int p = parameters();
        SoftmaxAggregator.Matrix matrix = withInformation ? SoftmaxAggregator.Matrix.INFORMATION
                : SoftmaxAggregator.Matrix.NONE;
        long size = 16L * p + (withInformation ? 8L * p * p : 0);
        return blocks.reduce("categorical loss and gradient" + (withInformation ? " and information" : ""),
                packed.clone(), size, v -> new SoftmaxAggregator(k, d, matrix), (a, block, v) -> a.add(block, v),
                SoftmaxAggregator::merge).result();
    }

    /**
     * The rows and total weight of each class, counting rows of positive weight (one pass).
     *
     * @param rows    rows of each class
     * @param weights Wₖ, the total weight of each class
     */
    public record ClassTotals(long[] rows, double[] weights) implements java.io.Serializable {
        /** Rows of positive weight. */
        public long totalRows() {
            long n = 0;
            for (long r : rows) {
                n += r;
            }
            return n;
        }
    }

    /** {@link ClassTotals} of the data, in one pass. */
    public ClassTotals classTotals() {
        int k = classes;
        double[] sums = blocks.reduce("rows of each class", 0, 16L * k, v -> new double[2 * k], (a, block, v) -> {
            for (int i = 0; i < block.rows(); i++) {
                double w = block.weight(i);
                double y = block.label(i);
                int c = (int) y;
                if (c != y || c < 0 || c >= k) {
                    throw new IllegalArgumentException("label " + y + " is not a class index 0.." + (k - 1));
                }
                if (w > 0) {
                    a[c] += w;
                    a[k + c] += 1;
                }
            }
            return a;
        }, (a, b) -> {
            BlockReduction.addInto(a, b);
            return a;
        });
        long[] rows = new long[k];
        for (int c = 0; c < k; c++) {
            rows[c] = Math.round(sums[k + c]);
        }
        return new ClassTotals(rows, java.util.Arrays.copyOf(sums, k));
    }

    /**
     * A block's margins ηₖ of the non-reference classes at the baseline-category parameters θ,
     * [class][row] (a new array per block).
     */
    public static double[][] margins(FeatureBlock block, double[] packed, int classes) {
        int m = classes - 1;
        int q = packed.length / m;
        double[][] eta = new double[m][block.rows()];
        for (int k = 0; k < m; k++) {
            block.margins(java.util.Arrays.copyOfRange(packed, k * q, (k + 1) * q), eta[k]);
        }
        return eta;
    }

    /**
     * How many rows each class takes with a fitted probability numerically 1 at θ (the largest class's
     * probability within {@link LossAggregator#EXTREME_PROBABILITY} of 1), by the row's most probable
     * class: the classes a fit whose probabilities run to 0 or 1 separates (one pass).
     */
    public long[] certainRows(double[] packed) {
        int k = classes;
        double[] counts = blocks.reduce("rows of certain class", packed.clone(), 8L * k, v -> new double[k],
                (a, block, v) -> {
                    int n = block.rows();
                    double[][] eta = margins(block, v, k);
                    double[] row = new double[k - 1];
                    double[] logP = new double[k];
                    for (int i = 0; i < n; i++) {
                        if (block.weight(i) == 0.0) {
                            continue;
                        }
                        for (int c = 0; c < k - 1; c++) {
                            row[c] = eta[c][i];
                        }
                        int best = Softmax.mostProbable(row, k);
                        Softmax.logProbabilities(row, logP);
                        // log p ≥ log(1 − ε) ≈ −ε: the row is numerically certain of its class.
                        if (logP[best] > -LossAggregator.EXTREME_PROBABILITY) {
                            a[best] += 1;
                        }
                    }
                    return a;
                }, (a, b) -> {
                    BlockReduction.addInto(a, b);
                    return a;
                });
        long[] out = new long[k];
        for (int c = 0; c < k; c++) {
            out[c] = Math.round(counts[c]);
        }
        return out;
    }

    /**
     * The meat of the cluster-robust sandwich at θ: Σ_g S_g S_gᵀ over the rows' clusters, with G — one
     * pass, one aggregation by cluster.
     */
    public ClusterScoreOuterProducts clusterScoreOuterProducts(double[] packed) {
        int k = classes;
        int d = numFeatures;
        int p = parameters();
        return blocks.reduceByKey("the clusters' scores (cluster sandwich covariance)", packed.clone(), 8L * p * p,
                (block, v, out) -> SoftmaxAggregator.clusterScores(block, v, k, d, out),
                v -> ClusterScoreOuterProducts.forParameters(p), ClusterScoreOuterProducts::add,
                ClusterScoreOuterProducts::merge);
    }

    /** The meat of the sandwich covariance at θ: Σ sᵢsᵢᵀ of the rows' scores, total (one pass). */
    public double[] scoreOuterProducts(double[] packed) {
        int k = classes;
        int d = numFeatures;
        int p = parameters();
        return blocks.reduce("the scores' outer products (sandwich covariance)", packed.clone(), 8L * p * p,
                v -> new SoftmaxAggregator(k, d, SoftmaxAggregator.Matrix.SCORE_PRODUCTS),
                (a, block, v) -> a.add(block, v), SoftmaxAggregator::merge).scoreProducts();
    }
}
