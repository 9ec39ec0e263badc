package org.bernoulli.spark;

/**
 * An input file that cannot be read to its end inside a Spark task — typically a truncated or
 * corrupt compressed file — with the file's name, which the task knows and the driver's view of a
 * failed stage does not.
 */
public class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public UnreadableFileException(String file, Throwable cause) {
        super(file + ": cannot be read: " + describe(cause), cause);
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** The reader's complaint, with what it usually means for a compressed file. */
    static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        boolean compressed = cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException
                || message.toLowerCase(java.util.Locale.ROOT).contains("stream");
        return org.bernoulli.data.Values.echo(message) + (compressed ? " (the compressed data is truncated or corrupt)"
                : "");
    }
}
