package org.bernoulli.pmml;

import org.bernoulli.data.UsageException;
import org.bernoulli.formula.ColumnKind;
import org.bernoulli.formula.Expr;
import org.w3c.dom.Element;

import java.util.Map;

/**
 * A formula's numeric expression ({@code I(age^2)}, {@code log(parity)}, the inside of
 * {@code offset()}) as a PMML expression, operation for operation, so that an evaluator computes
 * the same doubles: {@code + - * /} as PMML's arithmetic, {@code ^} as {@code pow}, {@code log} as
 * {@code ln}, {@code log1p} as {@code ln1p}, {@code exp}, {@code sqrt} and {@code abs} as
 * themselves, −x as −1 · x (the same bits), a number as a double constant written as its shortest
 * exact decimal, a column of numbers as a field reference and a column of booleans as its
 * indicator of {@code true} (1 or 0, as the formula reads it).
 */
final class PmmlExpressions {
    private final PmmlXml xml;
    private final Map<String, ColumnKind> kinds;

    /** @param kinds what each data column holds */
    PmmlExpressions(PmmlXml xml, Map<String, ColumnKind> kinds) {
        this.xml = xml;
        this.kinds = kinds;
    }

    /** The expression without the wrappers that do not change its value: parentheses, unary + and {@code I()}. */
    static Expr unwrap(Expr e) {
        while (true) {
            if (e instanceof Expr.Paren p) {
                e = p.inner();
            } else if (e instanceof Expr.Unary u && u.op() == '+') {
                e = u.operand();
            } else if (e instanceof Expr.Call c && c.function().equals("I") && c.args().size() == 1) {
                e = c.args().get(0);
            } else {
                return e;
            }
        }
    }

    /**
     * @param where the variable or term the expression computes, for a refusal
     * @throws UsageException for what PMML's built-in functions cannot compute the same way
     */
    Element of(Expr expression, String where) {
        Expr e = unwrap(expression);
        if (e instanceof Expr.Column c) {
            if (kinds.get(c.name()) == ColumnKind.BOOLEAN) {
                return xml.element("NormDiscrete", "field", c.name(), "value", "true");
            }
            return xml.fieldRef(c.name());
        }
        if (e instanceof Expr.Number n) {
            return xml.constant(n.value());
        }
        if (e instanceof Expr.Unary u && u.op() == '-') {
            return xml.apply("*", xml.constant(-1.0), of(u.operand(), where));
        }
        if (e instanceof Expr.Binary b && "+-*/^".indexOf(b.op()) >= 0) {
            return xml.apply(b.op() == '^' ? "pow" : String.valueOf(b.op()), of(b.left(), where), of(b.right(), where));
        }
        if (e instanceof Expr.Call c && c.args().size() == 1) {
            String function = switch (c.function()) {
                case "log" -> "ln";
                case "log1p" -> "ln1p";
                case "exp", "sqrt", "abs" -> c.function();
                default -> null;
            };
            if (function != null) {
                return xml.apply(function, of(c.args().get(0), where));
            }
        }
        throw new UsageException("PMML cannot hold '" + e.deparse() + "' in " + where + " exactly: it has no "
                + "built-in function that computes it the same way; nothing was written");
    }
}
