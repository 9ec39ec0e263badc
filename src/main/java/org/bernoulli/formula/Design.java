package org.bernoulli.formula;

import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.Values;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * <p>A row has at most one non-zero column per term (each factor marks one level), so a coded row
 * is one (column, value) pair per term: {@link #encode} writes them into an {@link EncodedRow}
 * without allocating.
 */
public final class Design implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Encoding encoding;
    private final Formula formula;
    private final List<String> columnNames;
    private final List<ColumnKind> kinds;
    private final boolean intercept;
    private final List<String> featureNames = new ArrayList<>();
    private final List<String> termLabels = new ArrayList<>();
    /** Per variable: a numeric evaluator, or null for a factor. */
    private final Numeric[] numeric;
    /** Per variable: the factor's design column, or −1. */
    private final int[] factorColumn;
    private final FactorCoder[] coders;
    private final String[] variableLabels;
    /** Per variable: the design columns whose missing cells make it missing. */
    private final int[][] variableColumns;
    private final int[][] termVariables;
    private final boolean[][] termFull;
    private final int[] termStart;
    private final Numeric[] offsets;
    private final String[] offsetLabels;
    private final int[] featureColumnsUsed;
    private final int responseColumn;
    private final Numeric[] counts;
    private final int weightColumn;
    private final Map<String, Integer> responseCodes;

    /** The design of a saved encoding. */
    public Design(Encoding encoding) {
        this.encoding = encoding;
        this.formula = Formula.parse(encoding.formula());
        this.columnNames = encoding.columns().stream().map(Encoding.Column::name).toList();
        this.kinds = encoding.columns().stream().map(Encoding.Column::kind).toList();
        Map<String, Integer> positions = new HashMap<>();
        Map<String, ColumnKind> kindOf = new HashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            positions.put(columnNames.get(i), i);
            kindOf.put(columnNames.get(i), kinds.get(i));
        }
        Set<String> notForDot = new HashSet<>();
        if (encoding.weightColumn() != null) {
            notForDot.add(encoding.weightColumn());
        }
        Formula.Terms terms = formula.terms(columnNames, notForDot);
        intercept = terms.intercept();
        Map<String, Factor> factorsByVariable = new HashMap<>();
        for (Factor f : encoding.factors()) {
            factorsByVariable.put(f.variable(), f);
        }
        // Variables, in the order they first appear in the terms.
        LinkedHashSet<String> order = new LinkedHashSet<>();
        Map<String, Expr> byLabel = new HashMap<>();
        for (List<Expr> term : terms.terms()) {
            for (Expr v : term) {
                order.add(v.deparse());
                byLabel.put(v.deparse(), v);
            }
        }
        List<String> labels = new ArrayList<>(order);
        int nv = labels.size();
        numeric = new Numeric[nv];
        factorColumn = new int[nv];
        coders = new FactorCoder[nv];
        variableLabels = labels.toArray(new String[0]);
        variableColumns = new int[nv][];
        for (int v = 0; v < nv; v++) {
            Expr e = byLabel.get(labels.get(v));
            variableColumns[v] = columnsOf(e, positions, labels.get(v));
            String factorColumnName = factorColumn(e, kindOf);
            if (factorColumnName != null) {
                Factor f = factorsByVariable.get(labels.get(v));
                if (f == null) {
                    throw new IllegalArgumentException("the encoding has no levels for factor " + labels.get(v));
                }
                if (f.levels().size() < 2) {
                    // Known only once the data is read: bad data (exit 1), not a malformed formula.
                    throw new org.bernoulli.data.BadInputException("factor " + labels.get(v) + " has only one level ('"
                            + f.levels().get(0) + "') in the rows used; a factor needs at least two levels (leave it "
                            + "out of the formula)");
                }
                factorColumn[v] = positions.get(factorColumnName);
                coders[v] = new FactorCoder(f, kindOf.get(factorColumnName));
            } else {
                factorColumn[v] = -1;
                numeric[v] = Numeric.compile(e, positions, kindOf, labels.get(v));
            }
        }
        // Terms: R's coding of each factor in each term, the column names.
        int nt = terms.terms().size();
        termVariables = new int[nt][];
        termFull = new boolean[nt][];
        termStart = new int[nt + 1];
        List<Set<String>> previous = new ArrayList<>();
        boolean firstFactorFull = !intercept;
        for (int t = 0; t < nt; t++) {
            List<Expr> term = terms.terms().get(t);
            int[] vars = new int[term.size()];
            boolean[] full = new boolean[term.size()];
            Set<String> set = new HashSet<>();
            for (int k = 0; k < term.size(); k++) {
                vars[k] = labels.indexOf(term.get(k).deparse());
                set.add(term.get(k).deparse());
            }
            for (int k = 0; k < vars.length; k++) {
                if (coders[vars[k]] == null) {
                    continue;
                }
                Set<String> without = new HashSet<>(set);
                without.remove(variableLabels[vars[k]]);
                if (without.isEmpty()) {
                    full[k] = firstFactorFull;
                    firstFactorFull = false;
                } else {
                    full[k] = !previous.contains(without);
                }
            }
            termVariables[t] = vars;
            termFull[t] = full;
            previous.add(set);
            termLabels.add(Formula.Terms.label(term));
            termStart[t] = featureNames.size();
            names(t, featureNames);
            termStart[t + 1] = featureNames.size();
        }
        offsets = new Numeric[terms.offsets().size()];
        offsetLabels = new String[offsets.length];
        Set<Integer> featureColumns = new java.util.TreeSet<>();
        for (int[] cols : variableColumns) {
            for (int c : cols) {
                featureColumns.add(c);
            }
        }
        for (int o = 0; o < offsets.length; o++) {
            Expr e = terms.offsets().get(o);
            offsetLabels[o] = "offset(" + e.deparse() + ")";
            offsets[o] = Numeric.compile(e, positions, kindOf, offsetLabels[o]);
            for (int c : columnsOf(e, positions, offsetLabels[o])) {
                featureColumns.add(c);
            }
        }
        featureColumnsUsed = featureColumns.stream().mapToInt(Integer::intValue).toArray();
        // The response.
        Encoding.Response r = encoding.response();
        if (r.kind().equals("counts")) {
            if (!(formula.response() instanceof Expr.Call c && c.function().equals("cbind") && c.args().size() == 2)) {
                throw new IllegalArgumentException("a counts response needs cbind(successes, failures)");
            }
            counts = new Numeric[2];
            counts[0] = Numeric.compile(c.args().get(0), positions, kindOf, "cbind()");
            counts[1] = Numeric.compile(c.args().get(1), positions, kindOf, "cbind()");
            responseColumn = -1;
        } else {
            counts = null;
            if (!(formula.response() instanceof Expr.Column col) || !positions.containsKey(col.name())) {
                throw new FormulaException("{FORMULA} '" + formula.text() + "': the response must be a column of the "
                        + "data or cbind(successes, failures), got " + formula.response().deparse());
            }
            responseColumn = positions.get(col.name());
        }
        responseCodes = new HashMap<>();
        if (r.kind().equals("levels")) {
            responseCodes.put(r.levels().get(0), 0);
            responseCodes.put(r.levels().get(1), 1);
        }
        weightColumn = encoding.weightColumn() == null ? -1 : positions.get(encoding.weightColumn());
    }

    private void names(int t, List<String> out) {
        int[] vars = termVariables[t];
        List<String> parts = new ArrayList<>();
        parts.add("");
        for (int m = 0; m < vars.length; m++) {
            int v = vars[m];
            List<String> next = new ArrayList<>();
            List<String> own = new ArrayList<>();
            if (coders[v] == null) {
                own.add(variableLabels[v]);
            } else {
                List<String> levels = coders[v].factor.levels();
                for (int l = termFull[t][m] ? 0 : 1; l < levels.size(); l++) {
                    own.add(variableLabels[v] + levels.get(l));
                }
            }
            // The earlier variables vary fastest.
            for (String o : own) {
                for (String p : parts) {
                    next.add(p.isEmpty() ? o : p + ":" + o);
                }
            }
            parts = next;
        }
        out.addAll(parts);
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

    private static int[] columnsOf(Expr e, Map<String, Integer> positions, String where) {
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
        for (int t = 0; t < termVariables.length; t++) {
            out.add(new Term(termLabels.get(t), termStart[t], termStart[t + 1]));
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
        for (int t = 0; t < termVariables.length; t++) {
            Set<Integer> mine = variables(t);
            boolean marginal = false;
            for (int u = 0; u < termVariables.length && !marginal; u++) {
                marginal = u != t && variables(u).containsAll(mine) && termVariables[u].length > mine.size();
            }
            if (!marginal) {
                out.add(new Term(termLabels.get(t), termStart[t], termStart[t + 1]));
            }
        }
        return out;
    }

    private Set<Integer> variables(int term) {
        Set<Integer> set = new HashSet<>();
        for (int v : termVariables[term]) {
            set.add(v);
        }
        return set;
    }

    /**
     * The cell a column marks when every variable of its term is a factor — "f = 'c'", or
     * "a = 'a2' and b = 'b3'" for an interaction — else null (the column carries a number).
     */
    public String describeCell(int column) {
        int t = termOf(column);
        int[] vars = termVariables[t];
        int index = column - termStart[t];
        List<String> parts = new ArrayList<>();
        for (int m = 0; m < vars.length; m++) {
            FactorCoder coder = coders[vars[m]];
            if (coder == null) {
                return null;
            }
            int k = coder.factor.levels().size();
            int span = termFull[t][m] ? k : k - 1;
            int level = index % span + (termFull[t][m] ? 0 : 1);
            index /= span;
            parts.add(variableLabels[vars[m]] + " = '" + coder.factor.levels().get(level) + "'");
        }
        return String.join(" and ", parts);
    }

    private int termOf(int column) {
        for (int t = 0; t < termVariables.length; t++) {
            if (column >= termStart[t] && column < termStart[t + 1]) {
                return t;
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
        for (int t = 0; t < termVariables.length; t++) {
            int[] vars = termVariables[t];
            if (vars.length == 1 && coders[vars[0]] != null && !termFull[t][0]) {
                out.add(new ReferenceLevel(variableLabels[vars[0]], coders[vars[0]].factor.levels().get(0),
                        termStart[t], termStart[t + 1]));
            }
        }
        return out;
    }

    /** How the output names the rows coded {@code label} (0 or 1) of this response: "sex 'Male'", "y = 1". */
    public String describeClass(int label) {
        String column = formula.response().deparse();
        Encoding.Response r = encoding.response();
        return switch (r.kind()) {
            case "levels" -> column + " '" + r.levels().get(label) + "'";
            case "boolean" -> column + " " + (label == 1 ? "TRUE" : "FALSE");
            case "counts" -> label == 1 ? "only successes" : "only failures";
            default -> column + " = " + label;
        };
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
     * The column ranges [start, end) of the terms with more than one column — the factors and their
     * interactions — each of which has at most one non-zero per row, so that blocks can store it as
     * one level per row.
     */
    public int[][] categoricalTerms() {
        List<int[]> out = new ArrayList<>();
        for (int t = 0; t < termVariables.length; t++) {
            if (termStart[t + 1] - termStart[t] > 1) {
                out.add(new int[] {termStart[t], termStart[t + 1]});
            }
        }
        return out.toArray(new int[0][]);
    }

    /** The offset terms as the formula writes them ({@code offset(log(t))}), in order; empty for none. */
    public List<String> offsetLabels() {
        return List.of(offsetLabels);
    }

    /** Whether the response is binomial counts (a row is many Bernoulli trials). */
    public boolean counts() {
        return counts != null;
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
        return counts != null ? null : columnNames.get(responseColumn);
    }

    /** The response's description for the output. */
    public String describeResponse() {
        return encoding.response().describe(formula.response().deparse());
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
        out.weight = weightColumn < 0 ? 1.0 : Values.weight(row.number(weightColumn), columnNames.get(weightColumn));
        if (counts != null) {
            out.successes = count(counts[0], row, 0);
            out.failures = count(counts[1], row, 1);
            out.label = Double.NaN;
        } else {
            out.label = codeLabel(row);
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
        out.ensure(termVariables.length, numeric.length);
        for (int v = 0; v < numeric.length; v++) {
            if (coders[v] != null) {
                out.codes[v] = coders[v].code(row, factorColumn[v], variableLabels[v]);
            } else {
                double x = numeric[v].eval(row);
                if (!Double.isFinite(x) || Math.abs(x) > limit) {
                    throw new RecordFormatException(variableLabels[v] + " is " + x + " on this row; "
                            + (Double.isFinite(x) ? "too large to train on" : "expected a finite number"));
                }
                out.numbers[v] = x;
            }
        }
        int nnz = 0;
        for (int t = 0; t < termVariables.length; t++) {
            int[] vars = termVariables[t];
            double value = 1.0;
            int index = 0;
            int stride = 1;
            boolean zero = false;
            for (int m = 0; m < vars.length; m++) {
                int v = vars[m];
                if (coders[v] == null) {
                    value *= out.numbers[v];
                } else {
                    int code = out.codes[v];
                    int k = coders[v].factor.levels().size();
                    if (termFull[t][m]) {
                        index += code * stride;
                        stride *= k;
                    } else if (code == 0) {
                        zero = true;
                    } else {
                        index += (code - 1) * stride;
                        stride *= k - 1;
                    }
                }
            }
            if (!zero && value != 0.0) {
                if (!Double.isFinite(value) || Math.abs(value) > limit) {
                    throw new RecordFormatException(termLabels.get(t) + " is " + value + " on this row; expected a "
                            + "finite number");
                }
                out.indices[nnz] = termStart[t] + index;
                out.values[nnz] = value;
                nnz++;
            }
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

    private double count(Numeric n, Cells row, int which) {
        double v = n.eval(row);
        if (!Double.isFinite(v) || v < 0 || v > Values.MAX_TRAINING_MAGNITUDE) {
            throw new RecordFormatException("cbind(): the " + (which == 0 ? "successes" : "failures") + " count is "
                    + v + "; expected a finite number of at least 0");
        }
        return v;
    }

    /**
     * The response of a row coded as in training, for evaluating a model on labelled data (not for
     * counts); a missing or unknown response is an error saying so.
     */
    public double label(Cells row) {
        if (counts != null) {
            throw new IllegalStateException("a counts response has no single label");
        }
        if (row.missing(responseColumn)) {
            throw new RecordFormatException("response '" + columnNames.get(responseColumn) + "' is missing");
        }
        return codeLabel(row);
    }

    private double codeLabel(Cells row) {
        String kind = encoding.response().kind();
        return switch (kind) {
            case "number" -> {
                double v = row.number(responseColumn);
                if (v == 1.0) {
                    yield 1.0;
                }
                if (v == 0.0 || v == -1.0) {
                    yield 0.0;
                }
                throw new RecordFormatException("response '" + columnNames.get(responseColumn) + "' is "
                        + RNames.number(v) + "; expected 0 or 1 (or -1/+1)");
            }
            case "boolean" -> row.bool(responseColumn) ? 1.0 : 0.0;
            default -> {
                String text = row.text(responseColumn);
                Integer code = responseCodes.get(text);
                if (code == null) {
                    throw new RecordFormatException("response '" + columnNames.get(responseColumn) + "' is '"
                            + Values.echo(text) + "'; the model knows only '" + encoding.response().levels().get(0)
                            + "' (0) and '" + encoding.response().levels().get(1) + "' (1)");
                }
                yield code;
            }
        };
    }
}
