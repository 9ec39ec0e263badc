package org.bernoulli.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the Spark jars this JVM runs with, read from the resource Spark itself reads it
 * from ({@code spark-version-info.properties}, which {@code org.apache.spark.SPARK_VERSION} reports) —
 * without loading a class of Spark or Scala, so that a run on the driver alone can record it.
 */
public final class SparkVersion {
    private static final String RESOURCE = "spark-version-info.properties";

    private SparkVersion() {
    }

    /**
     * @throws IllegalStateException when no Spark is on the class path (a broken installation)
     */
    public static String onClasspath() {
        try (InputStream in = SparkVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no Spark on the class path: " + RESOURCE + " not found");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(RESOURCE + " names no version");
            }
            return version.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
