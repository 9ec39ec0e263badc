package org.bernoulli.formula;

import org.bernoulli.data.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A basis term of the formula before the data is seen — {@code poly(x, 2)}, {@code poly(x, 3, raw = TRUE)},
 * {@code bs(x, df = 4)}, {@code bs(x, knots = c(25, 35), degree = 2)}, {@code ns(x, df = 3)},
 * {@code ns(x, knots = 30)} — and how its {@link Basis} is fitted from the distinct values of the
 * column and their counts, as R computes it from the column: the spline knots at R's quantiles
 * (type 7) of the values, the boundary knots at their range, the polynomial's {@code alpha} and
 * {@code norm2} from its centred moments.
 *
 * @param variable the call as R writes it
 * @param kind     {@code poly}, {@code raw}, {@code bs} or {@code ns}
 * @param column   the data column it transforms
 * @param degree   the polynomial degree (3 for ns)
 * @param df       the columns asked for (splines), or 0 when the knots are given
 * @param knots    the interior knots given, or null
 * @param boundary the boundary knots given, or null for the range
 * @param intercept whether a spline keeps its first B-spline
 */
record BasisCall(String variable, String kind, String column, int degree, int df, double[] knots,
                 double[] boundary, boolean intercept) {

    static final List<String> FUNCTIONS = List.of("poly", "bs", "ns");

    /** The basis call {@code c}, or a {@link FormulaException} naming what it cannot take. */
    static BasisCall of(Expr.Call c, Map<String, ColumnKind> kinds) {
        String label = c.deparse();
        CallArguments args = switch (c.function()) {
            case "poly" -> new CallArguments(c, List.of("x", "degree", "coefs", "raw", "simple"),
                    List.of("x", "degree", "raw"));
            case "bs" -> new CallArguments(c, List.of("x", "df", "knots", "degree", "intercept", "Boundary.knots",
                    "warn.outside"), List.of("x", "df", "knots", "degree", "intercept", "Boundary.knots"));
            default -> new CallArguments(c, List.of("x", "df", "knots", "intercept", "Boundary.knots"),
                    List.of("x", "df", "knots", "intercept", "Boundary.knots"));
        };
        if (!(args.required("x") instanceof Expr.Column col)) {
            throw args.refuse("takes a column here, not " + args.get("x").deparse()
                    + "; compute the expression into a column of the data first");
        }
        ColumnKind kind = kinds.get(col.name());
        if (kind != null && kind != ColumnKind.NUMBER) {
            throw args.refuse("needs a column of numbers; '" + col.name() + "' holds "
                    + kind.name().toLowerCase());
        }
        if (c.function().equals("poly")) {
            return new BasisCall(label, args.flag("raw", false) ? "raw" : "poly", col.name(),
                    args.whole("degree", 1, 1), 0, null, null, false);
        }
        boolean bs = c.function().equals("bs");
        int degree = bs ? args.whole("degree", 1, 3) : 3;
        double[] knots = args.numbers("knots");
        int df = args.whole("df", 1, 0);
        if (knots != null && df > 0) {
            throw args.refuse("is given both df and knots; give one (R's knots win silently)");
        }
        double[] boundary = args.numbers("Boundary.knots");
        if (boundary != null && (boundary.length != 2 || !(boundary[0] < boundary[1]))) {
            throw args.refuse("needs Boundary.knots to be two increasing numbers, c(low, high)");
        }
        return new BasisCall(label, c.function(), col.name(), degree, df, knots == null ? null : knots.clone(),
                boundary, args.flag("intercept", false));
    }

    /**
     * The basis from the column's distinct values and their counts (every row where the column is
     * present, as R evaluates the term before leaving rows out).
     *
     * @throws BadInputException when the values cannot carry the basis
     */
    Basis fit(NavigableMap<Double, Long> counts) {
        if (counts.isEmpty()) {
            throw new BadInputException(variable + ": column '" + column + "' has no value");
        }
        if (kind.equals("raw")) {
            return new Basis(variable, kind, degree, false, List.of(), List.of(), List.of(), List.of());
        }
        if (kind.equals("poly")) {
            return polynomial(counts);
        }
        double low = boundary != null ? boundary[0] : counts.firstKey();
        double high = boundary != null ? boundary[1] : counts.lastKey();
        if (!(low < high)) {
            throw new BadInputException(variable + ": column '" + column + "' has one value (" + RNames.number(low)
                    + "); a spline needs a range");
        }
        List<Double> interior = new ArrayList<>();
        if (knots != null) {
            for (double k : knots) {
                interior.add(k);
            }
            interior.sort(null);
        } else if (df > 0) {
            int inner = Math.max(0, df - (kind.equals("bs") ? degree : 1) - (intercept ? 1 : 0));
            NavigableMap<Double, Long> inside = counts.subMap(low, true, high, true);
            double by = 1.0 / (inner + 1);
            for (int i = 1; i <= inner; i++) {
                interior.add(quantile(inside, i * by));
            }
        }
        return new Basis(variable, kind, degree, intercept, interior, List.of(low, high), List.of(), List.of());
    }

    /**
     * R's orthogonal polynomial: α_k = Σ x Z_k² / Σ Z_k² and norm2 = (1, n, ΣZ₁², …, ΣZ_d²) along the
     * recurrence, summed over the distinct values with their counts.
     */
    private Basis polynomial(NavigableMap<Double, Long> counts) {
        if (counts.size() <= degree) {
            throw new BadInputException(variable + ": column '" + column + "' has " + counts.size()
                    + " distinct values; a polynomial of degree " + degree + " needs more than " + degree);
        }
        int m = counts.size();
        double[] x = new double[m];
        double[] w = new double[m];
        int i = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            x[i] = e.getKey();
            w[i++] = e.getValue();
        }
        double[] previous = new double[m];
        double[] current = new double[m];
        java.util.Arrays.fill(current, 1.0);
        List<Double> alpha = new ArrayList<>();
        List<Double> norm2 = new ArrayList<>(List.of(1.0));
        for (int k = 0; k <= degree; k++) {
            double sumSquares = 0.0;
            double sumXSquares = 0.0;
            for (int r = 0; r < m; r++) {
                double z2 = current[r] * current[r] * w[r];
                sumSquares += z2;
                sumXSquares += x[r] * z2;
            }
            norm2.add(sumSquares);
            if (k == degree) {
                break;
            }
            double a = sumXSquares / sumSquares;
            alpha.add(a);
            double ratio = k == 0 ? 0.0 : norm2.get(k + 1) / norm2.get(k);
            for (int r = 0; r < m; r++) {
                double next = (x[r] - a) * current[r] - ratio * previous[r];
                previous[r] = current[r];
                current[r] = next;
            }
        }
        return new Basis(variable, kind, degree, false, List.of(), List.of(), alpha, norm2);
    }

    /** R's quantile of type 7 of the values with their counts: (1 − h)·x_(lo) + h·x_(hi), index 1 + (n − 1)p. */
    static double quantile(NavigableMap<Double, Long> counts, double p) {
        long n = 0;
        for (long c : counts.values()) {
            n += c;
        }
        double index = 1 + (n - 1) * p;
        long lo = (long) Math.floor(index);
        long hi = (long) Math.ceil(index);
        double xlo = orderStatistic(counts, lo);
        double xhi = orderStatistic(counts, hi);
        double h = index - lo;
        return index > lo && xhi != xlo ? (1 - h) * xlo + h * xhi : xlo;
    }

    /** The k-th smallest value (1-based), counting repeats. */
    private static double orderStatistic(NavigableMap<Double, Long> counts, long k) {
        long seen = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= k) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }
}
