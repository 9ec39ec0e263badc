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

    /** The points of a fitted path, standardized by the data's unbiased standard deviations. */
    public static java.util.List<PathPoint> of(java.util.List<org.bernoulli.train.RegularizationPath.Step> path,
                                               org.bernoulli.data.FeatureStatistics statistics) {
        double[] sd = statistics.sampleStdDevs();
        java.util.List<PathPoint> points = new java.util.ArrayList<>();
        for (org.bernoulli.train.RegularizationPath.Step s : path) {
            org.bernoulli.train.Fit f = s.fit();
            double[] standardized = new double[sd.length];
            for (int j = 0; j < sd.length; j++) {
                standardized[j] = f.coefficients()[j] * sd[j];
            }
            points.add(new PathPoint(s.regParam(), f.optimization().value(), f.atSolution().meanLoss(), s.nonZero(),
                    f.optimization().iterations(), f.optimization().passes(), f.optimization().stopReason().converged(),
                    f.intercept(), f.coefficients(), standardized));
        }
        return points;
    }
}
