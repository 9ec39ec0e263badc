package org.bernoulli.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well scores fit labels, for examples with labels in {0, 1}.
 *
 * @param rows          examples evaluated
 * @param rowsRejected  input rows that could not be evaluated (skipped)
 * @param logLoss       mean binary cross-entropy (1/n) Σ [softplus(zᵢ) − yᵢzᵢ] = −log L / n
 * @param brierScore    mean squared error of the probabilities (1/n) Σ (pᵢ − yᵢ)²
 * @param areaUnderROC  exact AUC, ties counted one half
 * @param areaUnderPR   average precision (step-wise area under the precision–recall curve)
 * @param threshold     the probability threshold of the confusion matrix
 * @param truePositives  label 1, predicted 1
 * @param falsePositives label 0, predicted 1
 * @param trueNegatives  label 0, predicted 0
 * @param falseNegatives label 1, predicted 0
 */
public record BinaryClassificationMetrics(long rows, long rowsRejected, double logLoss, double brierScore,
                                          double areaUnderROC, double areaUnderPR, double threshold,
                                          long truePositives, long falsePositives, long trueNegatives,
                                          long falseNegatives) implements Metrics {

    public long positives() {
        return truePositives + falseNegatives;
    }

    public long negatives() {
        return trueNegatives + falsePositives;
    }

    /** log L = −n · logLoss. */
    public double logLikelihood() {
        return -rows * logLoss;
    }

    public double accuracy() {
        return (double) (truePositives + trueNegatives) / rows;
    }

    /** TP / (TP + FP); NaN when nothing is predicted positive. */
    public double precision() {
        return (double) truePositives / (truePositives + falsePositives);
    }

    /** TP / (TP + FN). */
    public double recall() {
        return (double) truePositives / (truePositives + falseNegatives);
    }

    /** Harmonic mean of precision and recall; NaN when both are undefined or zero. */
    public double f1() {
        double p = precision();
        double r = recall();
        return 2 * p * r / (p + r);
    }

    /** The metrics under their JSON names (NaN, when a ratio is undefined, becomes null). */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("rowsRejected", rowsRejected);
        m.put("positives", positives());
        m.put("negatives", negatives());
        m.put("logLoss", finite(logLoss));
        m.put("logLikelihood", finite(logLikelihood()));
        m.put("areaUnderROC", finite(areaUnderROC));
        m.put("areaUnderPR", finite(areaUnderPR));
        m.put("brierScore", finite(brierScore));
        m.put("threshold", threshold);
        m.put("accuracy", finite(accuracy()));
        m.put("precision", finite(precision()));
        m.put("recall", finite(recall()));
        m.put("f1", finite(f1()));
        Map<String, Long> confusion = new LinkedHashMap<>();
        confusion.put("truePositives", truePositives);
        confusion.put("falsePositives", falsePositives);
        confusion.put("trueNegatives", trueNegatives);
        confusion.put("falseNegatives", falseNegatives);
        m.put("confusionMatrix", confusion);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
