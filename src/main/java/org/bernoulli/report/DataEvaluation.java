package org.bernoulli.report;

import org.bernoulli.stats.BinaryClassificationMetrics;
import org.bernoulli.stats.ScoreHistogram;

/**
 * How a model scored one labelled data set: the exact metrics and the binned counts the curves are
 * drawn from ({@code evaluation.json} in a model directory, for the training data).
 *
 * @param data      what was evaluated, e.g. "training data: PATH" or a validation path
 * @param metrics   exact metrics (areas from the sorted margins, not from the bins)
 * @param histogram label counts by margin and by probability bin
 */
public record DataEvaluation(String data, BinaryClassificationMetrics metrics, ScoreHistogram.Counts histogram) {
}
