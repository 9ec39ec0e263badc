package org.bernoulli.data;

/**
 * Input the user supplied cannot be used: a missing path, a malformed record, a label outside
 * {0, 1}. The message says where (file, line or row) and what was expected and found.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Input without a single example: the message names the input and adds how many files were read
     * (none for a table) and, when rows with missing values were left out, that every row had one.
     */
    public static BadInputException noExamples(String where, int files, boolean missingValuesOmitted) {
        String note = files > 0 ? " (" + files + (files == 1 ? " file" : " files") + ", empty or only blank/comment "
                + "lines)" : "";
        return new BadInputException("input " + where + " holds no examples"
                + (missingValuesOmitted ? note + "; every row has a missing value the formula uses" : note));
    }

    /**
     * A file that cannot be read to its end — typically a truncated or corrupt compressed file: its
     * name and the reader's complaint, with what that usually means for a compressed file.
     */
    public static BadInputException unreadable(String file, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        boolean compressed = cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException
                || message.toLowerCase(java.util.Locale.ROOT).contains("stream");
        return new BadInputException(file + ": cannot be read: " + Values.echo(message)
                + (compressed ? " (the compressed data is truncated or corrupt)" : ""), cause);
    }
}
