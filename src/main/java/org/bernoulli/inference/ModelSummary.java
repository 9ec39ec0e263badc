package org.bernoulli.inference;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What R's {@code summary(glm(..., family = binomial))} reports, for one fitted model.
 *
 * <p>Log-likelihoods are Bernoulli log-likelihoods with case weights, log L = −Σ wᵢ BCEᵢ; deviances
 * are −2 log L (the saturated model of 0/1 data has log-likelihood 0). With k estimated parameters
 * (intercept included) and n rows: AIC = −2 log L + 2k, BIC = −2 log L + k·log n, residual degrees
 * of freedom n − k, null n − 1. McFadden's pseudo-R² is 1 − log L / log L₀, and the likelihood-ratio
 * test against the intercept-only model has statistic 2(log L − log L₀) on k − 1 degrees of freedom.
 * {@code summary.json} holds every part at its top level ({@link SummaryJson}).
 *
 * @param method       {@code maximum likelihood}, {@code L2-penalized maximum likelihood} or
 *                     {@code Firth bias-reduced}
 * @param coefficients every coefficient, intercept first, then features in column order; those the
 *                     data cannot determine as R's NA rows ({@link CoefficientEstimate#notEstimated})
 * @param excluded     columns held at 0 because the data cannot determine them, with the reason
 * @param goodness     the likelihoods, deviances, degrees of freedom and criteria of the fit
 * @param nullTest     the likelihood-ratio test against the null model; null where it does not apply
 *                     (Firth)
 * @param penalizedLogLikelihood for Firth fits, l* = log L + ½ log det I at the estimate; else null
 * @param notes        what a reader must know to interpret the numbers
 * @param errors       where the standard errors come from ({@link CovarianceType#id()}: {@code fisher},
 *                     {@code hc0} or {@code hc1}) and, for cluster-robust ones, the clusters
 * @param tests        the joint Wald tests of terms and, for Firth fits, the penalized likelihood-ratio
 *                     tests
 * @param classes      for a model of more than two classes, its classes and reference class (the
 *                     coefficients then come one block per non-reference class, each carrying its
 *                     class); null for a binary model
 */
public record ModelSummary(String method, List<CoefficientEstimate> coefficients, List<ExcludedColumn> excluded,
                           Goodness goodness, NullTest nullTest, Double penalizedLogLikelihood, List<String> notes,
                           ErrorSource errors, Tests tests, Classes classes) {

    public ModelSummary {
        coefficients = List.copyOf(coefficients);
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
        errors = errors == null ? new ErrorSource(null, null) : errors;
        tests = tests == null ? Tests.NONE : tests;
    }

    /** The summary of a binary model. */
    public ModelSummary(String method, List<CoefficientEstimate> coefficients, List<ExcludedColumn> excluded,
                        Goodness goodness, NullTest nullTest, Double penalizedLogLikelihood, List<String> notes,
                        ErrorSource errors, Tests tests) {
        this(method, coefficients, excluded, goodness, nullTest, penalizedLogLikelihood, notes, errors, tests, null);
    }

    /**
     * The classes of a model of more than two.
     *
     * @param levels    every class, in order (the reference first)
     * @param reference the class whose linear predictor is 0
     */
    public record Classes(List<String> levels, String reference) {
        public Classes {
            levels = List.copyOf(levels);
            if (levels.size() < 2 || !levels.get(0).equals(reference)) {
                throw new IllegalArgumentException("classes " + levels + " with reference " + reference
                        + ": expected two classes or more, the reference first");
            }
        }
    }

    /**
     * How well the model fits.
     *
     * @param rows              n
     * @param weightSum         W = Σ wᵢ
     * @param logLikelihood     log L at the estimate (without any penalty)
     * @param nullLogLikelihood log L₀ of the intercept-only model
     * @param nullDeviance      the intercept-only model's deviance
     * @param residualDeviance  the model's deviance
     * @param dfNull            n − 1
     * @param dfResidual        n − k
     * @param aic               −2 log L + 2k
     * @param bic               −2 log L + k·log n
     * @param mcFaddenR2        1 − log L / log L₀
     */
    public record Goodness(long rows, double weightSum, double logLikelihood, double nullLogLikelihood,
                           double nullDeviance, double residualDeviance, long dfNull, long dfResidual, double aic,
                           double bic, double mcFaddenR2) {
    }

    /**
     * The likelihood-ratio test against the intercept-only model.
     *
     * @param statistic 2(log L − log L₀)
     * @param df        k − 1
     * @param p         its upper χ² tail probability
     */
    public record NullTest(double statistic, long df, double p) {
    }

    /**
     * Where the standard errors come from.
     *
     * @param covariance {@link CovarianceType#id()}; {@code fisher} when null (files written before
     *                   robust errors existed)
     * @param clustering the clusters of a cluster-robust covariance; null otherwise
     */
    public record ErrorSource(String covariance, Clustering clustering) {
        public ErrorSource {
            covariance = covariance == null ? CovarianceType.FISHER.id() : covariance;
        }
    }

    /**
     * Tests beyond one coefficient's.
     *
     * @param termTests        the joint Wald test of each term with several columns (formula fits)
     * @param penalizedLrTests for Firth fits, the penalized likelihood-ratio test of each coefficient
     *                         (logistf's)
     */
    public record Tests(List<TermTest> termTests, List<PenalizedLikelihoodRatio> penalizedLrTests) {
        static final Tests NONE = new Tests(List.of(), List.of());

        public Tests {
            termTests = termTests == null ? List.of() : List.copyOf(termTests);
            penalizedLrTests = penalizedLrTests == null ? List.of() : List.copyOf(penalizedLrTests);
        }
    }

    public long rows() {
        return goodness.rows();
    }

    public double weightSum() {
        return goodness.weightSum();
    }

    public double logLikelihood() {
        return goodness.logLikelihood();
    }

    public double nullLogLikelihood() {
        return goodness.nullLogLikelihood();
    }

    public double nullDeviance() {
        return goodness.nullDeviance();
    }

    public double residualDeviance() {
        return goodness.residualDeviance();
    }

    public long dfNull() {
        return goodness.dfNull();
    }

    public long dfResidual() {
        return goodness.dfResidual();
    }

    public double aic() {
        return goodness.aic();
    }

    public double bic() {
        return goodness.bic();
    }

    public double mcFaddenR2() {
        return goodness.mcFaddenR2();
    }

    /** 2(log L − log L₀); null when the test does not apply (Firth). */
    public Double lrtStatistic() {
        return nullTest == null ? null : nullTest.statistic();
    }

    public Long lrtDf() {
        return nullTest == null ? null : nullTest.df();
    }

    public Double lrtPValue() {
        return nullTest == null ? null : nullTest.p();
    }

    /** {@code fisher}, {@code hc0} or {@code hc1}. */
    public String covariance() {
        return errors.covariance();
    }

    public Clustering clustering() {
        return errors.clustering();
    }

    public List<TermTest> termTests() {
        return tests.termTests();
    }

    public List<PenalizedLikelihoodRatio> penalizedLrTests() {
        return tests.penalizedLrTests();
    }

    /** The estimated coefficients, intercept first (R's {@code coef(summary(fit))}: no NA rows). */
    public List<CoefficientEstimate> estimatedCoefficients() {
        return coefficients.stream().filter(CoefficientEstimate::estimated).toList();
    }

    /** The same summary with each note rewritten (its settings worded by a door, say). */
    public ModelSummary mapNotes(UnaryOperator<String> f) {
        return new ModelSummary(method, coefficients, excluded, goodness, nullTest, penalizedLogLikelihood,
                notes.stream().map(f).toList(), errors, tests, classes);
    }

    /** The same summary with one more note. */
    public ModelSummary withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new ModelSummary(method, coefficients, excluded, goodness, nullTest, penalizedLogLikelihood, more, errors,
                tests, classes);
    }

    /** The same summary with other coefficient rows. */
    public ModelSummary withCoefficients(List<CoefficientEstimate> rows) {
        return new ModelSummary(method, rows, excluded, goodness, nullTest, penalizedLogLikelihood, notes, errors,
                tests, classes);
    }

    /** The same summary with the terms' joint Wald tests. */
    public ModelSummary withTermTests(List<TermTest> termTests) {
        return new ModelSummary(method, coefficients, excluded, goodness, nullTest, penalizedLogLikelihood, notes, errors,
                new Tests(termTests, tests.penalizedLrTests()), classes);
    }

    /** The same summary with the penalized likelihood-ratio tests of a Firth fit. */
    public ModelSummary withPenalizedLrTests(List<PenalizedLikelihoodRatio> penalized) {
        return new ModelSummary(method, coefficients, excluded, goodness, nullTest, penalizedLogLikelihood, notes, errors,
                new Tests(tests.termTests(), penalized), classes);
    }
}
