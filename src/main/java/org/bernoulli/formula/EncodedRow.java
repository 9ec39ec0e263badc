package org.bernoulli.formula;

/**
 * A coded row, reused from row to row: the non-zero model-matrix columns (ascending), the offset,
 * the response (a 0/1 label, or binomial successes and failures) and the case weight.
 */
public final class EncodedRow {
    public int nnz;
    public int[] indices = new int[0];
    public double[] values = new double[0];
    public double offset;
    public double label;
    public double successes;
    public double failures;
    public double weight;
    /** The column whose missing cell stopped the coding, or null. */
    public String missingColumn;
    double[] numbers = new double[0];
    int[] codes = new int[0];

    void ensure(int terms, int variables) {
        if (indices.length < terms) {
            indices = new int[terms];
            values = new double[terms];
        }
        if (numbers.length < variables) {
            numbers = new double[variables];
            codes = new int[variables];
        }
    }

    /** The non-zero columns' indices, copied. */
    public int[] indicesCopy() {
        return java.util.Arrays.copyOf(indices, nnz);
    }

    /** The non-zero columns' values, copied. */
    public double[] valuesCopy() {
        return java.util.Arrays.copyOf(values, nnz);
    }
}
