package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.bernoulli.data.BadInputException;

import java.io.IOException;

/**
 * Turns a failed Spark job into the message a user needs. A bad record fails its task with a
 * {@link BadRecordException} (file and byte offset), or, inside a SQL expression, with an error
 * whose message carries {@link #BAD_RECORD_MARKER}; either becomes a {@link BadInputException}
 * naming file, line or row, and problem; a file that cannot be read to its end
 * ({@link UnreadableFileException}) becomes one naming the file. Anything else passes through
 * unchanged.
 */
public final class JobFailures {

    /** Prefix of the messages that bad-record checks inside SQL expressions raise. */
    public static final String BAD_RECORD_MARKER = "bad record: ";

    private JobFailures() {
    }

    /** A bad record reported from a SQL expression: the reason is known, the row not yet. */
    public static final class UnlocatedBadRecord extends BadInputException {
        private static final long serialVersionUID = 1L;

        UnlocatedBadRecord(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private static final java.util.regex.Pattern READ_FILE = java.util.regex.Pattern.compile(
            "(?:\\[[A-Z0-9_.]*\\] )?Encountered error while reading file (\\S+?)\\.(?:\\s|$)(.*)",
            java.util.regex.Pattern.DOTALL);

    /**
     * Spark's "[FAILED_READ_FILE…] Encountered error while reading file F. …" as "cannot read F: what
     * went wrong" (Spark's own detail, else the innermost cause's), on one line; else null.
     */
    private static String failedReadFile(String message, Throwable t) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = READ_FILE.matcher(message);
        if (!m.find()) {
            return null;
        }
        String detail = SparkSources.firstLine(m.group(2).isBlank() ? "" : m.group(2));
        if (detail.isBlank() || detail.startsWith("SQLSTATE")) {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String said = root.getMessage() == null ? "" : SparkSources.firstLine(root.getMessage());
            // A bare index or offset says nothing on its own: name the failure, and what usually causes it.
            detail = (said.contains(" ") ? said : root.getClass().getSimpleName() + (said.isEmpty() ? "" : " " + said))
                    + " in the source's reader (a corrupt or truncated file, or one written in another format)";
        }
        return "cannot read " + m.group(1) + ": " + detail;
    }

    public static RuntimeException translate(Exception failure, Configuration conf) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadRecordException bad) {
                String where;
                try {
                    where = bad.file() + " line " + (bad.line() > 0 ? bad.line()
                            : InputFiles.lineNumberAt(conf, bad.file(), bad.offset()));
                } catch (IOException io) {
                    where = bad.file() + " at byte " + bad.offset();
                }
                return new BadInputException(where + ": " + bad.problem(), failure);
            }
            if (t instanceof BadRowException row) {
                return new BadInputException(row.getMessage(), failure);
            }
            if (t instanceof UnreadableFileException unreadable) {
                return new BadInputException(unreadable.getMessage(), failure);
            }
            String message = t.getMessage();
            String unreadable = failedReadFile(message, t);
            if (unreadable != null) {
                return new BadInputException(unreadable, failure);
            }
            int at = message == null ? -1 : message.indexOf(BAD_RECORD_MARKER);
            if (at >= 0) {
                String rest = message.substring(at + BAD_RECORD_MARKER.length());
                int end = rest.indexOf(" SQLSTATE");
                rest = (end >= 0 ? rest.substring(0, end) : rest).lines().findFirst().orElse(rest).strip();
                if (rest.endsWith("\"") || rest.endsWith("'")) {
                    rest = rest.substring(0, rest.length() - 1);
                }
                return new UnlocatedBadRecord(rest, failure);
            }
        }
        // A write that failed for a reason of its own (Spark 3.5 also wraps a bad row met while writing in
        // TASK_WRITE_FAILED: the bad row, found above, is what the user needs).
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("[TASK_WRITE_FAILED]")) {
                java.util.regex.Matcher path = java.util.regex.Pattern.compile("writing rows to (\\S+?)\\.?(\\s|$)")
                        .matcher(message);
                return org.bernoulli.data.WriteFailedException.writing(path.find() ? org.bernoulli.files.StagedOutput.targetOf(path.group(1))
                        : "the output", t);
            }
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("Spark job failed: " + failure.getMessage(), failure);
    }
}
