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
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("Spark job failed: " + failure.getMessage(), failure);
    }
}
