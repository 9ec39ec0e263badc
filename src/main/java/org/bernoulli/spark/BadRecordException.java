package org.bernoulli.spark;

/**
 * A record that failed to parse inside a Spark task, with its file and where it is: the line
 * number when the task knows it (its split starts the file, so it counted the lines itself), else
 * the byte offset, which the driver turns into a line number ({@link InputFiles#lineNumberAt}) only
 * when reporting, so the happy path never counts lines.
 */
public class BadRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final long line;
    private final String problem;

    /**
     * @param line the 1-based line number, or 0 when only the offset is known
     */
    public BadRecordException(String file, long offset, long line, String problem) {
        super(file + (line > 0 ? " line " + line : " at byte " + offset) + ": " + problem);
        this.file = file;
        this.offset = offset;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** Byte offset of the line in the (uncompressed) file. */
    public long offset() {
        return offset;
    }

    /** The 1-based line number, or 0 when it must be found from {@link #offset()}. */
    public long line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
