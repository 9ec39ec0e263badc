package org.bernoulli.formula;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One variable of a design as a term reads it ({@link VariableForm} tells which from how it is
 * written): a number computed from the row ({@code age}, {@code log(dose)}, {@code I(x^2)}); a
 * basis of a number ({@code poly(age, 2)}, {@code ns(x, df = 3)}: several columns); or a factor
 * coded from one column into a level, then into its columns by treatment contrasts (an indicator),
 * R's sum or Helmert contrasts, or in full (an indicator per level).
 *
 * @param label        the variable as the formula writes it
 * @param columns      the design columns whose missing cells make it missing, ascending
 * @param numeric      the number's evaluator (for a basis: of its column), or null for a factor
 * @param basis        the basis's evaluator, or null
 * @param factorColumn the factor's design column, or −1 for a number
 * @param coder        the factor's level coder, or null for a number
 * @param contrast     the factor's contrast when it has a reference (null for a number)
 * @param contrastRows for sum or Helmert contrasts, the contrast matrix's row of each level (k × (k − 1)),
 *                     made once so that coding a row looks it up; null otherwise
 */
record DesignVariable(String label, int[] columns, Numeric numeric, Basis.Evaluator basis, int factorColumn,
                      FactorCoder coder, VariableForm.Contrast contrast, double[][] contrastRows)
        implements Serializable {

    DesignVariable {
        if ((numeric == null) == (coder == null) || basis != null && numeric == null) {
            throw new IllegalArgumentException("variable " + label + " must be a number, a basis or a factor");
        }
    }

    boolean isFactor() {
        return coder != null;
    }

    /** The factor's levels, in coding order. */
    List<String> levels() {
        return coder.factor.levels();
    }

    /** The number of columns the variable spans in a term: 1 for a number, the basis's, the factor's coded levels. */
    int span(boolean full) {
        if (basis != null) {
            return basis.size();
        }
        return !isFactor() ? 1 : full ? levels().size() : levels().size() - 1;
    }

    /** Whether a row may have more than one non-zero among the variable's columns (a basis, a sum or Helmert factor). */
    boolean dense(boolean full) {
        return basis != null || isFactor() && !full && contrast != VariableForm.Contrast.TREATMENT;
    }

    /**
     * The names of its columns as R's {@code model.matrix} gives them: the label for a number; the label
     * and 1, 2, … for a basis and for sum or Helmert contrasts (their matrices have no column names);
     * the label and the level for indicators.
     */
    List<String> columnNames(boolean full) {
        List<String> own = new ArrayList<>();
        if (!isFactor() && basis == null) {
            own.add(label);
        } else if (dense(full)) {
            for (int j = 1; j <= span(full); j++) {
                own.add(label + j);
            }
        } else {
            for (int l = full ? 0 : 1; l < levels().size(); l++) {
                own.add(label + levels().get(l));
            }
        }
        return own;
    }

    /**
     * The variable {@code e} of the data whose columns are at {@code positions}.
     *
     * @param factors the encoding's factors by variable
     * @param bases   the encoding's bases by variable
     * @throws FormulaException when it reads a column the data has not, or a call is misused
     */
    static DesignVariable of(Expr e, String label, Map<String, Integer> positions, Map<String, ColumnKind> kinds,
                             Map<String, Factor> factors, Map<String, Basis> bases) {
        int[] columns = columnsOf(e, positions, label);
        VariableForm form = VariableForm.of(e, kinds);
        if (form instanceof VariableForm.Number) {
            return new DesignVariable(label, columns, Numeric.compile(e, positions, kinds, label), null, -1, null, null,
                    null);
        }
        if (form instanceof VariableForm.BasisOf b) {
            Basis basis = bases.get(label);
            if (basis == null) {
                throw new IllegalArgumentException("the encoding has no basis for " + label);
            }
            Numeric x = Numeric.compile(new Expr.Column(b.call().column()), positions, kinds, label);
            return new DesignVariable(label, columns, x, basis.evaluator(), -1, null, null, null);
        }
        VariableForm.FactorOf factor = (VariableForm.FactorOf) form;
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
        int k = f.levels().size();
        double[][] rows = null;
        if (factor.contrast() != VariableForm.Contrast.TREATMENT) {
            rows = new double[k][k - 1];
            for (int l = 0; l < k; l++) {
                for (int j = 0; j < k - 1; j++) {
                    rows[l][j] = factor.contrast().value(l, j, k);
                }
            }
        }
        return new DesignVariable(label, columns, null, null, positions.get(factor.column()),
                new FactorCoder(f, kinds.get(factor.column())), factor.contrast(), rows);
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
