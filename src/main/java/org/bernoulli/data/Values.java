package org.bernoulli.data;

/** Parsing of the scalar fields that every input format shares: labels, weights and feature values. */
public final class Values {

    private Values() {
    }

    /**
     * A class label: 1 or +1 is the positive class (1), 0 or −1 the negative class (0). Any
     * numeric spelling of those values is accepted ("1.0", "-1", "+1").
     */
    public static double label(String token) {
        double v;
        try {
            v = Double.parseDouble(token.trim());
        } catch (NumberFormatException e) {
            throw new RecordFormatException("label '" + token + "' is not a number; expected 0 or 1 (or -1/+1)");
        }
        if (v == 1.0) {
            return 1.0;
        }
        if (v == 0.0 || v == -1.0) {
            return 0.0;
        }
        throw new RecordFormatException("label " + token + " is not a class label; expected 0 or 1 (or -1/+1)");
    }

    /** A feature value: any finite number. */
    public static double feature(String token, String featureName) {
        double v;
        try {
            v = Double.parseDouble(token.trim());
        } catch (NumberFormatException e) {
            throw new RecordFormatException("feature " + featureName + ": '" + token + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new RecordFormatException("feature " + featureName + ": value " + token
                    + " is not finite; expected a finite number");
        }
        return v;
    }

    /** A case weight: a finite number ≥ 0. */
    public static double weight(String token, String column) {
        double v;
        try {
            v = Double.parseDouble(token.trim());
        } catch (NumberFormatException e) {
            throw new RecordFormatException("weight column " + column + ": '" + token + "' is not a number");
        }
        if (!Double.isFinite(v) || v < 0) {
            throw new RecordFormatException("weight column " + column + ": " + token
                    + " is not a valid case weight; expected a finite number >= 0");
        }
        return v;
    }
}
