package org.bernoulli.report;

/**
 * One penalty of a regularization path ({@code path.json}).
 *
 * @param regParam     λ
 * @param objective    the penalized objective at the fit
 * @param meanLoss     the mean BCE at the fit
 * @param nonZero      coefficients not exactly 0
 * @param iterations   optimizer iterations of this fit
 * @param passes       passes over the data of this fit (warm-started from the previous one)
 * @param converged    whether this fit converged
 * @param intercept    b
 * @param coefficients w, in feature order, raw scale
 * @param standardizedCoefficients wⱼσⱼ (σⱼ the feature's unbiased standard deviation): comparable across
 *                                 features measured on different scales
 */
public record PathPoint(double regParam, double objective, double meanLoss, int nonZero, int iterations, int passes,
                        boolean converged, double intercept, double[] coefficients, double[] standardizedCoefficients) {
}
