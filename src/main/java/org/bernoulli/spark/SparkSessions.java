package org.bernoulli.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Obtains the Spark session a command runs in. Under {@code spark-submit} the master and all
 * settings come from the launcher; run directly, the default master is {@code local[*]} (embedded
 * Spark, all cores of this machine). A session that already exists in the JVM (a notebook, a test)
 * is used as it is and left running.
 */
public final class SparkSessions {

    /** The master used when neither {@code MASTER} nor spark-submit names one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /** A session and whether closing the handle should stop it. */
    public record Handle(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }

    /**
     * @param master  a Spark master URL, or null for the launcher's or the default
     * @param appName the application name shown in the Spark UI
     */
    public static Handle open(String master, String appName) {
        SparkSession existing = SparkSession.getDefaultSession().getOrElse(() -> null);
        if (existing != null && !existing.sparkContext().isStopped()) {
            return new Handle(existing, false);
        }
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        String effective = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
        builder.master(effective);
        if (effective.startsWith("local")) {
            // Embedded Spark talks to itself only: keep its driver on the loopback interface.
            builder.config("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"))
                    .config("spark.driver.bindAddress", System.getProperty("spark.driver.bindAddress", "127.0.0.1"));
        }
        if (System.getProperty("spark.kryo.registrator") == null) {
            // Only consulted when spark.serializer is Kryo; then Bernoulli's records need it.
            builder.config("spark.kryo.registrator", KryoRegistration.class.getName());
        }
        return new Handle(builder.getOrCreate(), true);
    }
}
