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
     * @param estimate    b̂ and ŵ on the raw scale (0 for excluded columns), with the features' names
     * @param information the information the standard errors come from: total (not per unit weight),
     *                    raw scale, n×n row-major, intercept last — with an L2 penalty, the penalized
     *                    information W·(H + λ·diag(1, …, 1, 0))
     * @param scaling     the standardization, its fixed features being the excluded columns
     * @param excluded    the excluded columns, with reasons
     * @param sample      the rows the fit saw
     * @param likelihood  the log-likelihoods and how the estimate was obtained
     * @param errors      where the standard errors come from
     */
    public record Input(Estimate estimate, double[] information, FeatureScaling scaling, List<ExcludedColumn> excluded,
                        Sample sample, Likelihood likelihood, Errors errors) {
    }

    /**
     * The estimate.
     *
     * @param intercept    b̂
     * @param coefficients ŵ on the raw scale (0 for excluded columns)
     * @param featureNames one per feature
     */
    public record Estimate(double intercept, double[] coefficients, List<String> featureNames) {
    }

    /**
     * The rows of the fit.
     *
     * @param rows           n
     * @param weightSum      W
     * @param positiveWeight W₊
     * @param counts         for binomial counts, the observations and totals R's summary uses; null for
     *                       Bernoulli rows
     */
    public record Sample(long rows, double weightSum, double positiveWeight, BinomialCounts counts) {
    }

    /**
     * The log-likelihoods of the fit.
     *
     * @param logLikelihood          log L at the estimate
     * @param method                 how the estimate was obtained
     * @param penalizedLogLikelihood l* for Firth fits, else null
     * @param nullLogLikelihood      log L₀ of the null model when the data has offsets (the intercept
     *                               fitted with the offsets, as R's null deviance); null to use the closed
     *                               form W₊ log(W₊/W) + W₋ log(W₋/W)
     */
    public record Likelihood(double logLikelihood, Method method, Double penalizedLogLikelihood,
                             Double nullLogLikelihood) {
    }

    /**
     * Where the standard errors come from.
     *
     * @param covariance the Fisher information or a robust sandwich
     * @param meat       for a robust covariance, M = Σ sᵢsᵢᵀ (total, raw scale, n×n) — or, with
     *                   {@code clustering}, Σ_g S_g S_gᵀ over the clusters' scores; else null
     * @param clustering the clusters of a cluster-robust covariance; null for the rows' own
     */
    public record Errors(CovarianceType covariance, double[] meat, Clustering clustering) {
        /** Standard errors from the Fisher information. */
        public static final Errors FISHER = new Errors(CovarianceType.FISHER, null, null);

        public Errors {
            if (covariance.robust() && meat == null) {
                throw new IllegalArgumentException("a robust covariance needs the scores' outer products");
            }
            if (clustering != null && !covariance.robust()) {
                throw new IllegalArgumentException("clusters need a robust covariance (hc0 or hc1)");
            }
        }
    }

    private WaldInference() {
    }

    /** The summary, with I⁻¹ (returned alongside for scoring with standard errors). */
    public record Result(ModelSummary summary, InformationInverse inverse) {
    }

    public static Result summarize(Input in) {
        InformationInverse inverse = InformationInverse.of(in.information(), in.scaling());
        int d = in.estimate().coefficients().length;
        if (in.errors().covariance().robust()) {
            int p = InformationInverse.activeParameters(in.scaling()).length;
            inverse = inverse.sandwich(in.errors().meat(), smallSampleFactor(in, p));
        }
        List<CoefficientEstimate> rows = new ArrayList<>();
        rows.add(estimate("(Intercept)", in.estimate().intercept(), inverse.standardError(d)));
        int k = 1;
        for (int j = 0; j < d; j++) {
            if (in.scaling().isFixed(j)) {
                rows.add(CoefficientEstimate.notEstimated(in.estimate().featureNames().get(j)));
            } else {
                rows.add(estimate(in.estimate().featureNames().get(j), in.estimate().coefficients()[j], inverse.standardError(j))
                        .withColumnStdDev(in.scaling().scales()[j]));
                k++;
            }
        }
        double w = in.sample().weightSum();
        double wPos = in.sample().positiveWeight();
        double wNeg = w - wPos;
        double nullLogLik = in.likelihood().nullLogLikelihood() != null ? in.likelihood().nullLogLikelihood()
                : xLogXOverW(wPos, w) + xLogXOverW(wNeg, w);
        double logLik = in.likelihood().logLikelihood();
        // Bernoulli rows: the saturated model has log-likelihood 0. Counts: R's deviance and log L.
        double saturated = in.sample().counts() == null ? 0.0 : in.sample().counts().saturatedLogLikelihood();
        double constant = in.sample().counts() == null ? 0.0 : in.sample().counts().logBinomialCoefficients();
        double residualDeviance = 2 * (saturated - logLik);
        double nullDeviance = 2 * (saturated - nullLogLik);
        logLik += constant;
        nullLogLik += constant;
        List<String> notes = new ArrayList<>();
        Double lrt = null;
        Long lrtDf = null;
        Double lrtP = null;
        switch (in.likelihood().method()) {
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
        if (in.errors().clustering() != null) {
            notes.add("standard errors, z, p and intervals from the cluster-robust sandwich covariance ("
                    + in.errors().covariance().id().toUpperCase(java.util.Locale.ROOT)
                    + (in.errors().covariance() == CovarianceType.HC1 ? ", times G/(G - 1) (n - 1)/(n - p)" : "")
                    + "): I^-1 (sum over the " + in.errors().clustering().clusters() + " clusters of '"
                    + in.errors().clustering().column() + "' of their score outer products) I^-1");
        } else if (in.errors().covariance().robust()) {
            notes.add("standard errors, z, p and intervals from " + in.errors().covariance().description()
                    + ": I^-1 (sum of the rows' score outer products) I^-1");
        }
        long n = in.sample().counts() == null ? in.sample().rows() : in.sample().counts().observations();
        ModelSummary summary = new ModelSummary(in.likelihood().method().label(), rows, in.excluded(),
                new ModelSummary.Goodness(n, w, logLik, nullLogLik, nullDeviance, residualDeviance, n - 1, n - k,
                        -2 * logLik + 2 * k, -2 * logLik + k * Math.log(n), 1 - logLik / nullLogLik),
                lrt == null ? null : new ModelSummary.NullTest(lrt, lrtDf, lrtP),
                in.likelihood().penalizedLogLikelihood(), notes,
                new ModelSummary.ErrorSource(in.errors().covariance().id(), in.errors().clustering()), null);
        return new Result(summary, inverse);
    }

    /**
     * The factor HC1 multiplies the sandwich by, p estimated parameters and n rows: n/(n − p) for the
     * rows' own scores; G/(G − 1) · (n − 1)/(n − p) over G clusters (Stata's {@code vce(cluster)},
     * R's {@code vcovCL(type = "HC1")}); 1 for HC0.
     */
    static double smallSampleFactor(Input in, int p) {
        if (in.errors().covariance() != CovarianceType.HC1) {
            return 1.0;
        }
        long n = in.sample().rows();
        if (in.errors().clustering() == null) {
            return n / (double) (n - p);
        }
        long g = in.errors().clustering().clusters();
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
