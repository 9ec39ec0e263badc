package org.bernoulli.formula;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a call bound to a function's parameters as R binds them: by exact name first,
 * then the unnamed ones in order to the parameters left. An argument the function does not take is
 * refused naming it, as R refuses it ("unused argument").
 */
final class CallArguments {
    private final Expr.Call call;
    private final Map<String, Expr> bound = new HashMap<>();

    /**
     * @param call       the call
     * @param parameters the function's parameters, in R's order
     * @param supported  those Bernoulli honours; a value given for another is refused
     */
    CallArguments(Expr.Call call, List<String> parameters, List<String> supported) {
        this.call = call;
        List<Expr> positional = new java.util.ArrayList<>();
        for (Expr a : call.args()) {
            if (a instanceof Expr.Named n) {
                if (!parameters.contains(n.name())) {
                    throw refuse("takes no argument '" + n.name() + "'; its arguments are "
                            + String.join(", ", supported));
                }
                if (bound.put(n.name(), n.value()) != null) {
                    throw refuse("is given '" + n.name() + "' twice");
                }
            } else {
                positional.add(a);
            }
        }
        int next = 0;
        for (Expr a : positional) {
            while (next < parameters.size() && bound.containsKey(parameters.get(next))) {
                next++;
            }
            if (next == parameters.size()) {
                throw refuse("has too many arguments; its arguments are " + String.join(", ", supported));
            }
            bound.put(parameters.get(next++), a);
        }
        for (String p : bound.keySet()) {
            if (!supported.contains(p)) {
                throw refuse("with '" + p + "' is not supported; the arguments Bernoulli honours are "
                        + String.join(", ", supported));
            }
        }
    }

    FormulaException refuse(String problem) {
        return new FormulaException("{FORMULA}: " + call.deparse() + " " + problem);
    }

    Expr get(String parameter) {
        return bound.get(parameter);
    }

    /** A parameter that must be given. */
    Expr required(String parameter) {
        Expr e = bound.get(parameter);
        if (e == null) {
            throw refuse("needs its argument '" + parameter + "'");
        }
        return e;
    }

    /** A whole number of at least {@code min}, or {@code absent} when not given. */
    int whole(String parameter, int min, int absent) {
        Expr e = bound.get(parameter);
        if (e == null) {
            return absent;
        }
        double v = number(e, parameter);
        if (v != Math.rint(v) || v < min || v > 1000) {
            throw refuse("needs " + parameter + " to be a whole number of at least " + min + ", not " + e.deparse());
        }
        return (int) v;
    }

    /** TRUE or FALSE, or {@code absent} when not given. */
    boolean flag(String parameter, boolean absent) {
        Expr e = bound.get(parameter);
        if (e == null) {
            return absent;
        }
        if (e instanceof Expr.Logical l) {
            return l.value();
        }
        throw refuse("needs " + parameter + " to be TRUE or FALSE, not " + e.deparse());
    }

    /** Numbers written {@code c(20, 30)} or one number, or null when not given. */
    double[] numbers(String parameter) {
        Expr e = bound.get(parameter);
        if (e == null) {
            return null;
        }
        List<Expr> items = e instanceof Expr.Call c && c.function().equals("c") ? c.args() : List.of(e);
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(items.get(i), parameter);
        }
        return out;
    }

    /** A level written in quotes (or as a bare number), as R's {@code ref = "3"}. */
    String text(String parameter) {
        Expr e = required(parameter);
        if (e instanceof Expr.Text t) {
            return t.value();
        }
        if (e instanceof Expr.Number n) {
            return RNames.number(n.value());
        }
        throw refuse("needs " + parameter + " to be a level in quotes, not " + e.deparse());
    }

    private double number(Expr e, String parameter) {
        if (e instanceof Expr.Number n) {
            return n.value();
        }
        if (e instanceof Expr.Unary u && u.operand() instanceof Expr.Number n) {
            return u.op() == '-' ? -n.value() : n.value();
        }
        throw refuse("needs " + parameter + " to be a number, not " + e.deparse());
    }
}
