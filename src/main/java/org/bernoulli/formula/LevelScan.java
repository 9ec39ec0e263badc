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
 * column caught by {@code .} costs bounded memory and is named, not encoded.
 */
public final class LevelScan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int cap;
    private final boolean[] sawText;
    private final boolean[] overflow;
    private final Set<String>[] texts;
    private final Set<Double>[] numbers;
    private long rows;
    private long completeRows;

    /**
     * @param columns the number of columns scanned
     * @param cap     the most distinct values kept per column
     */
    @SuppressWarnings("unchecked")
    public LevelScan(int columns, int cap) {
        this.cap = cap;
        sawText = new boolean[columns];
        overflow = new boolean[columns];
        texts = new Set[columns];
        numbers = new Set[columns];
        for (int c = 0; c < columns; c++) {
            texts[c] = new HashSet<>();
            numbers[c] = new HashSet<>();
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
