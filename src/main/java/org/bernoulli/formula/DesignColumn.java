package org.bernoulli.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * How one column of the model matrix is computed from a data row, for a reader outside the design
 * (an export to another format): the product, in order, of its parts — the same product
 * {@link Design#encode} forms, starting from 1 and multiplying by each part in the term's order.
 *
 * @param name  the column's name as R gives it ({@code education6-11yrs}, {@code spontaneous:induced})
 * @param term  the term it belongs to, as R labels it
 * @param parts the factors of the product, in the term's order
 */
public record DesignColumn(String name, String term, List<Part> parts) {

    public DesignColumn {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("column " + name + " has no parts");
        }
    }

    /**
     * The columns of a design's terms, in column order, each variable of a term taking its
     * {@code j}-th coded column with the first variable running fastest.
     */
    static List<DesignColumn> of(DesignTerm[] terms, DesignVariable[] variables, Expr[] expressions,
                                 List<String> featureNames, List<String> dataColumns) {
        List<DesignColumn> out = new ArrayList<>();
        for (DesignTerm t : terms) {
            for (int c = t.from(); c < t.to(); c++) {
                int index = c - t.from();
                List<Part> parts = new ArrayList<>();
                for (int m = 0; m < t.variables().length; m++) {
                    DesignVariable v = variables[t.variables()[m]];
                    int span = v.span(t.full()[m]);
                    parts.add(part(v, expressions[t.variables()[m]], t.full()[m], index % span, dataColumns));
                    index /= span;
                }
                out.add(new DesignColumn(featureNames.get(c), t.label(), parts));
            }
        }
        return out;
    }

    /** Variable {@code v}'s share of a column: its {@code j}-th coded column. */
    private static Part part(DesignVariable v, Expr expression, boolean full, int j, List<String> dataColumns) {
        String name = v.columnNames(full).get(j);
        if (v.basis() != null) {
            return new BasisColumn(name, v.label(), dataColumns.get(v.columns()[0]), j);
        }
        if (!v.isFactor()) {
            return new Number(v.label(), expression);
        }
        int k = v.levels().size();
        double[] values = new double[k];
        for (int l = 0; l < k; l++) {
            values[l] = full ? (l == j ? 1.0 : 0.0) : v.contrast().value(l, j, k);
        }
        return new Coded(name, dataColumns.get(v.factorColumn()), v.coder().kind, v.levels(), values);
    }

    /** One factor of a column's product. */
    public sealed interface Part permits Number, Coded, BasisColumn {
        /** The part as R names its share of the column name ({@code age}, {@code education6-11yrs}). */
        String name();
    }

    /**
     * A number computed from the row ({@code age}, {@code log(parity)}, {@code I(age^2)}).
     *
     * @param name       the variable as the formula writes it
     * @param expression what computes it; {@code I()} and parentheses may wrap it
     */
    public record Number(String name, Expr expression) implements Part {
    }

    /**
     * A factor's coded value: {@code values[l]} on a row at level {@code levels[l]} of its column —
     * an indicator (1 at one level, 0 at the others) under treatment contrasts or full coding, a
     * row of the contrast matrix under sum or Helmert contrasts.
     *
     * @param name   R's name of this coded column of the factor ({@code education6-11yrs}, {@code C(f, sum)1})
     * @param column the data column the factor codes
     * @param kind   what the column holds
     * @param levels the factor's levels, in coding order
     * @param values the coded value at each level
     */
    public record Coded(String name, String column, ColumnKind kind, List<String> levels, double[] values)
            implements Part {
        public Coded {
            levels = List.copyOf(levels);
            values = values.clone();
            if (values.length != levels.size()) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for " + levels.size()
                        + " levels");
            }
        }

        /** The coded value at each level (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }

        /** The one level coded 1 when every other is coded 0 (an indicator); else −1. */
        public int indicatedLevel() {
            int found = -1;
            for (int l = 0; l < values.length; l++) {
                if (values[l] == 1.0 && found < 0) {
                    found = l;
                } else if (values[l] != 0.0) {
                    return -1;
                }
            }
            return found;
        }
    }

    /**
     * One column of a basis of a number ({@code poly(age, 2)}, {@code ns(x, df = 3)}); the
     * encoding's {@link Basis} of the same variable says how it is computed.
     *
     * @param name   R's name of the column ({@code poly(age, 2)1})
     * @param basis  the basis as the formula writes it
     * @param column the data column of numbers it is a basis of
     * @param index  the column of the basis, from 0
     */
    public record BasisColumn(String name, String basis, String column, int index) implements Part {
    }
}
