package org.bernoulli.formula;

import org.bernoulli.data.Values;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * One mergeable pass over the columns a formula reads, before the encoding exists: for each
 * column, whether every non-missing cell is a number (the CSV rule for a numeric column) and its
 * distinct values — counted only on rows without a missing value, as R drops unused levels after
 * {@code na.omit}, and kept up to {@code cap} (one more than {@code MAX_LEVELS}), so that an ID
 * column caught by {@code .} costs bounded memory and is named, not encoded. For the columns a basis
 * ({@code poly}, {@code bs}, {@code ns}) transforms it also counts every distinct number over every row
 * where the cell is present — R computes a basis from the column before rows are left out — which
 * costs memory in proportion to the distinct values.
 */
public final class LevelScan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int cap;
    private final boolean[] sawText;
    private final boolean[] overflow;
    private final Set<String>[] texts;
    private final Set<Double>[] numbers;
    private final java.util.Map<Double, Long>[] distributions;
    private long rows;
    private long completeRows;

    /**
     * @param columns the number of columns scanned
     * @param cap     the most distinct values kept per column
     */
    public LevelScan(int columns, int cap) {
        this(columns, cap, new int[0]);
    }

    /**
     * @param columns      the number of columns scanned
     * @param cap          the most distinct values kept per column
     * @param basisColumns the columns whose numbers are counted for a basis
     */
    @SuppressWarnings("unchecked")
    public LevelScan(int columns, int cap, int[] basisColumns) {
        this.cap = cap;
        sawText = new boolean[columns];
        overflow = new boolean[columns];
        texts = new Set[columns];
        numbers = new Set[columns];
        for (int c = 0; c < columns; c++) {
            texts[c] = new HashSet<>();
            numbers[c] = new HashSet<>();
        }
        distributions = new java.util.Map[columns];
        for (int c : basisColumns) {
            distributions[c] = new java.util.HashMap<>();
        }
    }

    /** Whether a row's cells are all present (none missing). */
    public static boolean complete(Object[] cells) {
        for (Object v : cells) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds a row whose cells are text (CSV): null is missing.
     *
     * @param complete whether no cell the formula uses is missing (levels count only then)
     */
    public void addText(String[] cells, boolean complete) {
        rows++;
        if (complete) {
            completeRows++;
        }
        for (int c = 0; c < cells.length; c++) {
            String v = cells[c];
            if (v == null) {
                continue;
            }
            if (!sawText[c] && Double.isNaN(Values.number(v)) && !isNonFiniteWord(v)) {
                sawText[c] = true;
            }
            if (distributions[c] != null) {
                count(c, Values.number(v));
            }
            if (complete) {
                add(texts[c], v, c);
            }
        }
    }

    /**
     * Adds a row of typed cells: a String or Boolean (kept as text, TRUE/FALSE), a Double, or null for missing.
     *
     * @param complete whether no cell the formula uses is missing
     */
    public void addTyped(Object[] cells, boolean complete) {
        rows++;
        if (complete) {
            completeRows++;
        }
        for (int c = 0; c < cells.length; c++) {
            Object v = cells[c];
            if (v == null) {
                continue;
            }
            if (distributions[c] != null && v instanceof Double d) {
                count(c, d);
            }
            if (!complete) {
                continue;
            }
            if (v instanceof Double d) {
                if (Double.isFinite(d)) { // a NaN or infinity is a bad cell, reported when the row is coded
                    add(numbers[c], d, c);
                }
            } else if (v instanceof Boolean b) {
                add(texts[c], b ? "TRUE" : "FALSE", c);
            } else {
                add(texts[c], v.toString(), c);
            }
        }
    }

    private void count(int c, double x) {
        if (Double.isFinite(x)) { // text or a non-finite cell is reported when the row is coded
            distributions[c].merge(x, 1L, Long::sum);
        }
    }

    private <T> void add(Set<T> set, T v, int c) {
        if (set.size() < cap) {
            set.add(v);
        } else if (!set.contains(v)) {
            overflow[c] = true;
        }
    }

    private static boolean isNonFiniteWord(String v) {
        String t = v.strip();
        return t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity") || t.equals("+Infinity");
    }

    /** Adds another scan of the same columns. */
    public LevelScan merge(LevelScan o) {
        rows += o.rows;
        completeRows += o.completeRows;
        for (int c = 0; c < sawText.length; c++) {
            sawText[c] |= o.sawText[c];
            overflow[c] |= o.overflow[c];
            for (String t : o.texts[c]) {
                add(texts[c], t, c);
            }
            for (Double d : o.numbers[c]) {
                add(numbers[c], d, c);
            }
            if (distributions[c] != null) {
                java.util.Map<Double, Long> mine = distributions[c];
                o.distributions[c].forEach((x, n) -> mine.merge(x, n, Long::sum));
            }
        }
        return this;
    }

    /** Whether some non-missing cell of column c is not a number (so a CSV column holds text). */
    public boolean sawText(int c) {
        return sawText[c];
    }

    /** Whether column c has more distinct values (on complete rows) than the cap. */
    public boolean overflow(int c) {
        return overflow[c];
    }

    public Set<String> texts(int c) {
        return texts[c];
    }

    public Set<Double> numbers(int c) {
        return numbers[c];
    }

    /** The distinct numbers of a basis column with their counts, ascending. */
    public java.util.NavigableMap<Double, Long> distribution(int c) {
        if (distributions[c] == null) {
            throw new IllegalStateException("column " + c + " was not scanned for a basis");
        }
        return new java.util.TreeMap<>(distributions[c]);
    }

    public long rows() {
        return rows;
    }

    /** Rows without a missing value in a column the formula uses. */
    public long completeRows() {
        return completeRows;
    }

    public int cap() {
        return cap;
    }
}
