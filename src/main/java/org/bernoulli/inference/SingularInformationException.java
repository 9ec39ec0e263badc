package org.bernoulli.inference;

/** The information matrix cannot be inverted: the parameters are not all identified by the data. */
public final class SingularInformationException extends RuntimeException {
    public SingularInformationException(String message, Throwable cause) {
        super(message, cause);
    }
}
