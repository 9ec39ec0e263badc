package org.bernoulli.formula;

import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.Values;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * Finds a factor level's code from a row's cell: a number by exact lookup among the levels (then by
 * R's label of it), text and booleans by their label; a level not seen in training is a bad row
 * naming the factor, the level and the levels known.
 */
final class FactorCoder implements Serializable {
    private static final long serialVersionUID = 1L;
    final Factor factor;
    final ColumnKind kind;
    final Map<String, Integer> codes;
    /** For a factor of numbers: the levels as numbers, ascending, for an exact lookup without formatting. */
    final double[] numbers;
    /** The code of each of {@link #numbers} (the coding order may put a level first: relevel()). */
    final int[] numberCodes;

    FactorCoder(Factor factor, ColumnKind kind) {
        this.factor = factor;
        this.kind = kind;
        this.codes = factor.codes();
        if (kind == ColumnKind.NUMBER) {
            int k = factor.levels().size();
            double[] values = new double[k];
            for (int i = 0; i < k; i++) {
                values[i] = Double.parseDouble(factor.levels().get(i).replace("Inf", "Infinity"));
            }
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
            numbers = new double[k];
            numberCodes = new int[k];
            for (int i = 0; i < k; i++) {
                numbers[i] = values[order[i]];
                numberCodes[i] = order[i];
            }
        } else {
            numbers = null;
            numberCodes = null;
        }
    }

    int code(Cells row, int column, String variable) {
        Integer code;
        String shown;
        switch (kind) {
            case NUMBER -> {
                double x = row.number(column);
                int i = Arrays.binarySearch(numbers, x);
                if (i >= 0) {
                    return numberCodes[i];
                }
                shown = RNames.number(x);
                code = codes.get(shown);
            }
            case BOOLEAN -> {
                shown = row.bool(column) ? "TRUE" : "FALSE";
                code = codes.get(shown);
            }
            default -> {
                shown = row.text(column);
                code = codes.get(shown);
            }
        }
        if (code == null) {
            throw new RecordFormatException(variable + ": level '" + Values.echo(shown) + "'"
                    + " was not seen in training; levels " + factor.describeLevels());
        }
        return code;
    }
}
