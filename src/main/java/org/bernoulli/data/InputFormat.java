package org.bernoulli.data;

/** Input formats for labelled data. */
public enum InputFormat {
    /** {@code label index:value …} lines, 1-based ascending indices. */
    LIBSVM,
    /** A header line, then one example per line; label, optional weight, numeric features. */
    CSV,
    /** Parquet files (a file, or a directory of parts) read by Spark's Parquet source; columns typed by the schema. */
    PARQUET,
    /** ORC files, read by Spark's ORC source. */
    ORC,
    /** JSON lines, read by Spark's JSON source. */
    JSON,
    /** A table of the session's catalog ({@code TABLE}). */
    TABLE,
    /** Any other Spark data source, by its name ({@code FORMAT avro}, with {@code READ_OPTION}s). */
    OTHER;

    /** Whether Spark's data sources read this format (typed columns), rather than Bernoulli's text readers. */
    public boolean isTable() {
        return this != LIBSVM && this != CSV;
    }
}
