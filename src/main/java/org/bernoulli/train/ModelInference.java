package org.bernoulli.train;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.inference.Aliasing;
import org.bernoulli.inference.Clustering;
import org.bernoulli.inference.ExcludedColumn;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.math.ClusterScoreOuterProducts;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.FeatureScaling;
import org.bernoulli.math.LossEvaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum-likelihood inference around a fit: which columns the data cannot determine (before the
 * fit, so they are held at 0 while fitting, as R's glm drops them), and the Wald summary after it
 * (one more pass for the information matrix, unless the fit's last pass already summed it).
 */
public final class ModelInference {

    private ModelInference() {
    }

    /** The rows used are all in one cluster: the caller names the data. */
    public static final class OneCluster extends BadInputException {
        private static final long serialVersionUID = 1L;

        OneCluster(String message) {
            super(message);
        }
    }

    /**
     * The columns held at 0: constant ones, and those aliased with the intercept and earlier columns,
     * from the information at the intercept-only starting point (one Hessian pass). There every pᵢ is the same, so I is
     * proportional to the weighted Gram matrix Σ wᵢx̃ᵢx̃ᵢᵀ and has the same dependent columns as at
     * any other point.
     */
    public static boolean[] aliasedColumns(DataLoss data, FeatureStatistics stats) {
        int d = data.numFeatures();
        double[] start = new double[d + 1];
        start[d] = Math.log(stats.positiveWeight() / stats.negativeWeight());
        LossEvaluation e = data.evaluate(start, true);
        boolean[] held = Aliasing.find(total(e), baseScaling(stats));
        // A constant column (an all-zero one: an empty cell) is held at 0 too: every fit around this one
        // — drop1's, the profiles' — leaves it out, and counts no degree of freedom for it.
        for (int j = 0; j < d; j++) {
            held[j] |= stats.isConstant(j);
        }
        return held;
    }

    /**
     * The Wald summary of a maximum-likelihood or L2-penalized fit, to Bernoulli rows or, with
     * {@code counts}, to binomial counts (each row's successes and failures entered as two weighted
     * Bernoulli rows), with the standard errors from {@code covariance}: for a robust one, one more
     * pass sums the scores' outer products at the estimate ({@link DataLoss#scoreOuterProducts}) — or,
     * when {@code clusterColumn} names the column the rows' clusters came from, the clusters' scores
     * ({@link DataLoss#clusterScoreOuterProducts}, one aggregation by cluster).
     *
     * @param counts        for binomial counts, what the summary needs of them; null for Bernoulli rows
     * @param clusterColumn the cluster column, or null
     * @throws OneCluster when the rows used are all in one cluster
     */
    public static WaldInference.Result summarize(DataLoss data, FeatureStatistics stats, Fit fit,
                                                 List<String> featureNames, double l2, boolean[] aliased,
                                                 org.bernoulli.inference.BinomialCounts counts,
                                                 org.bernoulli.inference.CovarianceType covariance,
                                                 String clusterColumn) {
        LossEvaluation e = fit.atSolution();
        double[] packed = java.util.Arrays.copyOf(fit.coefficients(), fit.coefficients().length + 1);
        packed[packed.length - 1] = fit.intercept();
        if (e.hessian() == null) {
            e = data.evaluate(packed, true);
        }
        if (covariance.robust() && counts != null) {
            throw new org.bernoulli.data.UsageException("{COVARIANCE} " + covariance.id() + " is not computed for "
                    + "binomial counts yet: a count's score is the sum of its successes' and failures' rows, which the "
                    + "sandwich would count as separate observations");
        }
        double[] meat = null;
        Clustering clustering = null;
        if (clusterColumn != null) {
            ClusterScoreOuterProducts clusters = data.clusterScoreOuterProducts(packed);
            if (clusters.clusters() < 2) {
                throw new OneCluster("{CLUSTER_COLUMN} '" + clusterColumn + "': the rows used are all in one "
                        + "cluster; cluster-robust standard errors need at least 2 clusters");
            }
            meat = clusters.result();
            clustering = new Clustering(clusterColumn, clusters.clusters());
        } else if (covariance.robust()) {
            meat = data.scoreOuterProducts(packed);
        }
        double[] information = total(e);
        int d = fit.coefficients().length;
        int n = d + 1;
        FeatureScaling scaling = baseScaling(stats).withFixed(aliased);
        if (l2 > 0) {
            // The penalized log-likelihood −W·(mean BCE + (λ/2)‖w‖²) has information W(H + λ·diag(1, …, 1, 0)).
            for (int j = 0; j < d; j++) {
                information[j * n + j] += e.weightSum() * l2;
            }
        }
        WaldInference.Method method = l2 > 0 ? WaldInference.Method.L2_PENALIZED
                : WaldInference.Method.MAXIMUM_LIKELIHOOD;
        return WaldInference.summarize(new WaldInference.Input(
                new WaldInference.Estimate(fit.intercept(), fit.coefficients(), featureNames), information, scaling,
                excluded(stats, aliased, featureNames),
                new WaldInference.Sample(stats.rows(), e.weightSum(), stats.positiveWeight(), counts),
                new WaldInference.Likelihood(-e.negLogLikelihood(), method, null, nullLogLikelihood(data, stats)),
                new WaldInference.Errors(covariance, meat, clustering)));
    }

    /** The summary with the joint Wald test of every formula term with several estimated columns. */
    public static WaldInference.Result withTermTests(WaldInference.Result summary, Fit fit, boolean[] aliased,
                                                      FeatureStatistics stats, org.bernoulli.formula.Design design) {
        int d = fit.coefficients().length;
        double[] packed = java.util.Arrays.copyOf(fit.coefficients(), d + 1);
        packed[d] = fit.intercept();
        List<org.bernoulli.inference.TermTest> tests = new java.util.ArrayList<>();
        for (org.bernoulli.formula.Design.Term term : design.terms()) {
            int[] columns = java.util.stream.IntStream.range(term.from(), term.to()).filter(j -> !aliased[j] && !stats.isConstant(j)).toArray();
            if (columns.length > 1) {
                tests.add(org.bernoulli.inference.TermTest.of(term.label(), columns, packed,
                        summary.inverse().covariance()));
            }
        }
        return tests.isEmpty() ? summary
                : new WaldInference.Result(summary.summary().withTermTests(tests), summary.inverse());
    }

    /**
     * log L₀ of the null model when the data has offsets: the intercept-only model with the
     * offsets, b₀ solving (1/W) Σ wᵢ(σ(b₀ + oᵢ) − yᵢ) = 0 — increasing in b₀, so found by bisection
     * and secant steps (Illinois) within a bracket, one pass per step, to |∂/∂b| ≤ 1e-15. Null without
     * offsets, where the closed form applies.
     */
    static Double nullLogLikelihood(DataLoss data, FeatureStatistics stats) {
        if (stats.offsetRows() == 0) {
            return null;
        }
        int d = data.numFeatures();
        double[] at = new double[d + 1];
        java.util.function.DoubleUnaryOperator slope = b -> {
            at[d] = b;
            return data.evaluate(at).gradient()[d];
        };
        double lo = Math.log(stats.positiveWeight() / stats.negativeWeight());
        double glo = slope.applyAsDouble(lo);
        double step = 1;
        double hi = lo;
        double ghi = glo;
        while (Math.signum(ghi) == Math.signum(glo) && ghi != 0) {
            hi = glo < 0 ? hi + step : hi - step;
            ghi = slope.applyAsDouble(hi);
            step *= 2;
            if (step > 1e6) {
                throw new ArithmeticException("the null model with offsets has no finite intercept");
            }
        }
        at[d] = Illinois.root(slope, lo, glo, hi, ghi, 1e-15, 0.0, 200);
        return -data.evaluate(at).negLogLikelihood();
    }

    /** The summary of a Firth fit: standard errors from the Fisher information at the estimate. */
    public static WaldInference.Result summarize(FirthFitter.Result firth, FeatureStatistics stats,
                                                 List<String> featureNames, boolean[] aliased) {
        LossEvaluation e = firth.atSolution();
        return WaldInference.summarize(new WaldInference.Input(
                new WaldInference.Estimate(firth.intercept(), firth.coefficients(), featureNames), total(e),
                baseScaling(stats).withFixed(aliased), excluded(stats, aliased, featureNames),
                new WaldInference.Sample(stats.rows(), e.weightSum(), stats.positiveWeight(), null),
                new WaldInference.Likelihood(-e.negLogLikelihood(), WaldInference.Method.FIRTH, firth.penalizedLogLik(),
                        null), WaldInference.Errors.FISHER));
    }

    /**
     * The columns held at 0: a non-zero constant is named as such (the intercept absorbs it); a column
     * that is 0 in every row (an empty cell of an interaction) is aliased, as R reports it.
     */
    static List<ExcludedColumn> excluded(FeatureStatistics stats, boolean[] aliased, List<String> names) {
        List<ExcludedColumn> out = new ArrayList<>();
        for (int j = 0; j < aliased.length; j++) {
            if (stats.isConstant(j) && stats.max()[j] != 0) {
                out.add(new ExcludedColumn(names.get(j), ExcludedColumn.CONSTANT));
            } else if (aliased[j] || stats.isConstant(j)) {
                out.add(new ExcludedColumn(names.get(j), ExcludedColumn.ALIASED));
            }
        }
        return out;
    }

    private static FeatureScaling baseScaling(FeatureStatistics stats) {
        return FeatureScaling.of(stats.means(), stats.stdDevs(), stats.min(), stats.max(), 0.0);
    }

    /** W·H: the information summed over the data rather than per unit weight. */
    private static double[] total(LossEvaluation e) {
        double[] information = e.hessian().clone();
        for (int i = 0; i < information.length; i++) {
            information[i] *= e.weightSum();
        }
        return information;
    }
}
