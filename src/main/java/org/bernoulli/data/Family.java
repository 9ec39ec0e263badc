package org.bernoulli.data;

import java.util.Locale;

/**
 * The likelihood of the response: one Bernoulli trial per row (two classes), or one categorical
 * trial per row (more than two). {@link #AUTO} chooses by the response: binomial for two classes,
 * multinomial for more.
 */
public enum Family {
    AUTO, BINOMIAL, MULTINOMIAL;

    /** The family by its name (any case). */
    public static Family parse(String name) {
        for (Family f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new UsageException("{FAMILY} must be auto, binomial or multinomial, got '" + Values.echo(name) + "'");
    }

    /** The name users write: auto, binomial, multinomial. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
