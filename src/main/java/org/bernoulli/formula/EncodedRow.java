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
    /** Per variable: a basis's values or a contrast's row (one array each, reused). */
    double[][] vectors = new double[0][];
    /** Per variable: a basis's working arrays. */
    Object[] scratch = new Object[0];
    /** Per variable: the derivative of a number, or of a basis's values, with respect to a cell. */
    double[] slopes = new double[0];
    double[][] slopeVectors = new double[0][];
    /**
     * Per variable, for a row of means ({@link MarginCoding#encodeAtMeans}): a factor's share of each level
     * (its rows' weighted fraction) in place of one level; null for an observed row.
     */
    double[][] shares;
    private Object sizedFor;

    /** Sizes the arrays for a design's rows: once per design, then nothing is allocated. */
    void ensure(int nonZeros, DesignVariable[] variables) {
        if (indices.length < nonZeros) {
            indices = new int[nonZeros];
            values = new double[nonZeros];
        }
        if (sizedFor == variables) {
            return;
        }
        numbers = new double[variables.length];
        codes = new int[variables.length];
        vectors = new double[variables.length][];
        scratch = new Object[variables.length];
        slopes = new double[variables.length];
        slopeVectors = new double[variables.length][];
        for (int v = 0; v < variables.length; v++) {
            DesignVariable d = variables[v];
            vectors[v] = new double[Math.max(d.span(true), 1)];
            slopeVectors[v] = new double[vectors[v].length];
            scratch[v] = d.basis() == null ? null : d.basis().newScratch();
        }
        sizedFor = variables;
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
