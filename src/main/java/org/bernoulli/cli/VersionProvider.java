package org.bernoulli.cli;

import picocli.CommandLine;

/** {@code --version}: Bernoulli's version and the Spark and Java it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "Bernoulli " + (version != null ? version : "development build"),
            "Spark " + org.bernoulli.spark.SparkVersion.onClasspath() + ", Java " + System.getProperty("java.version")
        };
    }
}
