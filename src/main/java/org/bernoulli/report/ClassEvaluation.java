package org.bernoulli.report;

import org.bernoulli.stats.MulticlassMetrics;

/**
 * A model of more than two classes evaluated on labelled data, for the report.
 *
 * @param data        what the data is
 * @param metrics     the metrics
 * @param calibration per class and tenth of its predicted probability: {rows, mean predicted, observed
 *                    fraction} ({@link org.bernoulli.stats.ClassTally#calibration})
 */
public record ClassEvaluation(String data, MulticlassMetrics metrics, double[][][] calibration) {
}
