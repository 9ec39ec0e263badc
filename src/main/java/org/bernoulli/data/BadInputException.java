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
}
