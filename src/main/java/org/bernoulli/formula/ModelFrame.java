package org.bernoulli.formula;

/**
 * The rows a formula fit used, as R's model frame: the design that coded them, the rows read, the
 * rows left out for missing values, and for binomial counts the totals the summary needs.
 *
 * @param design      the coding
 * @param rowsRead    data rows read
 * @param rowsOmitted rows left out by {@code NA_ACTION omit}
 * @param counts      for a {@code cbind()} response, the binomial totals; else null
 */
public record ModelFrame(Design design, long rowsRead, long rowsOmitted, BinomialTotals counts)
        implements java.io.Serializable {

    /** The line the output prints when rows were left out, or null. */
    public String omittedLine() {
        return rowsOmitted == 0 ? null : rowsOmitted + (rowsOmitted == 1 ? " row" : " rows")
                + " omitted for missing values ({NA_ACTION=omit})";
    }
}
