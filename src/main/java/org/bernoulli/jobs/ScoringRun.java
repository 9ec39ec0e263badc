package org.bernoulli.jobs;

import org.apache.hadoop.conf.Configuration;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.spark.HadoopFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scoring run, whichever engine scores: it checks the request ({@link ScoringChecks}), stages
 * the output all or nothing ({@link StagedOutput}), times the phases and writes the row accounting
 * ({@link RowAccounting}) beside the rows; the engine — Spark's jobs or the driver alone — only
 * reads, scores and writes the rows (and the rejected ones aside) into the staging directory.
 */
final class ScoringRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringRun.class);

    private ScoringRun() {
    }

    /** How an engine reads, scores and writes the rows of a checked request. */
    interface Engine {
        /** The engine's name in the log: "spark" or "local". */
        String name();

        Configuration hadoopConfiguration();

        /**
         * Scores every input row into {@code out}'s staging directory, the scoring phase and any
         * other marked on {@code clock}; writes the rejected rows aside under a quarantine policy.
         *
         * @return the rows read, scored and rejected
         */
        RowAccounting score(ScoringRequest request, ScoringChecks.Checked checked, StagedOutput out, PhaseClock clock);
    }

    static RowAccounting run(Engine engine, ScoringRequest request) {
        PhaseClock clock = new PhaseClock();
        clock.begin(PhaseClock.CHECKING);
        FileStore files = new HadoopFileStore(engine.hadoopConfiguration());
        ScoringChecks.Checked checked = ScoringChecks.check(files, request);
        try (StagedOutput out = StagedOutput.begin(files, request.output(), request.overwrite())) {
            RowAccounting accounting = engine.score(request, checked, out, clock);
            clock.end();
            accounting.write(out, request, clock);
            out.commit();
            LOG.info("phases: " + clock.describe());
            LOG.info("rows read {}, scored {}, rejected {} (engine {})", accounting.rowsRead(), accounting.rowsScored(),
                    accounting.rowsRejected(), engine.name());
            return accounting;
        }
    }
}
