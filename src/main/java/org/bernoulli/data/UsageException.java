package org.bernoulli.data;

/**
 * The options a user gave cannot apply to what the command found once its paths and columns are
 * known: an output that equals, contains or lies inside an input or another output, an id column
 * that is one of the model's features. A usage error (exit code 2), not bad data; the message names
 * the options involved. Option values that are wrong on their own are refused earlier, by the value
 * records the command builds.
 */
public class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
