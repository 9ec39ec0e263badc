package org.bernoulli.data;

/** Receives the non-zero features of one row as a parser reads them. */
@FunctionalInterface
public interface FeatureSink {

    /** Feature {@code index} (0-based) has the non-zero value {@code value}. */
    void accept(int index, double value);
}
