package org.bernoulli.jobs;

import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.UsageException;
import org.bernoulli.local.LocalFiles;
import org.bernoulli.spark.SparkSessions;

import java.util.Locale;

/**
 * {@code ENGINE}: where a command runs. {@code spark} always starts (or joins) a Spark session;
 * {@code local} runs on the driver with no Spark session at all — {@code train} reads, fits, infers
 * and reports there, {@code score}, {@code evaluate} and {@code report DATA} stream the rows
 * there; {@code auto} takes {@code local} when nothing needs Spark — an embedded master, LIBSVM or
 * CSV files on this machine (plain or gzip), for {@code train} no {@code PARTITIONS} and input
 * small enough to hold ({@link #localMaxBytes()}), for scoring Parquet output on this machine and
 * input the driver's threads read about as fast as Spark would ({@link #SCORING_LOCAL_MAX_BYTES})
 * — and {@code spark} otherwise.
 */
public enum EngineChoice {
    AUTO, LOCAL, SPARK;

    /**
     * Largest input (bytes on disk, a gzip file counted four times) that {@code auto} reads on the
     * driver: 256 MiB, and at most an eighth of the heap — text of numbers takes about as many bytes
     * as the doubles it holds, and the driver must hold those blocks with room to spare.
     */
    public static long localMaxBytes() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    /**
     * The engine a run uses: {@link #LOCAL} or {@link #SPARK}.
     *
     * @param master {@code MASTER}, or null for the launcher's or the default
     * @throws UsageException for {@code local} when the input or the master needs Spark
     */
    public EngineChoice resolve(String master, InputSpec input) {
        if (this == SPARK) {
            return SPARK;
        }
        String why = whyNotLocal(master, input);
        if (this == LOCAL) {
            if (why != null) {
                throw new UsageException("{ENGINE=local} reads LIBSVM and CSV files of this machine on the driver; "
                        + why + ": use {ENGINE=spark} or auto");
            }
            return LOCAL;
        }
        if (why != null) {
            return SPARK;
        }
        long bytes;
        try {
            bytes = LocalFiles.expandedBytes(input.path());
        } catch (org.bernoulli.data.BadInputException e) {
            return LOCAL; // a missing or empty input: the job reports it, after checking the output
        }
        return bytes <= localMaxBytes() ? LOCAL : SPARK;
    }

    /**
     * The engine a scoring run uses: {@link #LOCAL} or {@link #SPARK}. {@code auto} scores on the
     * driver for an embedded master, LIBSVM or CSV files of this machine (plain or gzip) of at most
     * {@link #SCORING_LOCAL_MAX_BYTES}, and Parquet output on this machine; the driver streams the
     * rows, so size bounds only its single thread's time against Spark's start and its cores.
     *
     * @throws UsageException for {@code local} when the request needs Spark
     */
    public EngineChoice resolveScoring(String master, ScoringRequest request) {
        if (this == SPARK) {
            return SPARK;
        }
        String why = whyNotEmbedded(master);
        if (why == null) {
            why = DriverScoring.whyNot(request);
        }
        if (this == LOCAL) {
            if (why != null) {
                throw new UsageException("{ENGINE=local} scores LIBSVM and CSV files of this machine into Parquet on "
                        + "the driver; " + why + ": use {ENGINE=spark} or auto");
            }
            return LOCAL;
        }
        return why != null ? SPARK : bySize(request.source().path());
    }

    /**
     * The engine an {@code evaluate} or {@code report DATA} run uses: as for scoring, with the
     * files written named in {@code outputs} (null for none). Without input to read ({@code report}
     * of the stored evaluation), always the driver.
     *
     * @throws UsageException for {@code local} when the input needs Spark
     */
    public EngineChoice resolveReading(String master, ScoreSource source, String... outputs) {
        if (this == SPARK) {
            return SPARK;
        }
        if (source == null) {
            return LOCAL;
        }
        String why = whyNotEmbedded(master);
        if (why == null) {
            why = DriverScoring.whyNot(source, outputs);
        }
        if (this == LOCAL) {
            if (why != null) {
                throw new UsageException("{ENGINE=local} reads LIBSVM and CSV files of this machine on the driver; "
                        + why + ": use {ENGINE=spark} or auto");
            }
            return LOCAL;
        }
        return why != null ? SPARK : bySize(source.path());
    }

    /** {@link #LOCAL} for input of at most {@link #SCORING_LOCAL_MAX_BYTES}, else {@link #SPARK}. */
    private static EngineChoice bySize(String path) {
        try {
            return LocalFiles.totalBytes(path) <= SCORING_LOCAL_MAX_BYTES ? LOCAL : SPARK;
        } catch (org.bernoulli.data.BadInputException e) {
            return LOCAL; // a missing input: the job reports it, after checking the outputs
        }
    }

    /**
     * Largest input {@code auto} scores on the driver: 1 GiB, which one thread parses in about the
     * time embedded Spark takes to start and then parse it on two cores.
     */
    public static final long SCORING_LOCAL_MAX_BYTES = 1L << 30;

    /** Why the master needs Spark (a cluster), or null for an embedded one. */
    private static String whyNotEmbedded(String master) {
        String effective = master != null ? master : System.getProperty("spark.master", SparkSessions.DEFAULT_MASTER);
        return effective.startsWith("local") ? null : "the master " + effective + " is a cluster";
    }

    /** Why a run needs Spark (whatever its size), or null when the driver can run it alone. */
    static String whyNotLocal(String master, InputSpec input) {
        String embedded = whyNotEmbedded(master);
        if (embedded != null) {
            return embedded;
        }
        if (input.source() != null || (input.format() != InputFormat.LIBSVM && input.format() != InputFormat.CSV)) {
            return input.source() != null && input.source().table() != null
                    ? "the catalog table " + input.source().table() + " is read by Spark"
                    : "the input is read by Spark's " + (input.source() != null ? input.source().name()
                    : input.format().name().toLowerCase(Locale.ROOT)) + " reader";
        }
        if (input.partitions() > 0) {
            return "{PARTITIONS} asks for Spark partitions";
        }
        String path = LocalFiles.whyNotLocal(input.path());
        return path == null ? null : "the input " + input.path() + " is " + path;
    }
}
