package org.bernoulli.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work spread over the driver's cores, its results in the work's order: the driver engine's way of
 * using every core for a pass or a parse, as Spark's tasks use the executors'. The threads (one per
 * core, daemons) are made on first use and kept for the JVM's life, so a pass pays no thread start.
 * A task's failure reaches the caller as the task threw it: a runtime exception or an error as it is,
 * a checked exception wrapped in an {@link IllegalStateException} that names {@code what}.
 */
public final class DriverThreads {
    private static final class Pool {
        static final int THREADS = Runtime.getRuntime().availableProcessors();
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(THREADS, task -> {
            Thread t = new Thread(task, "bernoulli-driver");
            t.setDaemon(true);
            return t;
        });
    }

    private DriverThreads() {
    }

    /**
     * Runs each task, on every core when there are several tasks and cores, and returns their results
     * in the tasks' order; one task (or one core) on the calling thread.
     *
     * @param what what the work is, for the message of a checked failure ("parsing the input")
     */
    public static <T> List<T> inOrder(List<? extends Callable<T>> work, String what) {
        List<T> results = new ArrayList<>(work.size());
        if (work.size() <= 1 || Runtime.getRuntime().availableProcessors() <= 1) {
            for (Callable<T> task : work) {
                try {
                    results.add(task.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
                }
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(work.size());
        for (Callable<T> task : work) {
            futures.add(Pool.EXECUTOR.submit(task));
        }
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw unwrap(e, what);
        } finally {
            for (Future<T> future : futures) {
                future.cancel(true); // the rest of the work, when one task failed
            }
        }
    }

    /**
     * What a task threw, for its caller: a runtime exception or error as it is (out of memory and the
     * like, as the calling thread would have met it), else wrapped with {@code what}.
     */
    public static RuntimeException unwrap(ExecutionException e, String what) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
    }
}
