package org.bernoulli.formula;

import java.util.Locale;

/** What to do with a row that misses a value the formula uses: stop, naming it, or leave the row out (R's na.omit). */
public enum NaAction {
    FAIL, OMIT;

    /** From {@code NA_ACTION}. */
    public static NaAction parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("{NA_ACTION} must be fail or omit, got '" + value + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
