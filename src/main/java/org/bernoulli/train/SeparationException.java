package org.bernoulli.train;

/**
 * The classes are linearly separable, so the likelihood has no finite maximizer: it keeps
 * growing as the coefficients grow along the separating direction. No model is returned, because
 * any coefficients would be an arbitrary point on a path to infinity.
 */
public class SeparationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SeparationException(String message) {
        super(message);
    }
}
