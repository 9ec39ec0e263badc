package org.bernoulli.formula;

import org.bernoulli.data.Values;

import java.util.List;

/**
 * The rows a marginal effect needs beside the observed one, coded through a {@link Design}: a row's
 * derivative with respect to one cell (exact, by the chain and product rules), the row with a cell
 * set to a factor level (the counterfactual of a discrete change), and the row of means (Stata's
 * {@code atmeans}: numbers at their means, factors at their levels' shares). Nothing is allocated
 * per row; the {@link EncodedRow}s are the caller's.
 */
public final class MarginCoding implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Design design;
    private final DesignVariable[] variables;

    /** The most non-zeros of a row of means or its derivative: every column, once per variable of its term. */
    private final int denseCapacity;
    /** Per design column: whether each variable reads it as a number (what a derivative by the column moves). */
    private final boolean[][] readsAsNumber;

    public MarginCoding(Design design) {
        this.design = design;
        this.variables = design.variables();
        int most = 1;
        for (DesignTerm t : design.designTerms()) {
            most = Math.max(most, t.variables().length);
        }
        this.denseCapacity = Math.max(1, design.numFeatures()) * most;
        readsAsNumber = new boolean[design.columns().size()][variables.length];
        for (int v = 0; v < variables.length; v++) {
            if (!variables[v].isFactor()) {
                for (int c : variables[v].columns()) {
                    readsAsNumber[c][v] = true;
                }
            }
        }
    }

    /**
     * The derivative of a row's model columns with respect to the number in design column
     * {@code column} — through every variable that reads it ({@code x}, {@code I(x^2)}, {@code log(x)},
     * a basis of x, and every interaction they enter, by the product rule) — written to {@code out}
     * as (column, value) pairs; a column may appear more than once (one summand each), so consumers
     * add. Exact, not a difference quotient.
     *
     * @param coded the row as {@link Design#encodeForScoring} coded it just before (its variables' values)
     */
    public void differentiate(Cells row, int column, EncodedRow coded, EncodedRow out) {
        out.ensure(coded.shares == null ? design.maxDerivativeNonZeros() : denseCapacity, variables);
        boolean[] moved = readsAsNumber[column];
        for (int v = 0; v < variables.length; v++) {
            DesignVariable variable = variables[v];
            if (moved[v]) {
                double slope = variable.numeric().derivative(row, column);
                coded.slopes[v] = slope;
                if (variable.basis() != null) {
                    double[] d = coded.slopeVectors[v];
                    variable.basis().derivative(coded.numbers[v], d, (Basis.Evaluator.Scratch) coded.scratch[v]);
                    for (int j = 0; j < variable.basis().size(); j++) {
                        d[j] *= slope;
                    }
                }
            }
        }
        int nnz = 0;
        for (DesignTerm term : design.designTerms()) {
            for (int m = 0; m < term.variables().length; m++) {
                if (moved[term.variables()[m]]) {
                    nnz = term.encode(variables, coded, out, nnz, Double.MAX_VALUE, m);
                }
            }
        }
        out.nnz = nnz;
    }

    /**
     * The code of each level of the factor in design column {@code column} in each design variable that
     * reads it as a factor ({@code [level][variable]}, −1 for the other variables) — the variables may
     * order the levels differently ({@code relevel}).
     *
     * @param levels the levels by label
     */
    public int[][] levelCodes(int column, List<String> levels) {
        int[][] out = new int[levels.size()][variables.length];
        for (int l = 0; l < levels.size(); l++) {
            for (int v = 0; v < variables.length; v++) {
                out[l][v] = variables[v].isFactor() && variables[v].factorColumn() == column
                        ? variables[v].levels().indexOf(levels.get(l)) : -1;
            }
        }
        return out;
    }

    /**
     * The coded row {@code coded} with a factor set to one level — "this row, had its education been
     * 12+ yrs" — from its variables' values, not its cells: only the terms are multiplied out again.
     *
     * @param codes the level's code in each variable that reads the factor ({@link #levelCodes}), −1 elsewhere
     */
    public void encodeAt(EncodedRow coded, int[] codes, EncodedRow out) {
        out.ensure(design.maxNonZeros(), variables);
        out.shares = null;
        for (int v = 0; v < variables.length; v++) {
            out.numbers[v] = coded.numbers[v];
            out.codes[v] = codes[v] >= 0 ? codes[v] : coded.codes[v];
            if (variables[v].basis() != null) {
                System.arraycopy(coded.vectors[v], 0, out.vectors[v], 0, variables[v].basis().size());
            }
        }
        int nnz = 0;
        for (DesignTerm term : design.designTerms()) {
            nnz = term.encode(variables, out, nnz, Values.MAX_TRAINING_MAGNITUDE);
        }
        out.nnz = nnz;
        out.offset = coded.offset;
    }

    /**
     * Codes a row of means — Stata's {@code atmeans}: every number at the mean of its data columns
     * ({@code means}: {@code I(x^2)} is then the square of the mean), every factor at its levels'
     * shares ({@code shares[v]} for the design's factor variable v, null for the others), an interaction
     * the product of those — into {@code out}, which {@link #differentiate} then reads like any coded row.
     */
    public void encodeAtMeans(Cells means, double[][] shares, EncodedRow out) {
        out.ensure(denseCapacity, variables);
        out.shares = shares;
        for (int v = 0; v < variables.length; v++) {
            DesignVariable variable = variables[v];
            if (!variable.isFactor()) {
                out.numbers[v] = variable.numeric().eval(means);
                if (variable.basis() != null) {
                    variable.basis().evaluate(out.numbers[v], out.vectors[v], (Basis.Evaluator.Scratch) out.scratch[v]);
                }
            }
        }
        int nnz = 0;
        for (DesignTerm term : design.designTerms()) {
            nnz = term.encode(variables, out, nnz, Double.MAX_VALUE);
        }
        out.nnz = nnz;
        double offset = 0.0;
        for (Numeric o : design.offsetExpressions()) {
            offset += o.eval(means);
        }
        out.offset = offset;
    }

    /** The number of the design's variables (the length of {@link #encodeAtMeans}'s shares). */
    public int variableCount() {
        return variables.length;
    }

    /**
     * The levels of the factor variable v, in coding order, or null for a number; and the coded row's level
     * of it, {@link #levelOf}.
     */
    public List<String> levelsOf(int v) {
        return variables[v].isFactor() ? variables[v].levels() : null;
    }

    /** The level code of factor variable v in a row coded just before. */
    public int levelOf(int v, EncodedRow coded) {
        return coded.codes[v];
    }


    /** The design columns a number of the features or an offset reads (a factor's column is read as a level). */
    public int[] numberColumns() {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (DesignVariable v : variables) {
            if (!v.isFactor()) {
                for (int c : v.columns()) {
                    out.add(c);
                }
            }
        }
        for (int c : design.featureColumns()) {
            if (!out.contains(c) && design.encoding().columns().get(c).kind() == ColumnKind.NUMBER && !readAsFactor(c)) {
                out.add(c); // an offset's
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean readAsFactor(int column) {
        for (DesignVariable v : variables) {
            if (v.isFactor() && v.factorColumn() == column) {
                return true;
            }
        }
        return false;
    }
}
