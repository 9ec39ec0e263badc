package org.bernoulli.jobs;

import org.bernoulli.data.RecordFormatException;

/**
 * A batch of an input file's data lines and, once {@link #score}d, what each line gave: its label,
 * margin, margin standard error, id and kept cells, or the reason it cannot be scored. The driver
 * engine reads lines into batches on one thread, scores batches on the others, and writes them in
 * order; the arrays are allocated once per batch.
 */
final class ScoredBatch {
    /** Lines per batch: enough to amortize a hand-over, few enough to keep several in flight. */
    static final int LINES = 4096;

    final String file;
    final String[] lines = new String[LINES];
    final long[] numbers = new long[LINES];
    final double[] labels = new double[LINES];
    /** The margin of each linear predictor, [predictor][line]; their standard errors likewise (or null). */
    final double[][] margins;
    final double[][] standardErrors;
    final String[] ids = new String[LINES];
    final String[][] kept = new String[LINES][];
    final String[] reasons = new String[LINES];
    int size;

    /**
     * @param predictors         the model's linear predictors (one for two classes)
     * @param withStandardErrors whether the margins' standard errors are scored
     */
    ScoredBatch(String file, int predictors, boolean withStandardErrors) {
        this.file = file;
        this.margins = new double[predictors][LINES];
        this.standardErrors = withStandardErrors ? new double[predictors][LINES] : null;
    }

    boolean isFull() {
        return size == LINES;
    }

    void add(long number, String line) {
        numbers[size] = number;
        lines[size++] = line;
    }

    /** Scores every line with {@code scorer}, which this thread alone uses. */
    ScoredBatch score(TextRowScorer scorer) {
        for (int i = 0; i < size; i++) {
            try {
                scorer.score(lines[i]);
                labels[i] = scorer.label();
                org.bernoulli.math.RowMargins m = scorer.margins();
                for (int k = 0; k < margins.length; k++) {
                    margins[k][i] = m.margin(k);
                    if (standardErrors != null) {
                        standardErrors[k][i] = m.standardError(k);
                    }
                }
                ids[i] = scorer.id();
                String[] k = scorer.kept();
                kept[i] = k == null || k.length == 0 ? null : k.clone();
                reasons[i] = null;
            } catch (RecordFormatException e) {
                reasons[i] = e.getMessage();
            }
        }
        return this;
    }
}
