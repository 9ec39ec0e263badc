package org.bernoulli.formula;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model formula {@code RESPONSE ~ TERMS} as R reads it. The right-hand side is expanded by R's
 * rules: {@code a + b} both terms, {@code a - b} a without b, {@code a:b} the interaction,
 * {@code (a + b + c)^k} every interaction of at most k of the sum's variables,
 * {@code a * b} = {@code a + b + a:b}, {@code a %in% b} the term {@code a:b}, {@code a / b} =
 * {@code a + a:b} (b nested in every variable of a), {@code .} every column the rest of the formula does not use
 * on its left-hand side (nor the columns named in {@code excludedFromDot}: weights, ids), {@code 1}
 * / {@code 0} / {@code -1} the intercept in or out, {@code offset(e)} a fixed term of the margin.
 * Terms are ordered as R orders them: by the number of variables, then by first appearance; the
 * variables of a term are listed in the order they first appear in the formula, so {@code b:a}
 * after {@code a} is the term {@code a:b}.
 *
 * @param text     the formula as given
 * @param response the left-hand side
 * @param rhs      the right-hand side
 */
public record Formula(String text, Expr response, Expr rhs) implements Serializable {

    /** Parses a formula; throws {@link FormulaException} naming where it is malformed. */
    public static Formula parse(String text) {
        Expr[] parts = FormulaParser.parse(text);
        return new Formula(text.strip(), parts[0], parts[1]);
    }

    /**
     * The expanded right-hand side.
     *
     * @param intercept whether the model has an intercept
     * @param terms     the terms, each its variables in formula order, R's order of terms
     * @param offsets   the expressions of {@code offset()} terms
     */
    public record Terms(boolean intercept, List<List<Expr>> terms, List<Expr> offsets) implements Serializable {
        public Terms {
            terms = terms.stream().map(List::copyOf).toList();
            offsets = List.copyOf(offsets);
        }

        /** A term's label as R writes it: its variables joined by ':'. */
        public static String label(List<Expr> term) {
            StringBuilder s = new StringBuilder();
            for (Expr v : term) {
                s.append(s.length() == 0 ? "" : ":").append(v.deparse());
            }
            return s.toString();
        }
    }

    /** The columns the response reads. */
    public Set<String> responseColumns() {
        Set<String> out = new LinkedHashSet<>();
        Expr.columns(response, out);
        return out;
    }

    /**
     * Expands the right-hand side against the data's columns.
     *
     * @param columns         the data's columns, in order (what {@code .} ranges over)
     * @param excludedFromDot columns {@code .} leaves out besides the response's
     */
    public Terms terms(List<String> columns, Set<String> excludedFromDot) {
        Expansion x = new Expansion(columns, excludedFromDot);
        x.sum(rhs, true);
        List<List<Integer>> sets = new ArrayList<>(x.terms);
        sets.sort((a, b) -> Integer.compare(a.size(), b.size())); // stable: appearance order within a degree
        List<List<Expr>> terms = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Expr> vars = new ArrayList<>();
            set.stream().sorted().forEach(i -> vars.add(x.variables.get(i)));
            terms.add(vars);
        }
        if (terms.isEmpty() && !x.intercept) {
            throw new FormulaException("{FORMULA} '" + text + "' has no terms and no intercept: nothing to fit");
        }
        return new Terms(x.intercept, terms, x.offsets);
    }

    /**
     * The columns of the terms the formula removes with {@code -} ({@code . - id - site}), each with the
     * term it is read in: what a data set must have for the removal to mean something.
     */
    public Map<String, String> removedColumns() {
        Map<String, String> out = new LinkedHashMap<>();
        removed(rhs, true, out);
        return out;
    }

    private static void removed(Expr e, boolean add, Map<String, String> out) {
        if (e instanceof Expr.Binary b && (b.op() == '+' || b.op() == '-')) {
            removed(b.left(), add, out);
            removed(b.right(), b.op() == '+' ? add : !add, out);
        } else if (e instanceof Expr.Unary u) {
            removed(u.operand(), u.op() == '-' ? !add : add, out);
        } else if (e instanceof Expr.Paren p && p.inner() instanceof Expr.Binary b && (b.op() == '+' || b.op() == '-')
                && !add) {
            removed(p.inner(), false, out);
        } else if (!add && !(e instanceof Expr.Number) && !(e instanceof Expr.Dot)) {
            Set<String> named = new LinkedHashSet<>();
            Expr.columns(e, named);
            named.forEach(c -> out.putIfAbsent(c, e.deparse()));
        }
    }

    /** The state of one expansion: variables by first appearance, the terms as sets of them. */
    private final class Expansion {
        private final List<String> columns;
        private final Set<String> excluded;
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final List<Expr> variables = new ArrayList<>();
        private final LinkedHashSet<List<Integer>> terms = new LinkedHashSet<>();
        private final List<Expr> offsets = new ArrayList<>();
        private boolean intercept = true;

        Expansion(List<String> columns, Set<String> excludedFromDot) {
            this.columns = columns;
            this.excluded = new LinkedHashSet<>(excludedFromDot);
            this.excluded.addAll(responseColumns());
        }

        /** Adds (or with {@code add} false, removes) the terms of a +/− chain. */
        void sum(Expr e, boolean add) {
            if (e instanceof Expr.Binary b && (b.op() == '+' || b.op() == '-')) {
                sum(b.left(), add);
                sum(b.right(), b.op() == '+' ? add : !add);
            } else if (e instanceof Expr.Unary u) {
                sum(u.operand(), u.op() == '-' ? !add : add);
            } else if (e instanceof Expr.Paren p && isSum(p.inner()) && !add) {
                sum(p.inner(), false);
            } else if (e instanceof Expr.Number n && (n.value() == 1 || n.value() == 0)) {
                intercept = n.value() == 1 ? add : !add;
            } else if (e instanceof Expr.Call c && c.function().equals("offset")) {
                if (!add) {
                    throw new FormulaException("{FORMULA} '" + text + "': an offset() cannot be removed with '-'");
                }
                if (c.args().size() != 1) {
                    throw new FormulaException("{FORMULA} '" + text + "': offset() takes one expression");
                }
                offsets.add(c.args().get(0));
            } else {
                for (List<Integer> t : product(e)) {
                    if (add) {
                        terms.add(t);
                    } else {
                        terms.remove(t);
                    }
                }
            }
        }

        private boolean isSum(Expr e) {
            return e instanceof Expr.Binary b && (b.op() == '+' || b.op() == '-');
        }

        /** The terms an expression stands for, each a sorted list of variable indices. */
        List<List<Integer>> product(Expr e) {
            List<List<Integer>> out = new ArrayList<>();
            if (e instanceof Expr.Binary b && (b.op() == '+' || b.op() == '-')) {
                Expansion inner = new Expansion(columns, excluded);
                inner.index.putAll(index);
                inner.variables.addAll(variables);
                inner.sum(b, true);
                for (int i = variables.size(); i < inner.variables.size(); i++) {
                    variable(inner.variables.get(i));
                }
                out.addAll(inner.terms);
            } else if (e instanceof Expr.Binary b && b.op() == '/') {
                // R's a / b: a + b %in% a — the terms of a, then each term of b with every variable of a.
                List<List<Integer>> l = product(b.left());
                l.forEach(t -> addUnique(out, t));
                List<Integer> all = new ArrayList<>();
                l.forEach(t -> all.addAll(t));
                for (List<Integer> r : product(b.right())) {
                    addUnique(out, union(all, r));
                }
            } else if (e instanceof Expr.Binary b && (b.op() == ':' || b.op() == '%')) {
                // a %in% b is the term a:b (R's terms() makes no difference between them).

                for (List<Integer> l : product(b.left())) {
                    for (List<Integer> r : product(b.right())) {
                        addUnique(out, union(l, r));
                    }
                }
            } else if (e instanceof Expr.Binary b && b.op() == '*') {
                List<List<Integer>> l = product(b.left());
                List<List<Integer>> r = product(b.right());
                l.forEach(t -> addUnique(out, t));
                r.forEach(t -> addUnique(out, t));
                for (List<Integer> a : l) {
                    for (List<Integer> c : r) {
                        addUnique(out, union(a, c));
                    }
                }
            } else if (e instanceof Expr.Binary b && b.op() == '^') {
                // R's (a + b + c)^k: the terms of the sum crossed with themselves k times — every
                // interaction of at most k of its variables.
                if (!(b.right() instanceof Expr.Number n) || n.value() < 1 || n.value() != Math.rint(n.value())) {
                    throw new FormulaException("{FORMULA} '" + text + "': '^' between terms takes a whole number of "
                            + "at least 1, as in (a + b + c)^2, not " + b.right().deparse() + "; write arithmetic "
                            + "inside I(), e.g. I(" + b.deparse() + ")");
                }
                List<List<Integer>> base = product(b.left());
                List<List<Integer>> crossed = new ArrayList<>(base);
                for (int k = 1; k < (int) ((Expr.Number) b.right()).value(); k++) {
                    List<List<Integer>> next = new ArrayList<>(crossed);
                    for (List<Integer> a : crossed) {
                        for (List<Integer> c : base) {
                            addUnique(next, union(a, c));
                        }
                    }
                    crossed = next;
                }
                crossed.forEach(t -> addUnique(out, t));
            } else if (e instanceof Expr.Binary b) {
                throw new FormulaException("{FORMULA} '" + text + "': '" + b.op() + "' between terms is not "
                        + "supported; write arithmetic inside I(), e.g. I(" + b.deparse() + ")");
            } else if (e instanceof Expr.Paren p) {
                out.addAll(product(p.inner()));
            } else if (e instanceof Expr.Dot) {
                for (String c : columns) {
                    if (!excluded.contains(c)) {
                        addUnique(out, List.of(variable(new Expr.Column(c))));
                    }
                }
            } else if (e instanceof Expr.Number n) {
                throw new FormulaException("{FORMULA} '" + text + "': the number " + n.deparse()
                        + " is not a term (only 1 and 0, for the intercept)");
            } else if (e instanceof Expr.Unary u) {
                throw new FormulaException("{FORMULA} '" + text + "': '" + u.deparse()
                        + "' is not a term here; remove terms with ' - ', e.g. 'y ~ . - x'");
            } else {
                out.add(List.of(variable(e)));
            }
            return out;
        }

        private int variable(Expr e) {
            String key = e.deparse();
            Integer i = index.get(key);
            if (i == null) {
                i = variables.size();
                index.put(key, i);
                variables.add(e);
            }
            return i;
        }

        private List<Integer> union(List<Integer> a, List<Integer> b) {
            Set<Integer> s = new java.util.TreeSet<>(a);
            s.addAll(b);
            return List.copyOf(s);
        }

        private void addUnique(List<List<Integer>> out, List<Integer> t) {
            if (!out.contains(t)) {
                out.add(t);
            }
        }
    }
}
