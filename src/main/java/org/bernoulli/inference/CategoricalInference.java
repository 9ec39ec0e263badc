package org.bernoulli.inference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Wald inference for a model of K classes fitted by maximum likelihood — what R prints for
 * {@code summary(nnet::multinom(...))}, with the tests of {@code glm}'s summary: each non-reference
 * class's coefficients with standard errors, z, p and 95 % Wald intervals; the log-likelihood, the
 * deviances, AIC and BIC with k = (K − 1)·(estimated columns + 1) parameters, McFadden's R² and the
 * likelihood-ratio test against the intercept-only model, whose log-likelihood has the closed form
 * log L₀ = Σₖ Wₖ log(Wₖ/W). Degrees of freedom count one observation per row and non-reference class
 * (n(K − 1)), as VGAM's {@code vglm} does.
 *
 * <p>The covariance is the inverse of the total information over the estimated parameters
 * (equilibrated by its diagonal before the Cholesky factorization, so that columns of very
 * different units do not cost digits), or the sandwich V·M·V with the scores' outer products M
 * (HC0; HC1 times n/(n − k)), or over clusters the cluster-robust one (the clusters' summed scores;
 * HC1 times G/(G − 1)·(n − 1)/(n − k), as R's {@code vcovCL} and Stata's {@code vce(cluster)}).
 */
public final class CategoricalInference {

    private CategoricalInference() {
    }

    /**
     * The estimate and what it is of.
     *
     * @param classes      every class, the reference first
     * @param packed       θ = (θ₁, …, θ_{K−1}), each θₖ = (wₖ, bₖ), raw scale
     * @param featureNames the d feature names
     * @param held         for each feature, whether it was held at 0 (aliased or constant)
     */
    public record Estimate(List<String> classes, double[] packed, List<String> featureNames, boolean[] held) {
        public Estimate {
            classes = List.copyOf(classes);
            featureNames = List.copyOf(featureNames);
            if (packed.length != (classes.size() - 1) * (featureNames.size() + 1) || held.length != featureNames.size()) {
                throw new IllegalArgumentException(packed.length + " parameters, " + held.length + " held flags for "
                        + classes.size() + " classes and " + featureNames.size() + " features");
            }
        }

        int estimatedPerClass() {
            int k = 1;
            for (boolean h : held) {
                k += h ? 0 : 1;
            }
            return k;
        }
    }

    /**
     * The rows and likelihoods.
     *
     * @param rows          n, rows with positive weight
     * @param classWeights  Wₖ, the total weight of each class
     * @param logLikelihood log L at the estimate
     */
    public record Sample(long rows, double[] classWeights, double logLikelihood) {
    }

    /** The summary and the covariance of the parameters (m(d + 1) square, raw scale, zeros for held ones). */
    public record Result(ModelSummary summary, double[] covariance) {
    }

    /**
     * @param information the total information at the estimate (raw scale, m(d + 1) square)
     * @param meat        for a robust covariance, the scores' outer products (with {@code clustering}, the
     *                    clusters' summed scores'); else null
     * @param clustering  the clusters of a cluster-robust covariance; null for the rows' own
     * @param excluded    the columns held at 0, with the reason
     * @throws SingularInformationException when the information is not numerically positive definite
     */
    public static Result summarize(Estimate estimate, Sample sample, double[] information, CovarianceType covariance,
                                   double[] meat, Clustering clustering, List<ExcludedColumn> excluded) {
        int m = estimate.classes().size() - 1;
        int q = estimate.featureNames().size() + 1;
        int size = m * q;
        int[] active = active(estimate, m, q);
        double[] v = inverse(information, size, active);
        int k = active.length;
        if (covariance.robust()) {
            long n = sample.rows();
            double factor = covariance != CovarianceType.HC1 ? 1.0 : clustering == null ? n / (double) (n - k)
                    : clustering.clusters() / (double) (clustering.clusters() - 1) * ((n - 1) / (double) (n - k));
            v = sandwich(v, meat, size, active, factor);
        }
        List<CoefficientEstimate> rows = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            String outcome = estimate.classes().get(c + 1);
            int b = c * q + q - 1;
            rows.add(WaldInference.estimate("(Intercept)", estimate.packed()[b], Math.sqrt(v[b * size + b]))
                    .ofClass(outcome));
            for (int j = 0; j < q - 1; j++) {
                String name = estimate.featureNames().get(j);
                int i = c * q + j;
                rows.add(estimate.held()[j] ? CoefficientEstimate.notEstimated(name).ofClass(outcome)
                        : WaldInference.estimate(name, estimate.packed()[i], Math.sqrt(v[i * size + i])).ofClass(outcome));
            }
        }
        double w = 0;
        double nullLogLikelihood = 0;
        for (double wk : sample.classWeights()) {
            w += wk;
        }
        for (double wk : sample.classWeights()) {
            nullLogLikelihood += wk > 0 ? wk * Math.log(wk / w) : 0.0;
        }
        double logL = sample.logLikelihood();
        long n = sample.rows();
        double deviance = -2 * logL;
        ModelSummary.Goodness goodness = new ModelSummary.Goodness(n, w, logL, nullLogLikelihood,
                -2 * nullLogLikelihood, deviance, n * m - m, n * m - k, deviance + 2 * k, deviance + k * Math.log(n),
                1 - logL / nullLogLikelihood);
        double statistic = 2 * (logL - nullLogLikelihood);
        ModelSummary.NullTest test = new ModelSummary.NullTest(statistic, k - m,
                WaldInference.chiSquaredUpperTail(statistic, k - m));
        List<String> notes = new ArrayList<>();
        notes.add("the log-odds of each class against the reference class '" + estimate.classes().get(0) + "'");
        if (covariance.robust()) {
            notes.add("standard errors, z, p and intervals from the " + (clustering == null ? "robust" : "cluster-robust")
                    + " sandwich covariance (" + covariance.id() + (covariance != CovarianceType.HC1 ? ""
                    : clustering == null ? ", times n/(n - k)" : ", times G/(G - 1) (n - 1)/(n - k)")
                    + (clustering == null ? "" : "; " + clustering.clusters() + " clusters of " + clustering.column())
                    + ")");
        }
        ModelSummary summary = new ModelSummary(WaldInference.Method.MAXIMUM_LIKELIHOOD.label(), rows, excluded,
                goodness, test, null, notes, new ModelSummary.ErrorSource(covariance.id(), clustering), null,
                new ModelSummary.Classes(estimate.classes(), estimate.classes().get(0)));
        return new Result(summary, v);
    }

    private static int[] active(Estimate estimate, int m, int q) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            for (int j = 0; j < q; j++) {
                if (j == q - 1 || !estimate.held()[j]) {
                    out.add(c * q + j);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The inverse of the information on the active parameters, embedded in the full square. */
    private static double[] inverse(double[] information, int size, int[] active) {
        int k = active.length;
        double[] scale = new double[k];
        for (int a = 0; a < k; a++) {
            double diagonal = information[active[a] * size + active[a]];
            if (!(diagonal > 0)) {
                throw new SingularInformationException("the information matrix is not positive definite: a parameter "
                        + "has no information", null);
            }
            scale[a] = 1 / Math.sqrt(diagonal);
        }
        RealMatrix sub = new Array2DRowRealMatrix(k, k);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                sub.setEntry(a, b, information[active[a] * size + active[b]] * scale[a] * scale[b]);
            }
        }
        RealMatrix inverse;
        try {
            inverse = new CholeskyDecomposition(sub, 1e-10, 1e-14).getSolver().getInverse();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new SingularInformationException("the information matrix is not positive definite: some columns "
                    + "are (nearly) linear combinations of others", e);
        }
        double[] out = new double[size * size];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[active[a] * size + active[b]] = inverse.getEntry(a, b) * scale[a] * scale[b];
            }
        }
        return out;
    }

    /** V·M·V·factor on the active parameters. */
    private static double[] sandwich(double[] v, double[] meat, int size, int[] active, double factor) {
        int k = active.length;
        double[] vm = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += v[active[a] * size + active[c]] * meat[active[c] * size + active[b]];
                }
                vm[a * k + b] = s;
            }
        }
        double[] out = new double[size * size];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += vm[a * k + c] * v[active[c] * size + active[b]];
                }
                out[active[a] * size + active[b]] = s * factor;
            }
        }
        return out;
    }
}
