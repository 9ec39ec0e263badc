package org.bernoulli.inference;

import java.util.List;

/**
 * What R's {@code summary(glm(..., family = binomial))} reports, for one fitted model.
 *
 * <p>Log-likelihoods are Bernoulli log-likelihoods with case weights, log L = −Σ wᵢ BCEᵢ; deviances
 * are −2 log L (the saturated model of 0/1 data has log-likelihood 0). With k estimated parameters
 * (intercept included) and n rows: AIC = −2 log L + 2k, BIC = −2 log L + k·log n, residual degrees
 * of freedom n − k, null n − 1. McFadden's pseudo-R² is 1 − log L / log L₀, and the likelihood-ratio
 * test against the intercept-only model has statistic 2(log L − log L₀) on k − 1 degrees of freedom.
 *
 * @param method            {@code maximum likelihood}, {@code L2-penalized maximum likelihood} or
 *                          {@code Firth bias-reduced}
 * @param coefficients      every coefficient, intercept first, then features in column order; those the
 *                          data cannot determine as R's NA rows ({@link CoefficientEstimate#notEstimated})
 * @param excluded          columns held at 0 because the data cannot determine them, with the reason
 * @param rows              n
 * @param weightSum         W = Σ wᵢ
 * @param logLikelihood     log L at the estimate (without any penalty)
 * @param nullLogLikelihood log L₀ of the intercept-only model, W₊ log(W₊/W) + W₋ log(W₋/W)
 * @param lrtStatistic      2(log L − log L₀); null when the test does not apply (Firth)
 * @param lrtPValue         its upper χ² tail probability; null when the test does not apply
 * @param penalizedLogLikelihood for Firth fits, l* = log L + ½ log det I at the estimate; else null
 * @param notes             what a reader must know to interpret the numbers
 * @param covariance        where the standard errors come from ({@link CovarianceType#id()}):
 *                          {@code fisher}, {@code hc0} or {@code hc1}; {@code fisher} in files
 *                          written before robust errors existed
 * @param termTests         the joint Wald test of each term with several columns (formula fits); empty
 *                          otherwise
 * @param clustering        the clusters of a cluster-robust covariance; null otherwise
 * @param penalizedLrTests  for Firth fits, the penalized likelihood-ratio test of each coefficient
 *                          (logistf's); empty otherwise
 */
public record ModelSummary(String method, List<CoefficientEstimate> coefficients, List<ExcludedColumn> excluded,
                           long rows, double weightSum, double logLikelihood, double nullLogLikelihood,
                           double nullDeviance, double residualDeviance, long dfNull, long dfResidual, double aic,
                           double bic, double mcFaddenR2, Double lrtStatistic, Long lrtDf, Double lrtPValue,
                           Double penalizedLogLikelihood, List<String> notes, String covariance,
                           List<TermTest> termTests, Clustering clustering,
                           List<PenalizedLikelihoodRatio> penalizedLrTests) {

    public ModelSummary {
        coefficients = List.copyOf(coefficients);
        covariance = covariance == null ? CovarianceType.FISHER.id() : covariance;
        termTests = termTests == null ? List.of() : List.copyOf(termTests);
        penalizedLrTests = penalizedLrTests == null ? List.of() : List.copyOf(penalizedLrTests);
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }

    /** The estimated coefficients, intercept first (R's {@code coef(summary(fit))}: no NA rows). */
    public List<CoefficientEstimate> estimatedCoefficients() {
        return coefficients.stream().filter(CoefficientEstimate::estimated).toList();
    }

    /** The same summary with each note rewritten (its settings worded by a door, say). */
    public ModelSummary mapNotes(java.util.function.UnaryOperator<String> f) {
        return new ModelSummary(method, coefficients, excluded, rows, weightSum, logLikelihood, nullLogLikelihood,
                nullDeviance, residualDeviance, dfNull, dfResidual, aic, bic, mcFaddenR2, lrtStatistic, lrtDf, lrtPValue,
                penalizedLogLikelihood, notes.stream().map(f).toList(), covariance, termTests, clustering,
                penalizedLrTests);
    }

    /** The same summary with one more note. */
    public ModelSummary withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new ModelSummary(method, coefficients, excluded, rows, weightSum, logLikelihood, nullLogLikelihood,
                nullDeviance, residualDeviance, dfNull, dfResidual, aic, bic, mcFaddenR2, lrtStatistic, lrtDf, lrtPValue,
                penalizedLogLikelihood, more, covariance, termTests, clustering, penalizedLrTests);
    }

    /** The same summary with other coefficient rows. */
    public ModelSummary withCoefficients(List<CoefficientEstimate> rows) {
        return new ModelSummary(method, rows, excluded, this.rows, weightSum, logLikelihood, nullLogLikelihood,
                nullDeviance, residualDeviance, dfNull, dfResidual, aic, bic, mcFaddenR2, lrtStatistic, lrtDf, lrtPValue,
                penalizedLogLikelihood, notes, covariance, termTests, clustering, penalizedLrTests);
    }

    /** The same summary with the terms' joint Wald tests. */
    public ModelSummary withTermTests(List<TermTest> tests) {
        return new ModelSummary(method, coefficients, excluded, rows, weightSum, logLikelihood, nullLogLikelihood,
                nullDeviance, residualDeviance, dfNull, dfResidual, aic, bic, mcFaddenR2, lrtStatistic, lrtDf, lrtPValue,
                penalizedLogLikelihood, notes, covariance, tests, clustering, penalizedLrTests);
    }

    /** The same summary with the penalized likelihood-ratio tests of a Firth fit. */
    public ModelSummary withPenalizedLrTests(List<PenalizedLikelihoodRatio> tests) {
        return new ModelSummary(method, coefficients, excluded, rows, weightSum, logLikelihood, nullLogLikelihood,
                nullDeviance, residualDeviance, dfNull, dfResidual, aic, bic, mcFaddenR2, lrtStatistic, lrtDf, lrtPValue,
                penalizedLogLikelihood, notes, covariance, termTests, clustering, tests);
    }
}
