package org.bernoulli.spark;

/**
 * A row of a Spark table that cannot be coded, stopping its task: the message says where (file and
 * row, or the table) and what is wrong. {@link JobFailures} hands it on as bad input.
 */
public class BadRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRowException(String where, String problem) {
        super(where + ": " + problem);
    }
}
