package org.bernoulli.formula;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A numeric expression compiled against a row's columns: {@code + - * / ^}, numbers, and
 * {@code log}, {@code log1p}, {@code exp}, {@code sqrt}, {@code abs} — what {@code I()},
 * {@code offset()} and the bare function terms may hold. Evaluation allocates nothing.
 */
sealed interface Numeric extends Serializable {

    double eval(Cells row);

    /** The derivative of the value with respect to the number in design column {@code column}, at the row. */
    double derivative(Cells row, int column);

    record Col(int column) implements Numeric {
        @Override
        public double eval(Cells row) {
            return row.number(column);
        }

        @Override
        public double derivative(Cells row, int c) {
            return c == column ? 1.0 : 0.0;
        }
    }

    record Bool(int column) implements Numeric {
        @Override
        public double eval(Cells row) {
            return row.bool(column) ? 1.0 : 0.0;
        }

        @Override
        public double derivative(Cells row, int c) {
            return 0.0;
        }
    }

    record Const(double value) implements Numeric {
        @Override
        public double eval(Cells row) {
            return value;
        }

        @Override
        public double derivative(Cells row, int c) {
            return 0.0;
        }
    }

    record Neg(Numeric e) implements Numeric {
        @Override
        public double eval(Cells row) {
            return -e.eval(row);
        }

        @Override
        public double derivative(Cells row, int c) {
            return -e.derivative(row, c);
        }
    }

    record Op(char op, Numeric l, Numeric r) implements Numeric {
        @Override
        public double eval(Cells row) {
            double a = l.eval(row);
            double b = r.eval(row);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> Math.pow(a, b);
            };
        }

        @Override
        public double derivative(Cells row, int c) {
            double da = l.derivative(row, c);
            double db = r.derivative(row, c);
            if (op == '+' || op == '-') {
                return op == '+' ? da + db : da - db;
            }
            double a = l.eval(row);
            double b = r.eval(row);
            return switch (op) {
                case '*' -> da * b + a * db;
                case '/' -> (da * b - a * db) / (b * b);
                // d(a^b) = b·a^(b−1)·da + a^b·log(a)·db; the second only when the exponent varies.
                default -> (da == 0.0 ? 0.0 : b * Math.pow(a, b - 1) * da)
                        + (db == 0.0 ? 0.0 : Math.pow(a, b) * Math.log(a) * db);
            };
        }
    }

    record Fn(String name, Numeric e) implements Numeric {
        @Override
        public double eval(Cells row) {
            double x = e.eval(row);
            return switch (name) {
                case "log" -> Math.log(x);
                case "log1p" -> Math.log1p(x);
                case "exp" -> Math.exp(x);
                case "sqrt" -> Math.sqrt(x);
                default -> Math.abs(x);
            };
        }

        @Override
        public double derivative(Cells row, int c) {
            double dx = e.derivative(row, c);
            if (dx == 0.0) {
                return 0.0;
            }
            double x = e.eval(row);
            return dx * switch (name) {
                case "log" -> 1 / x;
                case "log1p" -> 1 / (1 + x);
                case "exp" -> Math.exp(x);
                case "sqrt" -> 0.5 / Math.sqrt(x);
                default -> Math.signum(x);
            };
        }
    }

    List<String> FUNCTIONS = List.of("log", "log1p", "exp", "sqrt", "abs");

    /**
     * Compiles {@code e}; {@code I(...)} and parentheses are transparent here.
     *
     * @param positions each column's position in the design's columns
     * @param kinds     each column's kind
     * @param where     the variable, for messages
     */
    static Numeric compile(Expr e, Map<String, Integer> positions, Map<String, ColumnKind> kinds, String where) {
        if (e instanceof Expr.Column c) {
            Integer p = positions.get(c.name());
            ColumnKind k = kinds.get(c.name());
            if (p == null || k == null) {
                throw new FormulaException("{FORMULA}: no column '" + c.name() + "' in the data (in " + where + ")");
            }
            if (k == ColumnKind.TEXT) {
                throw new FormulaException("{FORMULA}: column '" + c.name() + "' holds text, so " + where
                        + " cannot compute with it; use it as a factor on its own");
            }
            return k == ColumnKind.BOOLEAN ? new Bool(p) : new Col(p);
        }
        if (e instanceof Expr.Number n) {
            return new Const(n.value());
        }
        if (e instanceof Expr.Paren p) {
            return compile(p.inner(), positions, kinds, where);
        }
        if (e instanceof Expr.Unary u) {
            Numeric inner = compile(u.operand(), positions, kinds, where);
            return u.op() == '-' ? new Neg(inner) : inner;
        }
        if (e instanceof Expr.Binary b && b.op() != ':') {
            return new Op(b.op(), compile(b.left(), positions, kinds, where), compile(b.right(), positions, kinds, where));
        }
        if (e instanceof Expr.Call c && c.args().size() == 1
                && (c.function().equals("I") || FUNCTIONS.contains(c.function()))) {
            Numeric inner = compile(c.args().get(0), positions, kinds, where);
            return c.function().equals("I") ? inner : new Fn(c.function(), inner);
        }
        if (e instanceof Expr.Call c) {
            throw new FormulaException("{FORMULA}: " + c.deparse() + " in " + where + " is not supported; the "
                    + "functions are I(), factor(), relevel(), C(), poly(), bs(), ns(), offset(), cbind() and "
                    + String.join(", ", FUNCTIONS));
        }
        throw new FormulaException("{FORMULA}: '" + e.deparse() + "' cannot be computed in " + where);
    }
}
