package org.bernoulli.formula;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * An expression of a model formula as parsed: a column, a number, {@code .}, an operator or a call.
 * {@link #deparse()} writes it back as R's {@code deparse} does — spaces around {@code + - *},
 * none around {@code / ^ :}, parentheses kept — because R's coefficient names are the
 * deparsed terms ({@code log(ftv + 1)}, {@code I(age^2)}).
 */
public sealed interface Expr extends Serializable {

    /** The expression as R writes it. */
    String deparse();

    /** A column of the data, by name. */
    record Column(String name) implements Expr {
        @Override
        public String deparse() {
            return RNames.symbol(name);
        }
    }

    /** A numeric literal. */
    record Number(double value) implements Expr {
        @Override
        public String deparse() {
            return RNames.number(value);
        }
    }

    /** Text in quotes, as a call's argument ({@code ref = "6-11yrs"}); R writes it in double quotes. */
    record Text(String value) implements Expr {
        @Override
        public String deparse() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** {@code TRUE} or {@code FALSE}, as a call's argument ({@code raw = TRUE}). */
    record Logical(boolean value) implements Expr {
        @Override
        public String deparse() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A named argument of a call: {@code df = 3}. */
    record Named(String name, Expr value) implements Expr {
        @Override
        public String deparse() {
            return name + " = " + value.deparse();
        }
    }

    /** {@code .}: every column not otherwise used. */
    record Dot() implements Expr {
        @Override
        public String deparse() {
            return ".";
        }
    }

    /** Unary {@code -} or {@code +}. */
    record Unary(char op, Expr operand) implements Expr {
        @Override
        public String deparse() {
            return op + operand.deparse();
        }
    }

    /** A binary operator: {@code + - * / ^ :}, and {@code %} for {@code %in%}. */
    record Binary(char op, Expr left, Expr right) implements Expr {
        @Override
        public String deparse() {
            String sep = op == '^' || op == ':' || op == '/' ? String.valueOf(op) : op == '%' ? " %in% " : " " + op + " ";
            return left.deparse() + sep + right.deparse();
        }
    }

    /** Parentheses, which R keeps in what it deparses. */
    record Paren(Expr inner) implements Expr {
        @Override
        public String deparse() {
            return "(" + inner.deparse() + ")";
        }
    }

    /** A call: {@code factor(x)}, {@code I(e)}, {@code log(e)}, {@code offset(e)}, {@code cbind(a, b)}. */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String deparse() {
            StringBuilder s = new StringBuilder(function).append('(');
            for (int i = 0; i < args.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(args.get(i).deparse());
            }
            return s.append(')').toString();
        }
    }

    /** Adds the names of the columns the expression reads to {@code out}, in order of appearance. */
    static void columns(Expr e, Set<String> out) {
        if (e instanceof Column c) {
            out.add(c.name());
        } else if (e instanceof Unary u) {
            columns(u.operand(), out);
        } else if (e instanceof Binary b) {
            columns(b.left(), out);
            columns(b.right(), out);
        } else if (e instanceof Paren p) {
            columns(p.inner(), out);
        } else if (e instanceof Call c) {
            // Named arguments and the contrast of C(f, contr.sum) choose R's options (df = 3, raw = TRUE): no data.
            for (int i = 0; i < c.args().size(); i++) {
                Expr a = c.args().get(i);
                if (!(a instanceof Named) && !(c.function().equals("C") && i > 0)) {
                    columns(a, out);
                }
            }
        }
    }
}
