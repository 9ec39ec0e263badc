package org.bernoulli.data;

/** Input formats for labelled data. */
public enum InputFormat {
    /** {@code label index:value …} lines, 1-based ascending indices. */
    LIBSVM,
    /** A header line, then one example per line; label, optional weight, numeric features. */
    CSV,
    /** Parquet files with numeric feature columns, or one array/vector column (scoring and evaluation). */
    PARQUET
}
