package org.bernoulli.formula;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One term of a design: the product of its variables, each factor coded by its contrasts (by
 * treatment contrasts its first level has no column) or in full, over the coefficient columns
 * [from, to). The columns run over the columns of its variables with the first variable fastest.
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
            List<String> next = new ArrayList<>();
            for (String o : all[variables[m]].columnNames(full[m])) {
                for (String p : parts) {
                    next.add(p.isEmpty() ? o : p + ":" + o);
                }
            }
            parts = next;
        }
        return parts;
    }

    /** Whether a row may have more than one non-zero among the term's columns (a basis or a dense contrast in it). */
    boolean dense(DesignVariable[] all) {
        for (int m = 0; m < variables.length; m++) {
            if (all[variables[m]].dense(full[m])) {
                return true;
            }
        }
        return false;
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
            if (!v.isFactor() || v.dense(full[m])) {
                return null;
            }
            int span = v.span(full[m]);
            int level = index % span + (full[m] ? 0 : 1);
            index /= span;
            parts.add(v.label() + " = '" + v.levels().get(level) + "'");
        }
        return String.join(" and ", parts);
    }

    boolean contains(int column) {
        return column >= from && column < to;
    }

    /**
     * Writes the term's non-zero columns at {@code out[nnz…]}, ascending: the Kronecker product of its
     * variables' codings, the first variable fastest. Each variable contributes its (column, value)
     * entries — one for a number or an indicator, every column for a basis or a sum/Helmert contrast —
     * and the product is built in place (the entries of the variables so far, times each entry of the
     * next, written from the back so that nothing is overwritten before it is read).
     *
     * @return the new count of non-zeros
     */
    int encode(DesignVariable[] all, EncodedRow out, int nnz, double limit) {
        return encode(all, out, out, nnz, limit, -1);
    }

    /**
     * As {@link #encode(DesignVariable[], EncodedRow, int, double)}, the variables' values read from
     * {@code in} and the columns written to {@code out}; with {@code differentiate} ≥ 0, the term's
     * variable at that position contributes its derivative ({@link EncodedRow#slopes},
     * {@link EncodedRow#slopeVectors}) instead of its value — one summand of the product rule.
     */
    int encode(DesignVariable[] all, EncodedRow in, EncodedRow out, int nnz, double limit, int differentiate) {
        int[] vars = variables;
        int base = nnz;
        out.indices[base] = from;
        out.values[base] = 1.0;
        int count = 1;
        int stride = 1;
        for (int m = 0; m < vars.length; m++) {
            DesignVariable variable = all[vars[m]];
            int v = vars[m];
            int span = variable.span(full[m]);
            if (variable.basis() != null) {
                count = cross(out, base, count, stride, m == differentiate ? in.slopeVectors[v] : in.vectors[v], span);
            } else if (!variable.isFactor()) {
                double x = m == differentiate ? in.slopes[v] : in.numbers[v];
                for (int e = 0; e < count; e++) {
                    out.values[base + e] *= x;
                }
            } else if (in.shares != null) {
                // A row of means: the factor's columns carry its levels' shares (times its contrast), not one level.
                double[] vector = in.vectors[v];
                double[] share = in.shares[v];
                int k = share.length;
                for (int j = 0; j < span; j++) {
                    double sum = 0.0;
                    for (int l = 0; l < k; l++) {
                        // Once per row of means, so from the contrast itself (treatment keeps no k × (k − 1) matrix).
                        double coding = full[m] ? (l == j ? 1.0 : 0.0) : variable.contrast().value(l, j, k);
                        sum += share[l] * coding;
                    }
                    vector[j] = sum;
                }
                count = cross(out, base, count, stride, vector, span);
            } else {
                int code = in.codes[v];
                if (full[m]) {
                    shift(out, base, count, code * stride);
                } else if (variable.contrast() == VariableForm.Contrast.TREATMENT) {
                    if (code == 0) {
                        return nnz; // the reference level: the term is zero on this row
                    }
                    shift(out, base, count, (code - 1) * stride);
                } else {
                    count = cross(out, base, count, stride, variable.contrastRows()[code], span);
                }
            }
            stride *= span;
        }
        int kept = base;
        for (int e = base; e < base + count; e++) {
            double value = out.values[e];
            if (value != 0.0) {
                if (!Double.isFinite(value) || Math.abs(value) > limit) {
                    throw new org.bernoulli.data.RecordFormatException(label + " is " + value + " on this row; expected a "
                            + "finite number");
                }
                out.indices[kept] = out.indices[e];
                out.values[kept++] = value;
            }
        }
        return kept;
    }

    private static void shift(EncodedRow out, int base, int count, int by) {
        for (int e = 0; e < count; e++) {
            out.indices[base + e] += by;
        }
    }

    /** The entries so far times each of the variable's {@code span} values, the variable's index the slower. */
    private static int cross(EncodedRow out, int base, int count, int stride, double[] values, int span) {
        for (int j = span - 1; j >= 0; j--) {
            for (int e = count - 1; e >= 0; e--) {
                out.indices[base + j * count + e] = out.indices[base + e] + j * stride;
                out.values[base + j * count + e] = out.values[base + e] * values[j];
            }
        }
        return count * span;
    }
}
