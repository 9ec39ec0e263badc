package org.bernoulli.data;

import java.util.List;

/**
 * A model formula and how its data is read.
 *
 * @param formula       {@code RESPONSE ~ TERMS}, R's syntax
 * @param naAction      {@code fail} (the default: the first missing value is an error naming it) or
 *                      {@code omit} (rows with a missing value the formula uses are left out and counted)
 * @param naValues      CSV cells that mean "missing" besides the empty cell and {@code NA}
 * @param positiveLabel the value of a two-valued text response that is 1, or null for R's rule
 *                      (the second of the two in sorted order)
 * @param maxLevels     the most levels a factor may have (an ID column caught by {@code .} is refused)
 * @param family        the response's likelihood; {@link Family#AUTO} (null) chooses by its classes
 * @param referenceClass for a multinomial response, the class whose linear predictor is 0; null for R's
 *                      rule (the first level in sorted order)
 */
public record FormulaOptions(String formula, String naAction, List<String> naValues, String positiveLabel,
                             int maxLevels, Family family, String referenceClass) implements java.io.Serializable {

    public static final int DEFAULT_MAX_LEVELS = 10_000;

    public FormulaOptions {
        if (formula == null || formula.isBlank()) {
            throw new IllegalArgumentException("{FORMULA} must not be empty; expected RESPONSE ~ TERMS");
        }
        if (!"fail".equals(naAction) && !"omit".equals(naAction)) {
            throw new IllegalArgumentException("{NA_ACTION} must be fail or omit, got '" + naAction + "'");
        }
        naValues = naValues == null ? List.of() : List.copyOf(naValues);
        if (maxLevels < 2) {
            throw new IllegalArgumentException("{MAX_LEVELS} must be at least 2, got " + maxLevels);
        }
        family = family == null ? Family.AUTO : family;
        if (referenceClass != null && family == Family.BINOMIAL) {
            throw new IllegalArgumentException("{REFERENCE_CLASS} chooses the reference of a multinomial response; "
                    + "for two classes choose the class coded 1 with {POSITIVE_LABEL}");
        }
    }

    /** Options of a response whose family is chosen by its classes (two: binomial, more: multinomial). */
    public FormulaOptions(String formula, String naAction, List<String> naValues, String positiveLabel, int maxLevels) {
        this(formula, naAction, naValues, positiveLabel, maxLevels, Family.AUTO, null);
    }
}
