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
     * Input without a single example: the message names the input and says why — the rows a formula
     * read were all left out, or were all counts of nothing — or, when no row was read at all, how many
     * files were read (none for a table).
     *
     * @param why why the rows read gave no example ({@link #whyNoExamples}), or null when none was read
     */
    public static BadInputException noExamples(String where, int files, String why) {
        String note = why != null ? ": " + why : files > 0 ? " (" + files + (files == 1 ? " file" : " files")
                + ", empty or only blank/comment lines)" : "";
        return new BadInputException("input " + where + " holds no examples" + note);
    }

    /**
     * Why the rows a formula read gave no example, or null when it read none (then the files are empty).
     *
     * @param rows     the rows read
     * @param complete the rows without a missing value the fit uses
     * @param omitted  whether rows with missing values are left out ({@code NA_ACTION omit})
     */
    public static String whyNoExamples(long rows, long complete, boolean omitted) {
        if (rows == 0) {
            return null;
        }
        if (complete == 0 && omitted) {
            return "each of its " + rows + (rows == 1 ? " row has" : " rows has") + " a missing value the fit uses, "
                    + "and {NA_ACTION=omit} left them all out";
        }
        return "the " + complete + (complete == 1 ? " row" : " rows") + " used hold no trial: every count is 0 "
                + "(successes and failures, or the case weight)";
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
