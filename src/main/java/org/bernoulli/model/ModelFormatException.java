package org.bernoulli.model;

/** A model file that cannot be read as a Bernoulli model. */
public class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
