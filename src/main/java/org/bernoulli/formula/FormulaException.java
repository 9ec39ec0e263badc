package org.bernoulli.formula;

import org.bernoulli.data.UsageException;

/**
 * A formula that cannot be read or cannot be coded for the data: a usage error (exit 2), the
 * message naming the formula and the problem.
 */
public final class FormulaException extends UsageException {
    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}
