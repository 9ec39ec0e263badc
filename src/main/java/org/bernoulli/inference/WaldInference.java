package org.bernoulli.inference;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;
import org.bernoulli.math.FeatureScaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ModelSummary} from a fitted model and its information matrix: standard errors
 * from I⁻¹ ({@link InformationInverse}), Wald z and two-sided p-values from the standard normal,
 * the likelihood-ratio test from the χ² upper tail (the regularized incomplete gamma function Q,
 * accurate far into the tail where 1 − CDF would round to 0), all with Commons Math.
 */
public final class WaldInference {
    /** z₀.₉₇₅, for 95 % intervals. */
    public static final double Z_975 = new NormalDistribution(0, 1).inverseCumulativeProbability(0.975);
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /** How the estimate was obtained; decides the notes and which tests apply. */
    public enum Method {
        MAXIMUM_LIKELIHOOD("maximum likelihood"),
        L2_PENALIZED("L2-penalized maximum likelihood"),
        FIRTH("Firth bias-reduced");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The fitted model and what the summary needs about its data.
     *
     * @param intercept      b̂
     * @param coefficients   ŵ on the raw scale (0 for excluded columns)
     * @param featureNames   one per feature
     * @param information    the information the standard errors come from: total (not per unit
     *                       weight), raw scale, n×n row-major, intercept last — with an L2 penalty,
     *                       the penalized information W·(H + λ·diag(1, …, 1, 0))
     * @param scaling        the standardization, its fixed features being the excluded columns
     * @param excluded       the excluded columns, with reasons
     * @param rows           n
     * @param weightSum      W
     * @param positiveWeight W₊
     * @param logLikelihood  log L at the estimate
     * @param method         how the estimate was obtained
     * @param penalizedLogLikelihood l* for Firth fits, else null
     * @param nullLogLikelihood log L₀ of the null model when the data has offsets (the intercept
     *                          fitted with the offsets, as R's null deviance); null to use the
     *                          closed form W₊ log(W₊/W) + W₋ log(W₋/W)
     * @param counts         for binomial counts, the observations and totals R's summary uses; null
     *                       for Bernoulli rows
     * @param covariance     where the standard errors come from
     * @param meat           for a robust covariance, M = Σ sᵢsᵢᵀ (total, raw scale, n×n) — or, with
     *                       {@code clustering}, Σ_g S_g S_gᵀ over the clusters' scores; else null
     * @param clustering     the clusters of a cluster-robust covariance; null for the rows' own
     */
    public record Input(double intercept, double[] coefficients, List<String> featureNames, double[] information,
                        FeatureScaling scaling, List<ExcludedColumn> excluded, long rows, double weightSum,
                        double positiveWeight, double logLikelihood, Method method, Double penalizedLogLikelihood,
                        Double nullLogLikelihood, BinomialCounts counts, CovarianceType covariance, double[] meat,
                        Clustering clustering) {

        public Input {
            if (covariance.robust() && meat == null) {
                throw new IllegalArgumentException("a robust covariance needs the scores' outer products");
            }
            if (clustering != null && !covariance.robust()) {
                throw new IllegalArgumentException("clusters need a robust covariance (hc0 or hc1)");
            }
        }

        /** Errors from the rows' own scores (or the Fisher information). */
        public Input(double intercept, double[] coefficients, List<String> featureNames, double[] information,
                     FeatureScaling scaling, List<ExcludedColumn> excluded, long rows, double weightSum,
                     double positiveWeight, double logLikelihood, Method method, Double penalizedLogLikelihood,
                     Double nullLogLikelihood, BinomialCounts counts, CovarianceType covariance, double[] meat) {
            this(intercept, coefficients, featureNames, information, scaling, excluded, rows, weightSum, positiveWeight,
                    logLikelihood, method, penalizedLogLikelihood, nullLogLikelihood, counts, covariance, meat, null);
        }

        /** Standard errors from the Fisher information. */
        public Input(double intercept, double[] coefficients, List<String> featureNames, double[] information,
                     FeatureScaling scaling, List<ExcludedColumn> excluded, long rows, double weightSum,
                     double positiveWeight, double logLikelihood, Method method, Double penalizedLogLikelihood,
                     Double nullLogLikelihood, BinomialCounts counts) {
            this(intercept, coefficients, featureNames, information, scaling, excluded, rows, weightSum, positiveWeight,
                    logLikelihood, method, penalizedLogLikelihood, nullLogLikelihood, counts, CovarianceType.FISHER,
                    null);
        }

        /** Bernoulli rows. */
        public Input(double intercept, double[] coefficients, List<String> featureNames, double[] information,
                     FeatureScaling scaling, List<ExcludedColumn> excluded, long rows, double weightSum,
                     double positiveWeight, double logLikelihood, Method method, Double penalizedLogLikelihood,
                     Double nullLogLikelihood) {
            this(intercept, coefficients, featureNames, information, scaling, excluded, rows, weightSum, positiveWeight,
                    logLikelihood, method, penalizedLogLikelihood, nullLogLikelihood, null);
        }
    }

    private WaldInference() {
    }

    /** The summary, with I⁻¹ (returned alongside for scoring with standard errors). */
    public record Result(ModelSummary summary, InformationInverse inverse) {
    }

    public static Result summarize(Input in) {
        InformationInverse inverse = InformationInverse.of(in.information(), in.scaling());
        int d = in.coefficients().length;
        if (in.covariance().robust()) {
            int p = InformationInverse.activeParameters(in.scaling()).length;
            inverse = inverse.sandwich(in.meat(), smallSampleFactor(in, p));
        }
        List<CoefficientEstimate> rows = new ArrayList<>();
        rows.add(estimate("(Intercept)", in.intercept(), inverse.standardError(d)));
        int k = 1;
        for (int j = 0; j < d; j++) {
            if (in.scaling().isFixed(j)) {
                rows.add(CoefficientEstimate.notEstimated(in.featureNames().get(j)));
            } else {
                rows.add(estimate(in.featureNames().get(j), in.coefficients()[j], inverse.standardError(j))
                        .withColumnStdDev(in.scaling().scales()[j]));
                k++;
            }
        }
        double w = in.weightSum();
        double wPos = in.positiveWeight();
        double wNeg = w - wPos;
        double nullLogLik = in.nullLogLikelihood() != null ? in.nullLogLikelihood()
                : xLogXOverW(wPos, w) + xLogXOverW(wNeg, w);
        double logLik = in.logLikelihood();
        // Bernoulli rows: the saturated model has log-likelihood 0. Counts: R's deviance and log L.
        double saturated = in.counts() == null ? 0.0 : in.counts().saturatedLogLikelihood();
        double constant = in.counts() == null ? 0.0 : in.counts().logBinomialCoefficients();
        double residualDeviance = 2 * (saturated - logLik);
        double nullDeviance = 2 * (saturated - nullLogLik);
        logLik += constant;
        nullLogLik += constant;
        List<String> notes = new ArrayList<>();
        Double lrt = null;
        Long lrtDf = null;
        Double lrtP = null;
        switch (in.method()) {
            case MAXIMUM_LIKELIHOOD -> {
                lrt = nullDeviance - residualDeviance;
                lrtDf = (long) (k - 1);
                lrtP = chiSquaredUpperTail(lrt, k - 1);
            }
            case L2_PENALIZED -> {
                lrt = nullDeviance - residualDeviance;
                lrtDf = (long) (k - 1);
                lrtP = chiSquaredUpperTail(lrt, k - 1);
                notes.add("L2 penalty: standard errors come from the penalized information W(H + lambda I); "
                        + "the estimates are shrunk towards 0, so Wald tests, intervals and the likelihood-ratio "
                        + "test are approximate");
            }
            case FIRTH -> notes.add("Firth bias-reduced estimates: standard errors from the Fisher information at "
                    + "the estimate; the likelihood-ratio test against the null model is not reported (it needs "
                    + "the penalized null fit)");
        }
        if (in.clustering() != null) {
            notes.add("standard errors, z, p and intervals from the cluster-robust sandwich covariance ("
                    + in.covariance().id().toUpperCase(java.util.Locale.ROOT)
                    + (in.covariance() == CovarianceType.HC1 ? ", times G/(G - 1) (n - 1)/(n - p)" : "")
                    + "): I^-1 (sum over the " + in.clustering().clusters() + " clusters of '"
                    + in.clustering().column() + "' of their score outer products) I^-1");
        } else if (in.covariance().robust()) {
            notes.add("standard errors, z, p and intervals from " + in.covariance().description()
                    + ": I^-1 (sum of the rows' score outer products) I^-1");
        }
        long n = in.counts() == null ? in.rows() : in.counts().observations();
        ModelSummary summary = new ModelSummary(in.method().label(), rows, in.excluded(), n, w, logLik, nullLogLik,
                nullDeviance, residualDeviance, n - 1, n - k, -2 * logLik + 2 * k,
                -2 * logLik + k * Math.log(n), 1 - logLik / nullLogLik, lrt, lrtDf, lrtP,
                in.penalizedLogLikelihood(), notes, in.covariance().id(), List.of(), in.clustering(), List.of());
        return new Result(summary, inverse);
    }

    /**
     * The factor HC1 multiplies the sandwich by, p estimated parameters and n rows: n/(n − p) for the
     * rows' own scores; G/(G − 1) · (n − 1)/(n − p) over G clusters (Stata's {@code vce(cluster)},
     * R's {@code vcovCL(type = "HC1")}); 1 for HC0.
     */
    static double smallSampleFactor(Input in, int p) {
        if (in.covariance() != CovarianceType.HC1) {
            return 1.0;
        }
        long n = in.rows();
        if (in.clustering() == null) {
            return n / (double) (n - p);
        }
        long g = in.clustering().clusters();
        return g / (double) (g - 1) * ((n - 1) / (double) (n - p));
    }

    /** The Wald statistics of one coefficient: z = β̂/se, two-sided p, and the 95 % interval. */
    public static CoefficientEstimate estimate(String name, double estimate, double se) {
        double z = estimate / se;
        return new CoefficientEstimate(name, estimate, se, z, twoSidedPValue(z), estimate - Z_975 * se,
                estimate + Z_975 * se);
    }

    /** 2·Φ(−|z|); Commons Math evaluates Φ through erfc, so small tails keep their relative accuracy. */
    public static double twoSidedPValue(double z) {
        return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    }

    /** P(χ²_df > x) = Q(df/2, x/2). */
    public static double chiSquaredUpperTail(double x, int df) {
        if (df <= 0) {
            return 1.0;
        }
        return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }

    private static double xLogXOverW(double x, double w) {
        return x > 0 ? x * Math.log(x / w) : 0.0;
    }
}
