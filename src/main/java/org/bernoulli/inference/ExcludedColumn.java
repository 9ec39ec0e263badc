package org.bernoulli.inference;

/**
 * A feature column whose coefficient the data cannot determine, held at 0 instead of estimated.
 *
 * @param name   the feature name
 * @param reason {@code constant} (one value in every row: the intercept already covers it) or
 *               {@code aliased} (a linear combination of the intercept and earlier columns)
 */
public record ExcludedColumn(String name, String reason) {
    public static final String CONSTANT = "constant";
    public static final String ALIASED = "aliased";
}
