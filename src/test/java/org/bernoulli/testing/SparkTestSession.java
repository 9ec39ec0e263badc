package org.bernoulli.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of the test JVM: {@code local[2]}, UI off, bound to 127.0.0.1.
 * Created on first use and stopped when the JVM exits, so test classes share its start-up cost.
 */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder()
                    .appName("bernoulli-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.ui.showConsoleProgress", "false")
                    // Catalog tables written by tests stay under target/.
                    .config("spark.sql.warehouse.dir", java.nio.file.Path.of("target", "spark-warehouse")
                            .toAbsolutePath().toUri().toString())
                    .getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return session;
    }
}
