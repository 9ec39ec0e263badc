package org.bernoulli.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code RESPONSE ~ TERMS} with R's operator precedence (from loosest): {@code ~}, binary
 * {@code + -}, {@code * /}, {@code %in%}, {@code :}, unary {@code - +}, {@code ^} (right-associative).
 * Names are R's (letters, digits, {@code .} and {@code _}) or any text in backticks; numbers are
 * decimal; text is in double or single quotes; a call's arguments may be named ({@code df = 3}).
 * Errors are {@link FormulaException}s that show the formula and where it went wrong.
 */
final class FormulaParser {
    private final String text;
    private int pos;

    private FormulaParser(String text) {
        this.text = text;
    }

    /** The response and the right-hand side of {@code text}. */
    static Expr[] parse(String text) {
        FormulaParser p = new FormulaParser(text);
        p.skipSpace();
        if (p.atEnd()) {
            throw new FormulaException("{FORMULA} is empty; expected RESPONSE ~ TERMS, e.g. 'y ~ x1 + factor(x2)'");
        }
        Expr response = p.peek() == '~' ? null : p.sum();
        if (response == null || !p.take('~')) {
            throw p.error("expected RESPONSE ~ TERMS");
        }
        Expr rhs = p.sum();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("unexpected '" + p.peek() + "'");
        }
        return new Expr[] {response, rhs};
    }

    private Expr sum() {
        Expr e = product();
        while (true) {
            if (take('+')) {
                e = new Expr.Binary('+', e, product());
            } else if (take('-')) {
                e = new Expr.Binary('-', e, product());
            } else {
                return e;
            }
        }
    }

    private Expr product() {
        Expr e = nesting();
        while (true) {
            if (take('*')) {
                e = new Expr.Binary('*', e, nesting());
            } else if (take('/')) {
                e = new Expr.Binary('/', e, nesting());
            } else {
                return e;
            }
        }
    }

    /** R's special operators bind tighter than {@code * /} and looser than {@code :}; {@code %in%} is the one a formula has. */
    private Expr nesting() {
        Expr e = interaction();
        while (true) {
            skipSpace();
            if (!text.startsWith("%", pos)) {
                return e;
            }
            int end = text.indexOf('%', pos + 1);
            String op = end < 0 ? text.substring(pos) : text.substring(pos, end + 1);
            if (!op.equals("%in%")) {
                throw error("the operator " + op + " is not supported; between terms, %in% is");
            }
            pos = end + 1;
            e = new Expr.Binary('%', e, interaction());
        }
    }

    private Expr interaction() {
        Expr e = unary();
        while (take(':')) {
            e = new Expr.Binary(':', e, unary());
        }
        return e;
    }

    private Expr unary() {
        if (take('-')) {
            return new Expr.Unary('-', unary());
        }
        if (take('+')) {
            return new Expr.Unary('+', unary());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (take('^')) {
            return new Expr.Binary('^', base, unary());
        }
        return base;
    }

    private Expr primary() {
        skipSpace();
        if (atEnd()) {
            throw error("the formula ends too early");
        }
        char c = peek();
        if (c == '(') {
            pos++;
            Expr inner = sum();
            if (!take(')')) {
                throw error("expected ')'");
            }
            return new Expr.Paren(inner);
        }
        if (c == '"' || c == '\'') {
            int end = text.indexOf(c, pos + 1);
            if (end < 0) {
                throw error("text in quotes is not closed");
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return new Expr.Text(value);
        }
        if (c == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("a name in backticks is not closed");
            }
            String name = text.substring(pos + 1, end);
            pos = end + 1;
            return new Expr.Column(name);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '.' || c == '_') {
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.equals(".")) {
                return new Expr.Dot();
            }
            if (name.equals("TRUE") || name.equals("FALSE")) {
                return new Expr.Logical(name.equals("TRUE")); // R's reserved words; a column so named is in backticks
            }
            if (take('(')) {
                List<Expr> args = new ArrayList<>();
                if (!take(')')) {
                    do {
                        args.add(argument());
                    } while (take(','));
                    if (!take(')')) {
                        throw error("expected ')' or ',' in the arguments of " + name + "()");
                    }
                }
                return new Expr.Call(name, args);
            }
            return new Expr.Column(name);
        }
        throw error("unexpected '" + c + "'");
    }

    /** A call's argument: {@code NAME = VALUE} or a value. */
    private Expr argument() {
        skipSpace();
        int mark = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
            pos++;
        }
        if (pos > mark && Character.isLetter(text.charAt(mark)) || pos > mark && text.charAt(mark) == '.') {
            String name = text.substring(mark, pos);
            skipSpace();
            if (!atEnd() && peek() == '=' && !text.startsWith("==", pos)) {
                pos++;
                return new Expr.Named(name, sum());
            }
        }
        pos = mark;
        return sum();
    }

    private Expr number() {
        int start = pos;
        while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
            pos++;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            int mark = pos;
            pos++;
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                pos++;
            }
            if (atEnd() || !Character.isDigit(peek())) {
                pos = mark;
            }
            while (!atEnd() && Character.isDigit(peek())) {
                pos++;
            }
        }
        String token = text.substring(start, pos);
        try {
            return new Expr.Number(Double.parseDouble(token));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + token + "' is not a number");
        }
    }

    private boolean take(char c) {
        skipSpace();
        if (!atEnd() && peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private FormulaException error(String problem) {
        return new FormulaException("{FORMULA} '" + text + "': " + problem + " at character " + (pos + 1));
    }
}
