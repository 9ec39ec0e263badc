package org.bernoulli.formula;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One variable of a design as a term reads it: a number computed from the row ({@code age},
 * {@code log(dose)}, {@code I(x^2)}), or a factor coded from one column into a level.
 *
 * @param label        the variable as the formula writes it
 * @param columns      the design columns whose missing cells make it missing, ascending
 * @param numeric      the number's evaluator, or null for a factor
 * @param factorColumn the factor's design column, or −1 for a number
 * @param coder        the factor's level coder, or null for a number
 */
record DesignVariable(String label, int[] columns, Numeric numeric, int factorColumn, FactorCoder coder)
        implements Serializable {

    DesignVariable {
        if ((numeric == null) == (coder == null)) {
            throw new IllegalArgumentException("variable " + label + " must be a number or a factor, not both");
        }
    }

    boolean isFactor() {
        return coder != null;
    }

    /** The factor's levels, in coding order. */
    java.util.List<String> levels() {
        return coder.factor.levels();
    }

    /**
     * The variable {@code e} of the data whose columns are at {@code positions}: a factor when it is
     * {@code factor(column)} or a column of text or booleans, else a number.
     *
     * @throws FormulaException when it reads a column the data has not, or factor() is misused
     */
    static DesignVariable of(Expr e, String label, Map<String, Integer> positions, Map<String, ColumnKind> kinds,
                             Map<String, Factor> factors) {
        int[] columns = columnsOf(e, positions, label);
        String factorColumn = factorColumn(e, kinds);
        if (factorColumn == null) {
            return new DesignVariable(label, columns, Numeric.compile(e, positions, kinds, label), -1, null);
        }
        Factor f = factors.get(label);
        if (f == null) {
            throw new IllegalArgumentException("the encoding has no levels for factor " + label);
        }
        if (f.levels().size() < 2) {
            // Known only once the data is read: bad data (exit 1), not a malformed formula.
            throw new org.bernoulli.data.BadInputException("factor " + label + " has only one level ('"
                    + f.levels().get(0) + "') in the rows used; a factor needs at least two levels (leave it "
                    + "out of the formula)");
        }
        return new DesignVariable(label, columns, null, positions.get(factorColumn),
                new FactorCoder(f, kinds.get(factorColumn)));
    }

    private static String factorColumn(Expr e, Map<String, ColumnKind> kinds) {
        if (e instanceof Expr.Call c && c.function().equals("factor")) {
            if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Column col)) {
                throw new FormulaException("{FORMULA}: factor() takes one column, got " + c.deparse());
            }
            return col.name();
        }
        if (e instanceof Expr.Column col && kinds.get(col.name()) != null && kinds.get(col.name()) != ColumnKind.NUMBER) {
            return col.name();
        }
        return null;
    }

    /** The design columns {@code e} reads, ascending. */
    static int[] columnsOf(Expr e, Map<String, Integer> positions, String where) {
        Set<String> names = new LinkedHashSet<>();
        Expr.columns(e, names);
        int[] out = new int[names.size()];
        int i = 0;
        for (String name : names) {
            Integer p = positions.get(name);
            if (p == null) {
                throw new FormulaException("{FORMULA}: no column '" + name + "' in the data (in " + where + ")");
            }
            out[i++] = p;
        }
        Arrays.sort(out);
        return out;
    }
}
