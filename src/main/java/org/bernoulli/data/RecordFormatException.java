package org.bernoulli.data;

/**
 * One record (line) cannot be parsed. Carries only the problem; the reader that knows the file
 * and position adds them.
 */
public class RecordFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public RecordFormatException(String problem) {
        super(problem);
    }
}
