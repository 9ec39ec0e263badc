package org.bernoulli.optim;

/** Receives every accepted iterate; may stop the optimizer. */
@FunctionalInterface
public interface IterationMonitor {

    /**
     * Called after the starting point is evaluated (iteration 0) and after each iteration.
     *
     * @param record what the iteration achieved
     * @param x      the accepted point (read only)
     * @return true to go on, false to stop with {@link StopReason#STOPPED_BY_MONITOR}
     */
    boolean accept(IterationRecord record, double[] x);

    IterationMonitor NONE = (record, x) -> true;
}
