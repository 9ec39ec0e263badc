package org.bernoulli.formula;

import java.util.List;
import java.util.Map;

/**
 * What a variable of the formula is, read from how it is written — the one place that knows the
 * calls a term may make:
 * <ul>
 *   <li>a factor: a column of text or booleans, {@code factor(x)}, {@code relevel(f, ref = "L")}
 *       (the level L first, so the reference of treatment contrasts), {@code C(f, contr.sum)} or
 *       {@code C(f, contr.helmert)} (coded by that contrast);</li>
 *   <li>a basis: {@code poly()}, {@code bs()}, {@code ns()} ({@link BasisCall});</li>
 *   <li>a number computed from the row ({@link Numeric}) — everything else.</li>
 * </ul>
 */
sealed interface VariableForm {

    /** A number computed from the row. */
    record Number(Expr expression) implements VariableForm {
    }

    /**
     * A factor of one column.
     *
     * @param column    the column
     * @param reference the level put first ({@code relevel}), or null for R's sorted order
     * @param contrast  how it is coded when it has a reference
     */
    record FactorOf(String column, String reference, Contrast contrast) implements VariableForm {
    }

    /** A basis of one numeric column. */
    record BasisOf(BasisCall call) implements VariableForm {
    }

    /**
     * The form of variable {@code e} given the columns' kinds (null for a column not known yet).
     *
     * @throws FormulaException for a call that is misused
     */
    static VariableForm of(Expr e, Map<String, ColumnKind> kinds) {
        if (e instanceof Expr.Call c && BasisCall.FUNCTIONS.contains(c.function())) {
            return new BasisOf(BasisCall.of(c, kinds));
        }
        FactorOf f = factor(e, kinds);
        return f != null ? f : new Number(e);
    }

    private static FactorOf factor(Expr e, Map<String, ColumnKind> kinds) {
        if (e instanceof Expr.Column col) {
            ColumnKind k = kinds.get(col.name());
            return k != null && k != ColumnKind.NUMBER ? new FactorOf(col.name(), null, Contrast.TREATMENT) : null;
        }
        if (!(e instanceof Expr.Call c)) {
            return null;
        }
        switch (c.function()) {
            case "factor" -> {
                if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Column col)) {
                    throw new FormulaException("{FORMULA}: factor() takes one column, got " + c.deparse());
                }
                return new FactorOf(col.name(), null, Contrast.TREATMENT);
            }
            case "relevel" -> {
                CallArguments args = new CallArguments(c, List.of("x", "ref"), List.of("x", "ref"));
                FactorOf inner = inner(c, args.required("x"), kinds);
                return new FactorOf(inner.column(), args.text("ref"), inner.contrast());
            }
            case "C" -> {
                CallArguments args = new CallArguments(c, List.of("object", "contr", "how.many"),
                        List.of("object", "contr"));
                FactorOf inner = inner(c, args.required("object"), kinds);
                return new FactorOf(inner.column(), inner.reference(), Contrast.of(args.required("contr"), c));
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The factor a call wraps; a column of numbers must be made one with factor(), as R requires. A column
     * whose kind is not known yet (before the data is scanned) is taken for a factor until it is.
     */
    private static FactorOf inner(Expr.Call outer, Expr e, Map<String, ColumnKind> kinds) {
        FactorOf f = e instanceof Expr.Column col && kinds.get(col.name()) == null
                ? new FactorOf(col.name(), null, Contrast.TREATMENT) : factor(e, kinds);
        if (f == null) {
            throw new FormulaException("{FORMULA}: " + outer.deparse() + " needs a factor: a column of text or "
                    + "booleans, or factor(x) for a column of numbers, not " + e.deparse());
        }
        return f;
    }

    /** The contrasts a factor with a reference may be coded by, as R names them. */
    enum Contrast {
        /** Indicators of the levels after the first (R's default; named by level). */
        TREATMENT,
        /** Level i < k is e_i, the last level −1 everywhere ({@code contr.sum}; numbered columns). */
        SUM,
        /** Column j: −1 for the levels before j + 1, j for level j + 1 ({@code contr.helmert}; numbered). */
        HELMERT;

        static Contrast of(Expr e, Expr.Call call) {
            String name = e instanceof Expr.Column c ? c.name() : e instanceof Expr.Text t ? t.value() : "";
            return switch (name) {
                case "contr.treatment", "treatment" -> TREATMENT;
                case "contr.sum", "sum" -> SUM;
                case "contr.helmert", "helmert" -> HELMERT;
                default -> throw new FormulaException("{FORMULA}: " + call.deparse() + ": the contrast "
                        + e.deparse() + " is not supported; the contrasts are contr.treatment, contr.sum and "
                        + "contr.helmert");
            };
        }

        /** The value of the coded column j (0-based, of k − 1) at level {@code level} (0-based, of k). */
        double value(int level, int j, int k) {
            return switch (this) {
                case TREATMENT -> level == j + 1 ? 1.0 : 0.0;
                case SUM -> level == k - 1 ? -1.0 : level == j ? 1.0 : 0.0;
                case HELMERT -> level <= j ? -1.0 : level == j + 1 ? j + 1 : 0.0;
            };
        }
    }
}
