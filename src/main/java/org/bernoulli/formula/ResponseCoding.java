package org.bernoulli.formula;

import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.Values;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How a design turns a row's response into the outcome, one kind per way the response was kept
 * ({@link Encoding.Response}): a 0/1 (or −1/+1) number, a boolean, a column of two text levels,
 * binomial counts {@code cbind(successes, failures)}, or the classes of a categorical response.
 */
sealed interface ResponseCoding extends Serializable {

    /** The label of a row: 0 or 1, or for more than two classes the class's index (not for counts). */
    double label(Cells row);

    /** How the output names the rows coded {@code label}: "sex 'Male'", "y = 1". */
    String describeClass(int label, String response);

    /** The response's column in the design, or −1 for counts (which have two expressions). */
    int column();

    /** The sentence the output prints about the response {@code response}. */
    String describe(String response);

    /** A 0/1 number; −1 also means 0. */
    record Number(int column, String name) implements ResponseCoding {
        @Override
        public double label(Cells row) {
            double v = row.number(column);
            if (v == 1.0) {
                return 1.0;
            }
            if (v == 0.0 || v == -1.0) {
                return 0.0;
            }
            throw new RecordFormatException("response '" + name + "' is " + RNames.number(v)
                    + "; expected 0 or 1 (or -1/+1)");
        }

        @Override
        public String describe(String response) {
            return "response " + response + ": 1 is 1, 0 (or -1) is 0";
        }

        @Override
        public String describeClass(int label, String response) {
            return response + " = " + label;
        }
    }

    /** A boolean: TRUE is 1. */
    record Bool(int column) implements ResponseCoding {
        @Override
        public double label(Cells row) {
            return row.bool(column) ? 1.0 : 0.0;
        }

        @Override
        public String describe(String response) {
            return "response " + response + ": TRUE is 1";
        }

        @Override
        public String describeClass(int label, String response) {
            return response + " " + (label == 1 ? "TRUE" : "FALSE");
        }
    }

    /** Two text levels: the first is 0, the second 1. */
    record Levels(int column, String name, List<String> levels) implements ResponseCoding {
        public Levels {
            levels = List.copyOf(levels);
        }

        @Override
        public double label(Cells row) {
            String text = row.text(column);
            int code = levels.indexOf(text);
            if (code < 0) {
                throw new RecordFormatException("response '" + name + "' is '" + Values.echo(text)
                        + "'; the model knows only '" + levels.get(0) + "' (0) and '" + levels.get(1) + "' (1)");
            }
            return code;
        }

        @Override
        public String describe(String response) {
            return "response " + response + ": '" + levels.get(1) + "' is 1, '" + levels.get(0) + "' is 0";
        }

        @Override
        public String describeClass(int label, String response) {
            return response + " '" + levels.get(label) + "'";
        }
    }

    /**
     * More than two classes, one categorical trial per row: class k (of {@code classes}, the reference
     * first) is coded k. A text column's values are the classes; a number column's values are matched
     * to the classes as R prints them ({@code 3}, {@code 2.5}).
     */
    record Classes(int column, String name, List<String> classes, double[] numbers) implements ResponseCoding {
        public Classes {
            classes = List.copyOf(classes);
        }

        /** The coding of a text column ({@code numbers} null) or of a number column. */
        static Classes of(int column, String name, List<String> classes, boolean numeric) {
            double[] numbers = null;
            if (numeric) {
                numbers = new double[classes.size()];
                for (int k = 0; k < numbers.length; k++) {
                    numbers[k] = Values.number(classes.get(k));
                }
            }
            return new Classes(column, name, classes, numbers);
        }

        @Override
        public double label(Cells row) {
            if (numbers != null) {
                double v = row.number(column);
                for (int k = 0; k < numbers.length; k++) {
                    if (numbers[k] == v) {
                        return k;
                    }
                }
                return unknown(RNames.number(v));
            }
            String text = row.text(column);
            int code = classes.indexOf(text);
            return code >= 0 ? code : unknown(Values.echo(text));
        }

        private double unknown(String value) {
            throw new RecordFormatException("response '" + name + "' is '" + value + "', a class the model does not "
                    + "know; its classes are " + Values.echo(classes));
        }

        @Override
        public String describe(String response) {
            return "response " + response + ": " + classes.size() + " classes " + Values.echo(classes)
                    + ", each against the reference class '" + classes.get(0) + "'";
        }

        @Override
        public String describeClass(int label, String response) {
            return response + " '" + classes.get(label) + "'";
        }
    }

    /** Binomial counts: a row is {@code successes + failures} Bernoulli trials. */
    record Counts(Numeric successes, Numeric failures) implements ResponseCoding {
        @Override
        public double label(Cells row) {
            throw new IllegalStateException("a counts response has no single label");
        }

        @Override
        public String describe(String response) {
            return "response " + response + ": binomial counts (successes, failures)";
        }

        @Override
        public String describeClass(int label, String response) {
            return label == 1 ? "only successes" : "only failures";
        }

        @Override
        public int column() {
            return -1;
        }

        /** The successes (which 0) or failures (1) of a row: a finite count of at least 0. */
        double count(Cells row, int which) {
            double v = (which == 0 ? successes : failures).eval(row);
            if (!Double.isFinite(v) || v < 0 || v > Values.MAX_TRAINING_MAGNITUDE) {
                throw new RecordFormatException("cbind(): the " + (which == 0 ? "successes" : "failures")
                        + " count is " + v + "; expected a finite number of at least 0");
            }
            return v;
        }
    }

    /** The coding of {@code r} for a formula whose response is {@code response}, over the data's columns. */
    static ResponseCoding of(Encoding.Response r, Formula formula, Map<String, Integer> positions,
                             Map<String, ColumnKind> kinds) {
        Expr response = formula.response();
        if (r.kind().equals("counts")) {
            if (!(response instanceof Expr.Call c && c.function().equals("cbind") && c.args().size() == 2)) {
                throw new IllegalArgumentException("a counts response needs cbind(successes, failures)");
            }
            return new Counts(Numeric.compile(c.args().get(0), positions, kinds, "cbind()"),
                    Numeric.compile(c.args().get(1), positions, kinds, "cbind()"));
        }
        if (!(response instanceof Expr.Column col) || !positions.containsKey(col.name())) {
            throw new FormulaException("{FORMULA} '" + formula.text() + "': the response must be a column of the "
                    + "data or cbind(successes, failures), got " + response.deparse());
        }
        int column = positions.get(col.name());
        return switch (r.kind()) {
            case "levels" -> new Levels(column, col.name(), r.levels());
            case "classes" -> Classes.of(column, col.name(), r.levels(), kinds.get(col.name()) == ColumnKind.NUMBER);
            case "boolean" -> new Bool(column);
            default -> new Number(column, col.name());
        };
    }
}
