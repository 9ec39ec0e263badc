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
    final double[] margins = new double[LINES];
    final double[] standardErrors = new double[LINES];
    final String[] ids = new String[LINES];
    final String[][] kept = new String[LINES][];
    final String[] reasons = new String[LINES];
    int size;

    ScoredBatch(String file) {
        this.file = file;
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
                margins[i] = scorer.margin();
                if (scorer.withStandardErrors()) {
                    standardErrors[i] = scorer.marginStandardError();
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
