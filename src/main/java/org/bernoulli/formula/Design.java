package org.bernoulli.formula;

import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.Values;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model matrix of an {@link Encoding}, as R's {@code model.matrix} codes it, applied one row
 * at a time. Each term is a product of its variables: numbers multiply; a factor contributes the
 * indicator of its level — by treatment contrasts (the first level is the reference and has no
 * column) when the term without that factor is already in the model (the empty term counts as
 * present), by one indicator per level otherwise, and for the first factor of a model without an
 * intercept (R's rule). A term's columns run over the levels of its factors with the first
 * variable fastest, and are named as R names them ({@code education12+ yrs},
 * {@code factor(chist)2}, {@code spontaneous:induced}, {@code gender1male:gender2male}).
 *
 * <p>Factors are coded by treatment contrasts unless the formula says otherwise
 * ({@code C(f, contr.sum)}, {@code C(f, contr.helmert)}, {@code relevel(f, ref = "L")}); numbers may
 * enter through a basis ({@code poly()}, {@code bs()}, {@code ns()}) fixed by training. A term of
 * numbers and indicator-coded factors has at most one non-zero column per row; a term with a basis
 * or a sum/Helmert factor has up to the product of their spans. {@link #encode} writes the non-zero
 * columns into an {@link EncodedRow} without allocating.
 */
public final class Design implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Encoding encoding;
    private final Formula formula;
    private final List<String> columnNames;
    private final boolean intercept;
    private final List<String> featureNames = new ArrayList<>();
    private final DesignVariable[] variables;
    /** Each variable as the formula writes it, for {@link #designColumns}. */
    private final Expr[] variableExpressions;
    private final DesignTerm[] terms;
    private final Numeric[] offsets;
    private final List<Expr> offsetExpressions;
    private final String[] offsetLabels;
    private final int[] featureColumnsUsed;
    private final ResponseCoding response;
    private final int weightColumn;
    /** The most non-zero columns a row can have: one per term, the product of the dense spans for a dense term. */
    private final int maxNonZeros;
    /** The most non-zeros of a row's derivative: each term once per variable (the product rule's summands). */
    private final int maxDerivativeNonZeros;

    /** The design of a saved encoding. */
    public Design(Encoding encoding) {
        this.encoding = encoding;
        this.formula = Formula.parse(encoding.formula());
        this.columnNames = encoding.columns().stream().map(Encoding.Column::name).toList();
        Map<String, Integer> positions = new HashMap<>();
        Map<String, ColumnKind> kindOf = new HashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            positions.put(columnNames.get(i), i);
            kindOf.put(columnNames.get(i), encoding.columns().get(i).kind());
        }
        Set<String> notForDot = new HashSet<>();
        if (encoding.weightColumn() != null) {
            notForDot.add(encoding.weightColumn());
        }
        Formula.Terms modelTerms = formula.terms(columnNames, notForDot);
        intercept = modelTerms.intercept();
        Map<String, Factor> factorsByVariable = new HashMap<>();
        for (Factor f : encoding.factors()) {
            factorsByVariable.put(f.variable(), f);
        }
        Map<String, Basis> basesByVariable = new HashMap<>();
        for (Basis b : encoding.bases()) {
            basesByVariable.put(b.variable(), b);
        }
        // Variables, in the order they first appear in the terms.
        Map<String, Expr> byLabel = new java.util.LinkedHashMap<>();
        for (List<Expr> term : modelTerms.terms()) {
            for (Expr v : term) {
                byLabel.putIfAbsent(v.deparse(), v);
            }
        }
        List<String> labels = new ArrayList<>(byLabel.keySet());
        variables = new DesignVariable[labels.size()];
        variableExpressions = new Expr[labels.size()];
        for (int v = 0; v < variables.length; v++) {
            variableExpressions[v] = byLabel.get(labels.get(v));
            variables[v] = DesignVariable.of(byLabel.get(labels.get(v)), labels.get(v), positions, kindOf,
                    factorsByVariable, basesByVariable);
        }
        terms = codeTerms(modelTerms.terms(), labels);
        int most = 0;
        int mostDifferentiated = 0;
        for (DesignTerm t : terms) {
            int product = 1;
            for (int m = 0; m < t.variables().length; m++) {
                DesignVariable v = variables[t.variables()[m]];
                product *= v.dense(t.full()[m]) ? v.span(t.full()[m]) : 1;
            }
            most += product;
            mostDifferentiated += product * t.variables().length;
        }
        maxNonZeros = most;
        maxDerivativeNonZeros = mostDifferentiated;
        offsetExpressions = modelTerms.offsets();
        offsets = new Numeric[modelTerms.offsets().size()];
        offsetLabels = new String[offsets.length];
        Set<Integer> featureColumns = new java.util.TreeSet<>();
        for (DesignVariable v : variables) {
            for (int c : v.columns()) {
                featureColumns.add(c);
            }
        }
        for (int o = 0; o < offsets.length; o++) {
            Expr e = modelTerms.offsets().get(o);
            offsetLabels[o] = "offset(" + e.deparse() + ")";
            offsets[o] = Numeric.compile(e, positions, kindOf, offsetLabels[o]);
            for (int c : DesignVariable.columnsOf(e, positions, offsetLabels[o])) {
                featureColumns.add(c);
            }
        }
        featureColumnsUsed = featureColumns.stream().mapToInt(Integer::intValue).toArray();
        response = ResponseCoding.of(encoding.response(), formula, positions, kindOf);
        weightColumn = encoding.weightColumn() == null ? -1 : positions.get(encoding.weightColumn());
    }

    /**
     * R's coding of each factor in each term: by treatment contrasts when the term without that
     * factor is already in the model (the empty term counts as present when there is an
     * intercept), in full otherwise; and the columns' names.
     */
    private DesignTerm[] codeTerms(List<List<Expr>> modelTerms, List<String> labels) {
        DesignTerm[] out = new DesignTerm[modelTerms.size()];
        List<Set<String>> previous = new ArrayList<>();
        boolean firstFactorFull = !intercept;
        for (int t = 0; t < out.length; t++) {
            List<Expr> term = modelTerms.get(t);
            int[] vars = new int[term.size()];
            boolean[] full = new boolean[term.size()];
            Set<String> set = new HashSet<>();
            for (int k = 0; k < term.size(); k++) {
                vars[k] = labels.indexOf(term.get(k).deparse());
                set.add(term.get(k).deparse());
            }
            for (int k = 0; k < vars.length; k++) {
                if (!variables[vars[k]].isFactor()) {
                    continue;
                }
                Set<String> without = new HashSet<>(set);
                without.remove(variables[vars[k]].label());
                if (without.isEmpty()) {
                    full[k] = firstFactorFull;
                    firstFactorFull = false;
                } else {
                    full[k] = !previous.contains(without);
                }
            }
            previous.add(set);
            int from = featureNames.size();
            featureNames.addAll(DesignTerm.columnNames(vars, full, variables));
            out[t] = new DesignTerm(Formula.Terms.label(term), vars, full, from, featureNames.size());
        }
        return out;
    }

    /** The columns the design reads (response, terms, offsets, weight), in data order. */
    public List<String> columns() {
        return columnNames;
    }

    public Encoding encoding() {
        return encoding;
    }

    public Formula formula() {
        return formula;
    }

    public boolean intercept() {
        return intercept;
    }

    /** A term of the model and its coefficient columns [from, to). */
    public record Term(String label, int from, int to) {
    }

    /** Every term of the model, in its order, with its columns. */
    public List<Term> terms() {
        List<Term> out = new ArrayList<>();
        for (DesignTerm t : terms) {
            out.add(new Term(t.label(), t.from(), t.to()));
        }
        return out;
    }

    /**
     * The terms {@code drop1} may leave out, as R's {@code drop.scope} finds them: those contained in
     * no other term (a main effect stays while an interaction with it is in the model), in the
     * model's order.
     */
    public List<Term> droppableTerms() {
        List<Term> out = new ArrayList<>();
        for (DesignTerm t : terms) {
            Set<Integer> mine = variables(t);
            boolean marginal = false;
            for (DesignTerm u : terms) {
                marginal |= u != t && variables(u).containsAll(mine) && u.variables().length > mine.size();
            }
            if (!marginal) {
                out.add(new Term(t.label(), t.from(), t.to()));
            }
        }
        return out;
    }

    private static Set<Integer> variables(DesignTerm term) {
        Set<Integer> set = new HashSet<>();
        for (int v : term.variables()) {
            set.add(v);
        }
        return set;
    }

    /**
     * The cell a column marks when every variable of its term is a factor — "f = 'c'", or
     * "a = 'a2' and b = 'b3'" for an interaction — else null (the column carries a number).
     */
    public String describeCell(int column) {
        for (DesignTerm t : terms) {
            if (t.contains(column)) {
                return t.describeCell(column, variables);
            }
        }
        throw new IndexOutOfBoundsException("column " + column + " of " + featureNames.size());
    }

    /**
     * A factor entered alone with treatment contrasts: its rows at the reference level are those
     * where all of its columns [from, to) are 0.
     *
     * @param factor    the factor as the formula writes it
     * @param reference its reference (first) level
     */
    public record ReferenceLevel(String factor, String reference, int from, int to) {
    }

    /** The factors of the model entered alone with treatment contrasts, in term order. */
    public List<ReferenceLevel> referenceLevels() {
        List<ReferenceLevel> out = new ArrayList<>();
        for (DesignTerm t : terms) {
            DesignVariable v = variables[t.variables()[0]];
            if (t.variables().length == 1 && v.isFactor() && !t.full()[0]
                    && v.contrast() == VariableForm.Contrast.TREATMENT) {
                out.add(new ReferenceLevel(v.label(), v.levels().get(0), t.from(), t.to()));
            }
        }
        return out;
    }

    /** How the output names the rows coded {@code label} (0 or 1) of this response: "sex 'Male'", "y = 1". */
    public String describeClass(int label) {
        return response.describeClass(label, formula.response().deparse());
    }

    /**
     * This design, if the trainer can fit it: the trainer always fits an intercept, so a formula
     * without one is refused rather than fitted with one under R's names.
     */
    public Design requireIntercept() {
        if (!intercept) {
            throw new FormulaException("{FORMULA} '" + formula.text() + "': a model "
                    + "without an intercept (-1, +0) cannot be fitted yet: Bernoulli always fits one. Drop the -1/+0: "
                    + "with a factor, its coefficients are then R's treatment contrasts against its first level");
        }
        return this;
    }

    /** The coefficient names, R's, in model-matrix order (the intercept not included). */
    public List<String> featureNames() {
        return List.copyOf(featureNames);
    }

    public int numFeatures() {
        return featureNames.size();
    }

    /**
     * The column ranges [start, end) of the terms with more than one column and at most one non-zero
     * per row — the indicator-coded factors and their interactions — so that blocks can store each as
     * one level per row.
     */
    public int[][] categoricalTerms() {
        List<int[]> out = new ArrayList<>();
        for (DesignTerm t : terms) {
            if (t.to() - t.from() > 1 && !t.dense(variables)) {
                out.add(new int[] {t.from(), t.to()});
            }
        }
        return out.toArray(new int[0][]);
    }

    /**
     * How each coefficient column is computed from a data row, in column order: the product of its
     * term's variables at that column — a number, a factor's coded value, or a basis column — the
     * first variable of the term running fastest, as {@link DesignTerm#encode} forms it.
     */
    public List<DesignColumn> designColumns() {
        return DesignColumn.of(terms, variables, variableExpressions, featureNames, columnNames);
    }

    /** The offset terms' expressions (inside {@code offset()}), in order; empty for none. */
    public List<Expr> offsetTerms() {
        return offsetExpressions;
    }

    /** The offset terms as the formula writes them ({@code offset(log(t))}), in order; empty for none. */
    public List<String> offsetLabels() {
        return List.of(offsetLabels);
    }

    /**
     * The classes of a response of more than two (one categorical trial per row; the label of a row is
     * its class's index), the reference first; null for a binary response.
     */
    public List<String> classes() {
        return response instanceof ResponseCoding.Classes c ? c.classes() : null;
    }

    /** Whether the response is binomial counts (a row is many Bernoulli trials). */
    public boolean counts() {
        return response instanceof ResponseCoding.Counts;
    }

    /** The design columns a row's features and offsets read (what scoring needs). */
    public int[] featureColumns() {
        return featureColumnsUsed.clone();
    }

    /** The names of {@link #featureColumns()}. */
    public List<String> featureColumnNames() {
        List<String> out = new ArrayList<>();
        for (int c : featureColumnsUsed) {
            out.add(columnNames.get(c));
        }
        return out;
    }

    /** The response column, or null for binomial counts (which score without a label). */
    public String responseColumn() {
        return counts() ? null : columnNames.get(response.column());
    }

    /** The response's description for the output. */
    public String describeResponse() {
        return response.describe(formula.response().deparse());
    }

    /**
     * Codes one row for training: features, offset, response and weight.
     *
     * @param limit the largest magnitude a coded value may have
     * @return false when a value the formula uses is missing ({@link EncodedRow#missingColumn} names it)
     * @throws RecordFormatException when a cell is not what its column holds, a level was not seen
     *                               in training, or a value is not finite
     */
    public boolean encode(Cells row, EncodedRow out, double limit) {
        out.missingColumn = null;
        for (int c = 0; c < columnNames.size(); c++) {
            if (row.missing(c)) {
                out.missingColumn = columnNames.get(c);
                return false;
            }
        }
        encodeFeatures(row, out, limit);
        out.weight = weight(row);
        if (response instanceof ResponseCoding.Counts c) {
            out.successes = c.count(row, 0);
            out.failures = c.count(row, 1);
            out.label = Double.NaN;
        } else {
            out.label = response.label(row);
        }
        return true;
    }

    /**
     * Codes a row's features and offset only, for scoring: only the columns they read are looked
     * at.
     *
     * @return false when one of those is missing ({@link EncodedRow#missingColumn} names it)
     */
    public boolean encodeForScoring(Cells row, EncodedRow out, double limit) {
        out.missingColumn = null;
        for (int c : featureColumnsUsed) {
            if (row.missing(c)) {
                out.missingColumn = columnNames.get(c);
                return false;
            }
        }
        encodeFeatures(row, out, limit);
        return true;
    }

    private void encodeFeatures(Cells row, EncodedRow out, double limit) {
        out.ensure(maxNonZeros, variables);
        out.shares = null;
        for (int v = 0; v < variables.length; v++) {
            DesignVariable variable = variables[v];
            if (variable.isFactor()) {
                out.codes[v] = variable.coder().code(row, variable.factorColumn(), variable.label());
            } else {
                double x = variable.numeric().eval(row);
                if (!Double.isFinite(x) || Math.abs(x) > limit) {
                    throw new RecordFormatException(variable.label() + " is " + x + " on this row; "
                            + (Double.isFinite(x) ? "too large to train on" : "expected a finite number"));
                }
                out.numbers[v] = x;
                if (variable.basis() != null) {
                    variable.basis().evaluate(x, out.vectors[v], (Basis.Evaluator.Scratch) out.scratch[v]);
                }
            }
        }
        int nnz = 0;
        for (DesignTerm term : terms) {
            nnz = term.encode(variables, out, nnz, limit);
        }
        out.nnz = nnz;
        double offset = 0.0;
        for (int o = 0; o < offsets.length; o++) {
            double x = offsets[o].eval(row);
            if (!Double.isFinite(x) || Math.abs(x) > limit) {
                throw new RecordFormatException(offsetLabels[o] + " is " + x + " on this row; expected a finite number");
            }
            offset += x;
        }
        out.offset = offset;
    }

    /** A row's case weight (1 without a weight column); a missing or bad weight is a bad row. */
    public double weight(Cells row) {
        if (weightColumn < 0) {
            return 1.0;
        }
        if (row.missing(weightColumn)) {
            throw new RecordFormatException("weight column '" + columnNames.get(weightColumn) + "' is missing");
        }
        return Values.weight(row.number(weightColumn), columnNames.get(weightColumn));
    }

    /** The design's variables, for {@link MarginVariable#of} and {@link MarginCoding}. */
    DesignVariable[] variables() {
        return variables;
    }

    DesignTerm[] designTerms() {
        return terms;
    }

    Numeric[] offsetExpressions() {
        return offsets;
    }

    int maxNonZeros() {
        return maxNonZeros;
    }

    int maxDerivativeNonZeros() {
        return maxDerivativeNonZeros;
    }

    /**
     * The response of a row coded as in training, for evaluating a model on labelled data (not for
     * counts); a missing or unknown response is an error saying so.
     */
    public double label(Cells row) {
        if (counts()) {
            throw new IllegalStateException("a counts response has no single label");
        }
        if (row.missing(response.column())) {
            throw new RecordFormatException("response '" + columnNames.get(response.column()) + "' is missing");
        }
        return response.label(row);
    }
}
