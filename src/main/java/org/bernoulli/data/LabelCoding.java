package org.bernoulli.data;

/**
 * How a label column (or a LIBSVM line's label) codes its class, without a formula: two classes as
 * 0 or 1 (or −1/+1), or the class index 0, 1, …, K − 1 of a model of more, as Spark MLlib's labels.
 */
public enum LabelCoding {
    /** 1 or +1 is the class coded 1, 0 or −1 the class coded 0. */
    BINARY,
    /** A whole number 0 ≤ k &lt; {@value #MAX_CLASSES}: the class's index. */
    CLASS_INDEX;

    /** The most classes a label of class indices may have. */
    public static final int MAX_CLASSES = 1_000;

    /**
     * The label of {@code token}.
     *
     * @throws RecordFormatException when it is no label of this coding
     */
    public double parse(String token) {
        if (this == BINARY) {
            return Values.label(token);
        }
        double v = Values.number(token);
        if (!(v >= 0 && v < MAX_CLASSES) || v != Math.rint(v)) {
            throw new RecordFormatException("label '" + Values.echo(token.strip()) + "' is not a class index; expected "
                    + "0, 1, 2, … (a whole number below " + MAX_CLASSES + ")");
        }
        return v == 0.0 ? 0.0 : v; // −0 is class 0
    }
}
