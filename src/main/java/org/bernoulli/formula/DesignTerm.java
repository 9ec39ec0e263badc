package org.bernoulli.formula;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One term of a design: the product of its variables, each factor coded by treatment contrasts
 * (its first level has no column) or in full, over the coefficient columns [from, to). The columns
 * run over the levels of its factors with the first variable fastest.
 *
 * @param label     the term as R labels it ({@code education:age})
 * @param variables the design's variables the term multiplies, in the term's order
 * @param full      per variable of the term: whether a factor is coded by one indicator per level
 * @param from      the term's first coefficient column
 * @param to        one past its last
 */
record DesignTerm(String label, int[] variables, boolean[] full, int from, int to) implements Serializable {

    DesignTerm {
        if (variables.length != full.length || to < from) {
            throw new IllegalArgumentException("term " + label + ": " + variables.length + " variables, "
                    + full.length + " codings, columns [" + from + ", " + to + ")");
        }
    }

    /** The names R gives the columns of a term, {@code a2:b3} style, first variable fastest. */
    static List<String> columnNames(int[] variables, boolean[] full, DesignVariable[] all) {
        List<String> parts = new ArrayList<>();
        parts.add("");
        for (int m = 0; m < variables.length; m++) {
            DesignVariable v = all[variables[m]];
            List<String> own = new ArrayList<>();
            if (!v.isFactor()) {
                own.add(v.label());
            } else {
                for (int l = full[m] ? 0 : 1; l < v.levels().size(); l++) {
                    own.add(v.label() + v.levels().get(l));
                }
            }
            List<String> next = new ArrayList<>();
            for (String o : own) {
                for (String p : parts) {
                    next.add(p.isEmpty() ? o : p + ":" + o);
                }
            }
            parts = next;
        }
        return parts;
    }

    /** The number of columns the term's {@code m}-th variable spans: 1 for a number, its coded levels for a factor. */
    private static int span(DesignVariable v, boolean full) {
        return !v.isFactor() ? 1 : full ? v.levels().size() : v.levels().size() - 1;
    }

    /**
     * The cell the term's column {@code column} marks when every variable is a factor — "f = 'c'",
     * or "a = 'a2' and b = 'b3'" — else null (the column carries a number).
     */
    String describeCell(int column, DesignVariable[] all) {
        int index = column - from;
        List<String> parts = new ArrayList<>();
        for (int m = 0; m < variables.length; m++) {
            DesignVariable v = all[variables[m]];
            if (!v.isFactor()) {
                return null;
            }
            int span = span(v, full[m]);
            int level = index % span + (full[m] ? 0 : 1);
            index /= span;
            parts.add(v.label() + " = '" + v.levels().get(level) + "'");
        }
        return String.join(" and ", parts);
    }

    boolean contains(int column) {
        return column >= from && column < to;
    }
}
