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
        super(org.bernoulli.data.BadInputException.unreadable(file, cause).getMessage(), cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
