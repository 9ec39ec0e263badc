package org.bernoulli.jobs;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;

/**
 * Wall-clock seconds per phase of a command, for the log and {@code model.json}: the first phase,
 * start-up, runs from the JVM's start to the clock's; each {@link #begin} ends the phase before.
 * Given a count of passes over the data ({@link #countPasses}), it also says how many each phase made.
 */
final class PhaseClock {
    /** The phase of checking the inputs and outputs (and reading the model) before any data is read. */
    static final String CHECKING = "checking paths";

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Long> passes = new LinkedHashMap<>();
    private LongSupplier passCount = () -> 0;
    private String current;
    private long since;
    private long passesSince;

    /** A clock whose start-up phase ends now. */
    PhaseClock() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        seconds.put("start-up", Math.max(0, System.currentTimeMillis() - jvmStart) / 1e3);
    }

    /** Ends the current phase, if any, and begins {@code phase}. */
    void begin(String phase) {
        end();
        current = phase;
        since = System.nanoTime();
        passesSince = passCount.getAsLong();
    }

    /** Counts the passes of every later phase by {@code count} (a running total). */
    void countPasses(LongSupplier count) {
        passCount = count;
        passesSince = count.getAsLong();
    }

    /** Ends the current phase. */
    void end() {
        if (current != null) {
            seconds.merge(current, (System.nanoTime() - since) / 1e9, Double::sum);
            long made = passCount.getAsLong() - passesSince;
            if (made > 0) {
                passes.merge(current, made, Long::sum);
            }
            current = null;
        }
    }

    /** The phases ended so far, in order. */
    Map<String, Double> ended() {
        return new LinkedHashMap<>(seconds);
    }

    /** "fit 5, inference 1, drop1 24": the passes over the data of the phases that made any. */
    String describePasses() {
        StringJoiner out = new StringJoiner(", ");
        passes.forEach((phase, n) -> out.add(phase + " " + n));
        return out.length() == 0 ? "none" : out.toString();
    }

    /** "start-up 5.6 s, reading and statistics 3.1 s, …" over the phases ended so far. */
    String describe() {
        StringJoiner out = new StringJoiner(", ");
        seconds.forEach((phase, s) -> out.add(String.format(Locale.ROOT, "%s %.2f s", phase, s)));
        return out.toString();
    }
}
