package org.bernoulli.jobs;

import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.train.ModelFitting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/** What a training run reports while it fits: its iterations in the log, its stages and timed phases. */
final class TrainingProgress {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);

    private TrainingProgress() {
    }

    /** The request's iteration monitor, or one line per iteration in the log. */
    static IterationMonitor iterations(TrainingRequest request) {
        int maxIterations = request.settings().stopRule().maxIterations();
        return request.progress() != null ? request.progress() : (r, x) -> logIteration(r, maxIterations);
    }

    /** The run's progress: iterations to {@code monitor}, stages labelling the passes, phases timed, lines logged. */
    static ModelFitting.Progress of(IterationMonitor monitor, AtomicReference<String> stage, PhaseClock clock) {
        return new ModelFitting.Progress() {
            @Override
            public IterationMonitor monitor() {
                return monitor;
            }

            @Override
            public void stage(String what) {
                stage.set(what);
            }

            @Override
            public void phase(String name) {
                clock.begin(name);
            }

            @Override
            public void info(String line) {
                LOG.info(line);
            }
        };
    }

    /** One line per iteration, with a bound on the time left when the iteration limit is reached. */
    private static boolean logIteration(IterationRecord r, int maxIterations) {
        String left = r.iteration() > 0 ? String.format("  at most %.0fs more", r.maxRemainingSeconds(maxIterations))
                : "";
        LOG.info(String.format("iteration %4d  objective %.12g  |grad| %.3e  step %.3e  passes %d  %.2fs%s",
                r.iteration(), r.objective(), r.gradientNorm(), r.step(), r.passes(), r.seconds(), left));
        return true;
    }
}
