package org.bernoulli.formula;

/**
 * What a data column holds, from its schema or, for CSV, from its cells: numbers (every
 * non-missing cell parses as one), text, or booleans. Text and boolean columns enter a formula as
 * factors; numbers as numbers, or as factors through {@code factor()}.
 */
public enum ColumnKind {
    NUMBER, TEXT, BOOLEAN
}
