package org.bernoulli.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.spark.InputFiles;
import org.bernoulli.stats.MarginTally;

import java.util.List;

/**
 * {@code evaluate} and {@code report DATA} on the driver alone, with no Spark session: the lines
 * read and scored as {@link DriverScoring} scores them, each scored line's margin and label tallied
 * ({@link MarginTally}: log loss, Brier score, confusion matrix, label counts by margin bin, and the
 * margins sorted for the exact areas) — the numbers {@link MarginEvaluation} computes on Spark, to
 * about one rounding, with the same messages and the same counting of rejected rows.
 */
final class DriverEvaluation {

    private DriverEvaluation() {
    }

    /**
     * @param command what needs the labels, for the message when the input has none ("evaluate")
     */
    static DataEvaluation evaluate(Configuration conf, ScoreSource source, LogisticModel model, BadRecordPolicy policy,
                                   double threshold, String command) {
        List<FileStatus> files = InputFiles.list(conf, source.path());
        ScoringInput.TextScoring text = labelled(conf, files, source, model, command);
        Tally sink = new Tally(policy.mode() == BadRecordPolicy.Mode.FAIL, org.bernoulli.math.Logistic.logit(threshold));
        DriverScoring.read(conf, files, source, new ScoringChecks.Checked(model, null), text, sink);
        MarginEvaluation.checkTotals(sink.tally.rows(), sink.tally.lossSum(), sink.rejected);
        return new DataEvaluation(source.describe(), sink.tally.metrics(sink.rejected, threshold),
                sink.tally.histogram().counts());
    }

    /**
     * The tally of a model of more than two classes on labelled text, read and scored as
     * {@link DriverScoring} does.
     *
     * @param command what needs the labels, for the message when the input has none ("evaluate")
     */
    static TalliedClasses tallyClasses(Configuration conf, ScoreSource source, org.bernoulli.model.FittedModel model,
                                       BadRecordPolicy policy, String command) {
        List<FileStatus> files = InputFiles.list(conf, source.path());
        ScoringInput.TextScoring text = labelled(conf, files, source, model, command);
        boolean failFast = policy.mode() == BadRecordPolicy.Mode.FAIL;
        org.bernoulli.stats.ClassTally tally = new org.bernoulli.stats.ClassTally(model.classes().size());
        long[] rejected = {0};
        double[] eta = new double[model.classes().size() - 1];
        DriverScoring.read(conf, files, source, new ScoringChecks.Checked(model, null), text, new DriverScoring.LineSink() {
            @Override
            public void header(TextRowScorer scorer, String file, String line) {
                try {
                    scorer.checkHeader(line);
                } catch (RecordFormatException e) {
                    rejected[0] += reject(failFast, file, 1, e.getMessage());
                }
            }

            @Override
            public void write(ScoredBatch batch) {
                for (int i = 0; i < batch.size; i++) {
                    if (batch.reasons[i] != null) {
                        rejected[0] += reject(failFast, batch.file, batch.numbers[i], batch.reasons[i]);
                        continue;
                    }
                    for (int k = 0; k < eta.length; k++) {
                        eta[k] = batch.margins[k][i];
                    }
                    tally.add(eta, (int) batch.labels[i]);
                }
            }
        });
        MarginEvaluation.checkTotals(tally.rows(), tally.lossSum(), rejected[0]);
        return new TalliedClasses(tally, rejected[0]);
    }

    /**
     * How the lines of labelled text are scored.
     *
     * @throws BadInputException when the input has no labels
     */
    private static ScoringInput.TextScoring labelled(Configuration conf, List<FileStatus> files, ScoreSource source,
                                                     org.bernoulli.model.FittedModel model, String command) {
        ScoringInput.TextScoring text = ScoringInput.textScoring(conf, files, source, model, null);
        if (!text.hasLabel()) {
            throw new BadInputException(command + " needs labels: " + source.describe() + " has no label column '"
                    + source.labelColumn() + "' (set it with {LABEL_COLUMN})");
        }
        return text;
    }

    /** A bad line: the run stops ({@code fail}), or it counts 1. */
    private static long reject(boolean failFast, String file, long line, String reason) {
        if (failFast) {
            throw new BadInputException(file + " line " + line + ": " + reason);
        }
        return 1;
    }

    /** Scored lines into a tally; bad lines stop the run ({@code fail}) or are counted. */
    private static final class Tally implements DriverScoring.LineSink {
        private final boolean failFast;
        final MarginTally tally;
        long rejected;

        Tally(boolean failFast, double cut) {
            this.failFast = failFast;
            this.tally = new MarginTally(cut);
        }

        @Override
        public void header(TextRowScorer scorer, String file, String line) {
            try {
                scorer.checkHeader(line);
            } catch (RecordFormatException e) {
                reject(file, 1, e.getMessage());
            }
        }

        @Override
        public void write(ScoredBatch batch) {
            for (int i = 0; i < batch.size; i++) {
                if (batch.reasons[i] != null) {
                    reject(batch.file, batch.numbers[i], batch.reasons[i]);
                } else {
                    tally.add(batch.margins[0][i], batch.labels[i]);
                }
            }
        }

        private void reject(String file, long line, String reason) {
            rejected += DriverEvaluation.reject(failFast, file, line, reason);
        }
    }
}
