package org.bernoulli.spark;

/**
 * A record that failed to parse inside a Spark task, with its file and byte offset. The driver
 * turns the offset into a line number ({@link InputFiles#lineNumberAt}) only when reporting, so the
 * happy path never counts lines.
 */
public class BadRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final String problem;

    public BadRecordException(String file, long offset, String problem) {
        super(file + " at byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public String problem() {
        return problem;
    }
}
