package org.bernoulli.formula;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.Family;
import org.bernoulli.data.UsageException;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.Values;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A formula against a data set's columns, before its levels are known: which columns it reads
 * (so that one {@link LevelScan} finds their kinds and levels), then, from the scan, the
 * {@link Encoding} — the kind of every column, each factor's levels, the response's coding.
 *
 * @param formula      the formula
 * @param columns      the columns it reads (with the weight column), in data order
 * @param weightColumn the case-weight column, or null
 */
public record FormulaPlan(Formula formula, List<String> columns, String weightColumn) {

    public FormulaPlan {
        columns = List.copyOf(columns);
    }

    /**
     * The columns {@code formula} reads from data with {@code dataColumns}.
     *
     * @throws FormulaException when it names a column the data does not have
     */
    public static FormulaPlan of(Formula formula, List<String> dataColumns, String weightColumn) {
        return of(formula, dataColumns, weightColumn, null);
    }

    /**
     * As above, with the column of the rows' clusters ({@code CLUSTER_COLUMN}) read too when the data
     * has it, so that a missing cluster cell follows the NA action like any cell the fit uses (the rows
     * omitted are counted alike). It stays in {@code .} as R has it.
     *
     * @param clusterColumn the cluster column, or null
     */
    public static FormulaPlan of(Formula formula, List<String> dataColumns, String weightColumn, String clusterColumn) {
        if (weightColumn != null && !dataColumns.contains(weightColumn)) {
            throw new BadInputException("no weight column ({WEIGHT_COLUMN}) named '" + weightColumn + "' in the data; "
                    + "the columns are " + Values.echo(dataColumns));
        }
        for (Map.Entry<String, String> removed : formula.removedColumns().entrySet()) {
            // Removing a column the data lacks is most likely a typo that keeps the column the user meant to
            // drop (R fails alike: object not found).
            if (!dataColumns.contains(removed.getKey())) {
                throw new FormulaException("{FORMULA} '" + formula.text() + "': '- " + removed.getValue() + "' removes "
                        + "column '" + removed.getKey() + "', which the data does not have; the columns are "
                        + Values.echo(dataColumns));
            }
        }
        Set<String> notForDot = weightColumn == null ? Set.of() : Set.of(weightColumn);
        Formula.Terms terms = formula.terms(dataColumns, notForDot);
        Set<String> used = new LinkedHashSet<>(formula.responseColumns());
        for (List<Expr> term : terms.terms()) {
            Set<String> read = new LinkedHashSet<>();
            term.forEach(v -> Expr.columns(v, read));
            for (String c : read) {
                if (formula.responseColumns().contains(c) || c.equals(weightColumn)) {
                    throw new FormulaException("{FORMULA} '" + formula.text() + "': column '" + c + "' is the "
                            + (c.equals(weightColumn) ? "weight column ({WEIGHT_COLUMN})" : "response")
                            + " and cannot also be a term");
                }
            }
            used.addAll(read);
        }
        terms.offsets().forEach(o -> Expr.columns(o, used));
        if (weightColumn != null) {
            used.add(weightColumn);
        }
        for (String name : used) {
            if (!dataColumns.contains(name)) {
                throw new FormulaException("{FORMULA} '" + formula.text() + "': no column '" + name
                        + "' in the data; the columns are " + Values.echo(dataColumns));
            }
        }
        if (clusterColumn != null && dataColumns.contains(clusterColumn)) {
            used.add(clusterColumn); // a column the data lacks is named by the cluster reader
        }
        List<String> ordered = new ArrayList<>();
        for (String c : dataColumns) {
            if (used.contains(c)) {
                ordered.add(c);
            }
        }
        return new FormulaPlan(formula, ordered, weightColumn);
    }

    /**
     * The encoding with the formula's options, a column over {@code MAX_LEVELS} refused with its
     * exact number of distinct values, which {@code distinctValues} counts for the column named — one
     * more read of the input, on that error path only.
     *
     * @param naValues the cells that mean missing besides empty ones (text input; none for typed tables)
     */
    public Encoding encoding(Map<String, ColumnKind> schemaKinds, LevelScan scan, FormulaOptions options,
                             NaAction naAction, List<String> naValues,
                             java.util.function.ToLongFunction<String> distinctValues) {
        try {
            return encoding(schemaKinds, scan, new ResponseChoice(options.positiveLabel(), options.family(),
                    options.referenceClass()), naAction, naValues, options.maxLevels());
        } catch (TooManyLevelsException e) {
            throw e.withCount(distinctValues.applyAsLong(e.column()));
        }
    }

    /**
     * The encoding, from the scan of {@link #columns()}.
     *
     * @param schemaKinds   the kind of each column from a typed schema, or null for CSV (kinds from the scan)
     * @param positiveLabel the value of a text response that is 1, or null for R's rule (the second level)
     * @param naAction      what was done with missing values
     * @param naValues      the CSV cells that mean missing
     * @param maxLevels     the most levels a factor may have
     * @throws BadInputException for a factor with too many levels or a response without two values
     */
    public Encoding encoding(Map<String, ColumnKind> schemaKinds, LevelScan scan, String positiveLabel,
                             NaAction naAction, List<String> naValues, int maxLevels) {
        return encoding(schemaKinds, scan, new ResponseChoice(positiveLabel, Family.AUTO, null), naAction, naValues,
                maxLevels);
    }

    /**
     * How the user chose the response's coding.
     *
     * @param positiveLabel  the value of a two-valued text response that is 1, or null for R's rule
     * @param family         the likelihood; AUTO chooses by the number of classes
     * @param referenceClass the reference of a multinomial response, or null for the first in sorted order
     */
    public record ResponseChoice(String positiveLabel, Family family, String referenceClass) {
        public ResponseChoice {
            family = family == null ? Family.AUTO : family;
        }
    }

    /** The encoding, from the scan of {@link #columns()}, with the response coded as {@code choice} says. */
    public Encoding encoding(Map<String, ColumnKind> schemaKinds, LevelScan scan, ResponseChoice choice,
                             NaAction naAction, List<String> naValues, int maxLevels) {
        List<Encoding.Column> cols = new ArrayList<>();
        java.util.HashMap<String, ColumnKind> kinds = new java.util.HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            ColumnKind kind = schemaKinds != null ? schemaKinds.get(name)
                    : scan.sawText(c) ? ColumnKind.TEXT : ColumnKind.NUMBER;
            kinds.put(name, kind);
            cols.add(new Encoding.Column(name, kind));
        }
        if (weightColumn != null && kinds.get(weightColumn) != ColumnKind.NUMBER) {
            if (schemaKinds != null) {
                throw new BadInputException("weight column ({WEIGHT_COLUMN}) '" + weightColumn + "' holds "
                        + kinds.get(weightColumn).name().toLowerCase() + " values; expected numbers");
            }
            // Text: read as numbers all the same, so that the first cell that is not one is named with its
            // file, line and value when the rows are coded.
            kinds.put(weightColumn, ColumnKind.NUMBER);
            cols.set(columns.indexOf(weightColumn), new Encoding.Column(weightColumn, ColumnKind.NUMBER));
        }
        Formula.Terms terms = formula.terms(columns, weightColumn == null ? Set.of() : Set.of(weightColumn));
        List<Factor> factors = new ArrayList<>();
        List<Basis> bases = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (List<Expr> term : terms.terms()) {
            for (Expr v : term) {
                if (!done.add(v.deparse())) {
                    continue;
                }
                VariableForm form = VariableForm.of(v, kinds);
                if (form instanceof VariableForm.FactorOf f) {
                    factors.add(new Factor(v.deparse(), f.column(), levels(v.deparse(), f, kinds.get(f.column()), scan,
                            maxLevels)));
                } else if (form instanceof VariableForm.BasisOf b) {
                    bases.add(b.call().fit(scan.distribution(columns.indexOf(b.call().column()))));
                }
            }
        }
        return new Encoding(formula.text(), cols, factors, bases, response(kinds, scan, choice), weightColumn,
                naAction.label(), naValues, scan.rows() - scan.completeRows());
    }

    /**
     * The columns whose distinct values (with their counts, over every row where they are present) the
     * scan keeps for a basis of the formula — {@code poly()}, {@code bs()}, {@code ns()} — as positions
     * in {@link #columns()}.
     */
    public int[] basisColumns() {
        Formula.Terms terms = formula.terms(columns, weightColumn == null ? Set.of() : Set.of(weightColumn));
        Set<Integer> out = new java.util.TreeSet<>();
        for (List<Expr> term : terms.terms()) {
            for (Expr v : term) {
                if (VariableForm.of(v, Map.of()) instanceof VariableForm.BasisOf b) {
                    out.add(columns.indexOf(b.call().column()));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The columns whose levels the encoding needs, given the kinds of a typed schema: those of the
     * factor variables (text and boolean columns, {@code factor()} arguments), a text response, and
     * the columns a basis transforms (their distinct numbers).
     */
    public Set<String> levelColumns(Map<String, ColumnKind> kinds) {
        Set<String> out = new java.util.HashSet<>();
        Formula.Terms terms = formula.terms(columns, weightColumn == null ? Set.of() : Set.of(weightColumn));
        for (List<Expr> term : terms.terms()) {
            for (Expr v : term) {
                String c = factorColumn(v, kinds);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        if (formula.response() instanceof Expr.Column col) {
            out.add(col.name()); // a number response too: more than two values make it multinomial
        }
        for (int c : basisColumns()) {
            out.add(columns.get(c)); // a basis's distinct numbers
        }
        return out;
    }

    private static String factorColumn(Expr v, Map<String, ColumnKind> kinds) {
        return VariableForm.of(v, kinds) instanceof VariableForm.FactorOf f ? f.column() : null;
    }

    private List<String> levels(String variable, VariableForm.FactorOf factor, ColumnKind kind, LevelScan scan,
                                int maxLevels) {
        String column = factor.column();
        int c = columns.indexOf(column);
        if (scan.overflow(c)) {
            throw new TooManyLevelsException(variable, column, maxLevels);
        }
        List<String> out = new ArrayList<>();
        if (kind == ColumnKind.NUMBER) {
            TreeSet<Double> values = new TreeSet<>(scan.numbers(c));
            for (String t : scan.texts(c)) {
                values.add(Values.number(t));
            }
            for (double v : values) {
                String label = RNames.number(v);
                if (!out.contains(label)) {
                    out.add(label);
                }
            }
        } else {
            out.addAll(scan.texts(c));
            out.sort(Factor::compareText);
        }
        if (out.isEmpty()) {
            throw new BadInputException("factor " + variable + ": column '" + column + "' has no value in the rows used");
        }
        if (factor.reference() != null) {
            // relevel(): the level named first, the others in their order — as R's relevel, an error when it is
            // not a level.
            if (!out.remove(factor.reference())) {
                throw new FormulaException("{FORMULA}: " + variable + ": '" + Values.echo(factor.reference())
                        + "' is not a level of '" + column + "'; its levels are " + Values.echo(out));
            }
            out.add(0, factor.reference());
        }
        return out;
    }

    private Encoding.Response response(Map<String, ColumnKind> kinds, LevelScan scan, ResponseChoice choice) {
        Expr r = formula.response();
        String positiveLabel = choice.positiveLabel();
        Family family = choice.family();
        if (r instanceof Expr.Call c && c.function().equals("cbind")) {
            if (c.args().size() != 2) {
                throw new FormulaException("{FORMULA} '" + formula.text() + "': cbind() takes two counts, "
                        + "cbind(successes, failures)");
            }
            rejectPositiveLabel(positiveLabel, "binomial counts");
            rejectMultinomial(choice, "binomial counts cbind(successes, failures)");
            return new Encoding.Response("counts", List.of());
        }
        if (!(r instanceof Expr.Column col)) {
            throw new FormulaException("{FORMULA} '" + formula.text() + "': the response must be a column or "
                    + "cbind(successes, failures), got " + r.deparse());
        }
        ColumnKind kind = kinds.get(col.name());
        int c = columns.indexOf(col.name());
        if (kind == ColumnKind.BOOLEAN) {
            rejectPositiveLabel(positiveLabel, "a boolean response");
            rejectMultinomial(choice, "a boolean response");
            return new Encoding.Response("boolean", List.of());
        }
        if (kind == ColumnKind.NUMBER) {
            TreeSet<Double> numbers = new TreeSet<>(scan.numbers(c));
            for (String t : scan.texts(c)) {
                double v = Values.number(t);
                if (!Double.isNaN(v)) {
                    numbers.add(v);
                }
            }
            boolean binary = Set.of(0.0, 1.0).containsAll(numbers) || Set.of(-1.0, 1.0).containsAll(numbers);
            // A number response is a class index only when it holds whole numbers: 0.5 among 0 and 1 is
            // more likely a mistake than a class, and is refused as a 0/1 response refuses it.
            boolean whole = numbers.stream().allMatch(v -> v == Math.rint(v));
            if (family == Family.BINOMIAL || family == Family.AUTO && (binary || numbers.size() < 3 || !whole)) {
                rejectPositiveLabel(positiveLabel, "a 0/1 response");
                rejectMultinomial(new ResponseChoice(null, Family.BINOMIAL, choice.referenceClass()), "");
                return new Encoding.Response("number", List.of());
            }
            List<String> values = new ArrayList<>();
            numbers.forEach(v -> values.add(RNames.number(v)));
            return classes(col.name(), values, scan, c, choice);
        }
        List<String> values = new ArrayList<>(scan.texts(c));
        values.sort(Factor::compareText);
        if (family != Family.BINOMIAL && (values.size() > 2 || scan.overflow(c) || family == Family.MULTINOMIAL)) {
            return classes(col.name(), values, scan, c, choice);
        }
        rejectMultinomial(new ResponseChoice(null, Family.BINOMIAL, choice.referenceClass()), "");
        if (values.size() != 2 || scan.overflow(c)) {
            throw new BadInputException("response '" + col.name() + "' has " + (scan.overflow(c) ? "more than "
                    + scan.cap() : values.size()) + (values.size() == 1 ? " value " : " values ")
                    + Values.echo(values) + " in the " + rows(scan) + " used; a binomial model needs exactly two"
                    + (values.size() > 2 ? " ({FAMILY=multinomial} fits more)" : ""));
        }
        if (positiveLabel != null) {
            if (!values.contains(positiveLabel)) {
                throw new BadInputException("{POSITIVE_LABEL} '" + positiveLabel + "' is not a value of response '"
                        + col.name() + "'; its values are " + Values.echo(values));
            }
            if (positiveLabel.equals(values.get(0))) {
                values = List.of(values.get(1), values.get(0));
            }
        }
        return new Encoding.Response("levels", values);
    }

    /**
     * The classes of a multinomial response in sorted order, the reference first: R's first level, or
     * the one chosen.
     */
    private Encoding.Response classes(String column, List<String> values, LevelScan scan, int c,
                                      ResponseChoice choice) {
        boolean overflow = scan.overflow(c);
        rejectPositiveLabel(choice.positiveLabel(), "a response of more than two classes (choose its reference "
                + "class with {REFERENCE_CLASS})");
        if (overflow || values.size() < 3) {
            throw new BadInputException("response '" + column + "' has " + (overflow ? "more than " + scan.cap()
                    : values.size()) + (values.size() == 1 ? " value " : " values ") + Values.echo(values)
                    + " in the " + rows(scan) + " used; a multinomial model needs three classes or more"
                    + (values.size() == 2 ? " (two are fitted by {FAMILY=binomial})" : ""));
        }
        List<String> ordered = new ArrayList<>(values);
        String reference = choice.referenceClass();
        if (reference != null) {
            if (!values.contains(reference)) {
                throw new UsageException("{REFERENCE_CLASS} '" + Values.echo(reference) + "' is not a class of "
                        + "response '" + column + "'; its classes are " + Values.echo(values));
            }
            ordered.remove(reference);
            ordered.add(0, reference);
        }
        return new Encoding.Response("classes", ordered);
    }

    /** "3 rows": the rows a scan counted as used (complete). */
    private static String rows(LevelScan scan) {
        return scan.completeRows() + (scan.completeRows() == 1 ? " row" : " rows");
    }

    private void rejectMultinomial(ResponseChoice choice, String what) {
        if (choice.family() == Family.MULTINOMIAL) {
            throw new BadInputException("{FAMILY=multinomial} needs a response of three classes or more, not " + what);
        }
        if (choice.referenceClass() != null) {
            throw new UsageException("{REFERENCE_CLASS} applies to a response of more than two classes; this one has "
                    + "two (choose the class coded 1 with {POSITIVE_LABEL})");
        }
    }

    private void rejectPositiveLabel(String positiveLabel, String what) {
        if (positiveLabel != null) {
            throw new FormulaException("{POSITIVE_LABEL} applies to a response of two text values, not to " + what);
        }
    }
}
