package org.bernoulli.jobs;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.train.EvaluationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Checkpointing of a training run.
 *
 * @param dir    the checkpoint directory (any Hadoop file system)
 * @param every  write a checkpoint every this many iterations
 * @param resume whether to continue from the checkpoint in {@code dir}
 */
public record Checkpoints(String dir, int every, boolean resume) {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    public Checkpoints {
        checkEvery(every);
    }

    /**
     * The checkpointing the settings ask for: none without a directory (the interval is checked all
     * the same). Resuming from DIR keeps checkpointing into DIR.
     *
     * @param checkpointDir the checkpoint directory, or null
     * @param resume        the directory to resume from, or null
     */
    public static Checkpoints of(String checkpointDir, int every, String resume) {
        checkEvery(every);
        if (resume != null && checkpointDir != null && !resume.equals(checkpointDir)) {
            throw new IllegalArgumentException("{RESUME} " + resume + " and {CHECKPOINT_DIR} " + checkpointDir
                    + " differ; {RESUME} keeps checkpointing into its own directory");
        }
        String dir = resume != null ? resume : checkpointDir;
        return dir == null ? null : new Checkpoints(dir, every, resume != null);
    }

    /**
     * The log of evaluations the checkpoints record, with a resumed run's recorded evaluations
     * first (after checking that it was a run of the same data and options).
     *
     * @param options the run's options that a resumed run must share
     */
    EvaluationLog log(org.bernoulli.files.FileStore fs, Map<String, String> options, FeatureStatistics statistics,
                      FirthDataLoss loss) {
        List<EvaluationLog.Entry> recorded = List.of();
        if (resume) {
            TrainingCheckpoint previous = TrainingCheckpoint.load(fs, dir);
            previous.checkCompatible(options, TrainingCheckpoint.digest(statistics), dir);
            recorded = previous.entries();
            LOG.info("resuming from iteration {} ({} recorded evaluations in {})", previous.iteration(),
                    recorded.size(), dir);
        }
        return new EvaluationLog(loss, recorded);
    }

    /**
     * {@code progress}, and a checkpoint every {@link #every} iterations — but not while a resumed
     * run is still replaying its log (those iterations are already on disk).
     */
    IterationMonitor monitor(org.bernoulli.files.FileStore fs, Map<String, String> options, FeatureStatistics statistics,
                             EvaluationLog log, IterationMonitor progress) {
        long digest = TrainingCheckpoint.digest(statistics);
        return (r, x) -> {
            progress.accept(r, x);
            if (r.iteration() > 0 && r.iteration() % every == 0 && !log.replaying()) {
                TrainingCheckpoint.save(fs, dir, new TrainingCheckpoint(options, digest, r.iteration(),
                        log.entries()));
                LOG.info("checkpoint at iteration {} written to {}", r.iteration(), dir);
            }
            return true;
        };
    }

    private static void checkEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("{CHECKPOINT_EVERY} must be at least 1, got " + every);
        }
    }
}
