package org.bernoulli.jobs;

/**
 * Checkpointing of a training run.
 *
 * @param dir    the checkpoint directory (any Hadoop file system)
 * @param every  write a checkpoint every this many iterations
 * @param resume whether to continue from the checkpoint in {@code dir}
 */
public record Checkpoints(String dir, int every, boolean resume) {
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

    private static void checkEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("{CHECKPOINT_EVERY} must be at least 1, got " + every);
        }
    }
}
