package org.bernoulli.formula;

import org.bernoulli.math.BSplines;
import org.bernoulli.math.HouseholderQr;

import java.io.Serializable;
import java.util.List;

/**
 * The basis of a transformed number as the model keeps it — what R's {@code makepredictcall}
 * stores so that {@code predict} applies the <em>training</em> basis to new rows:
 * <ul>
 *   <li>{@code poly}: R's orthogonal polynomials of {@code degree}, by the three-term recurrence
 *       Z₀ = 1, Z₁ = x − α₀, Z_{k+1} = (x − α_k) Z_k − (n_{k+1}/n_k) Z_{k−1}, column k = Z_k/√n_{k+1},
 *       with R's {@code alpha} (α) and {@code norm2} (n: 1, the rows, then ΣZ_k²) from training;</li>
 *   <li>{@code raw}: x, x², …, x^degree ({@code poly(x, k, raw = TRUE)});</li>
 *   <li>{@code bs}: B-splines of {@code degree} on the interior {@code knots} and the
 *       {@code boundaryKnots} (each repeated degree + 1 times), the first dropped unless
 *       {@code intercept}; beyond the boundary, R's Taylor expansion about a pivot a quarter of
 *       the way to the next knot;</li>
 *   <li>{@code ns}: natural cubic splines — the cubic B-splines (first dropped unless
 *       {@code intercept}) projected by Qᵀ of the QR of their second derivatives at the boundary
 *       knots, the first two of Qᵀ dropped (R's construction, LINPACK's signs); linear beyond the
 *       boundary.</li>
 * </ul>
 *
 * @param variable      the variable as the formula writes it ({@code ns(parity, df = 2)})
 * @param kind          {@code poly}, {@code raw}, {@code bs} or {@code ns}
 * @param degree        the polynomial degree (3 for {@code ns})
 * @param intercept     for splines: whether the first B-spline is kept
 * @param knots         the interior knots (splines), else empty
 * @param boundaryKnots the boundary knots (splines), else empty
 * @param alpha         R's {@code alpha} ({@code poly}), else empty
 * @param norm2         R's {@code norm2} ({@code poly}), else empty
 */
public record Basis(String variable, String kind, int degree, boolean intercept, List<Double> knots,
                    List<Double> boundaryKnots, List<Double> alpha, List<Double> norm2) implements Serializable {

    public Basis {
        knots = List.copyOf(knots);
        boundaryKnots = List.copyOf(boundaryKnots);
        alpha = List.copyOf(alpha);
        norm2 = List.copyOf(norm2);
        if (degree < 1) {
            throw new IllegalArgumentException(variable + ": degree " + degree);
        }
        switch (kind) {
            case "poly" -> {
                if (alpha.size() != degree || norm2.size() != degree + 2) {
                    throw new IllegalArgumentException(variable + ": poly needs " + degree + " alpha and " + (degree + 2)
                            + " norm2, got " + alpha.size() + " and " + norm2.size());
                }
            }
            case "raw" -> {
            }
            case "bs", "ns" -> {
                if (boundaryKnots.size() != 2 || !(boundaryKnots.get(0) < boundaryKnots.get(1))) {
                    throw new IllegalArgumentException(variable + ": two increasing boundary knots needed, got "
                            + boundaryKnots);
                }
                for (double k : knots) {
                    if (!(k >= boundaryKnots.get(0) && k <= boundaryKnots.get(1))) {
                        throw new IllegalArgumentException(variable + ": knot " + k + " outside " + boundaryKnots);
                    }
                }
            }
            default -> throw new IllegalArgumentException(variable + ": basis kind '" + kind
                    + "' is not poly, raw, bs or ns");
        }
    }

    /** The number of model columns the basis gives. */
    public int size() {
        return switch (kind) {
            case "poly", "raw" -> degree;
            case "bs" -> knots.size() + degree + (intercept ? 1 : 0);
            default -> knots.size() + 1 + (intercept ? 1 : 0);
        };
    }

    /** The basis's evaluator; it holds no per-row state (the caller passes the scratch). */
    Evaluator evaluator() {
        return new Evaluator(this);
    }

    /** Evaluates the basis at a value; one instance serves every thread. */
    static final class Evaluator implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Basis basis;
        private final int size;
        private final double[] alpha;
        private final double[] norm2;
        private final BSplines splines;
        private final HouseholderQr projection;
        private final double[][] pivotRows; // per side: the Taylor coefficients' rows at the pivot, [side][d][j]
        private final double[] pivots;

        Evaluator(Basis basis) {
            this.basis = basis;
            this.size = basis.size();
            alpha = basis.alpha().stream().mapToDouble(Double::doubleValue).toArray();
            norm2 = basis.norm2().stream().mapToDouble(Double::doubleValue).toArray();
            if (basis.kind().equals("bs") || basis.kind().equals("ns")) {
                int order = basis.kind().equals("bs") ? basis.degree() + 1 : 4;
                double lo = basis.boundaryKnots().get(0);
                double hi = basis.boundaryKnots().get(1);
                double[] all = new double[2 * order + basis.knots().size()];
                for (int i = 0; i < order; i++) {
                    all[i] = lo;
                    all[all.length - 1 - i] = hi;
                }
                for (int i = 0; i < basis.knots().size(); i++) {
                    all[order + i] = basis.knots().get(i);
                }
                java.util.Arrays.sort(all);
                splines = new BSplines(all, order);
                double[] scratch = new double[splines.scratchSize()];
                // Beyond the boundary: bs expands about a pivot inside (R >= 3.2.3: a quarter of the way to the
                // next knot) to its degree; ns continues linearly from the boundary knot itself.
                double e = basis.kind().equals("bs") ? 0.25 : 0.0;
                int terms = basis.kind().equals("bs") ? order : 2;
                pivots = new double[] {(1 - e) * lo + e * all[order], (1 - e) * hi + e * all[all.length - order - 1]};
                pivotRows = new double[2][];
                for (int side = 0; side < 2; side++) {
                    pivotRows[side] = new double[terms * splines.size()];
                    double[] row = new double[splines.size()];
                    double factorial = 1.0;
                    for (int d = 0; d < terms; d++) {
                        factorial *= Math.max(d, 1);
                        splines.evaluate(pivots[side], d, row, scratch);
                        for (int j = 0; j < row.length; j++) {
                            pivotRows[side][d * row.length + j] = row[j] / factorial;
                        }
                    }
                }
                if (basis.kind().equals("ns")) {
                    int first = basis.intercept() ? 0 : 1;
                    int kept = splines.size() - first;
                    double[][] constraints = new double[kept][2];
                    double[] row = new double[splines.size()];
                    for (int side = 0; side < 2; side++) {
                        splines.evaluate(side == 0 ? lo : hi, 2, row, scratch);
                        for (int j = 0; j < kept; j++) {
                            constraints[j][side] = row[j + first];
                        }
                    }
                    projection = new HouseholderQr(constraints);
                } else {
                    projection = null;
                }
            } else {
                splines = null;
                projection = null;
                pivotRows = null;
                pivots = null;
            }
        }

        int size() {
            return size;
        }

        /** One thread's working arrays for {@link #evaluate}. */
        Scratch newScratch() {
            return splines == null ? new Scratch(null, null, null)
                    : new Scratch(new double[splines.size()], new double[splines.size()],
                            new double[splines.scratchSize()]);
        }

        /** One thread's working arrays: the B-splines at x, their projection, de Boor's recurrence. */
        record Scratch(double[] splines, double[] projected, double[] recurrence) {
        }

        /** Writes the basis at x into out[0, size). */
        void evaluate(double x, double[] out, Scratch scratch) {
            switch (basis.kind()) {
                case "raw" -> {
                    double p = 1.0;
                    for (int k = 0; k < size; k++) {
                        p *= x;
                        out[k] = p;
                    }
                }
                case "poly" -> {
                    double previous = 1.0;
                    double current = x - alpha[0];
                    out[0] = current / Math.sqrt(norm2[2]);
                    for (int k = 1; k < size; k++) {
                        double next = (x - alpha[k]) * current - norm2[k + 1] / norm2[k] * previous;
                        previous = current;
                        current = next;
                        out[k] = current / Math.sqrt(norm2[k + 2]);
                    }
                }
                default -> splines(x, out, scratch);
            }
        }

        /** Writes the derivative of the basis with respect to x at x into out[0, size). */
        void derivative(double x, double[] out, Scratch scratch) {
            switch (basis.kind()) {
                case "raw" -> {
                    double p = 1.0;
                    for (int k = 0; k < size; k++) {
                        out[k] = (k + 1) * p;
                        p *= x;
                    }
                }
                case "poly" -> {
                    // d/dx of the recurrence: dZ_{k+1} = Z_k + (x − α_k) dZ_k − (n_{k+1}/n_k) dZ_{k−1}.
                    double previous = 1.0;
                    double current = x - alpha[0];
                    double dPrevious = 0.0;
                    double dCurrent = 1.0;
                    out[0] = dCurrent / Math.sqrt(norm2[2]);
                    for (int k = 1; k < size; k++) {
                        double ratio = norm2[k + 1] / norm2[k];
                        double next = (x - alpha[k]) * current - ratio * previous;
                        double dNext = current + (x - alpha[k]) * dCurrent - ratio * dPrevious;
                        previous = current;
                        current = next;
                        dPrevious = dCurrent;
                        dCurrent = dNext;
                        out[k] = dCurrent / Math.sqrt(norm2[k + 2]);
                    }
                }
                default -> splines(x, 1, out, scratch);
            }
        }

        private void splines(double x, double[] out, Scratch scratch) {
            splines(x, 0, out, scratch);
        }

        /** The spline basis (derivative 0) or its first derivative (1) at x. */
        private void splines(double x, int derivative, double[] out, Scratch scratch) {
            int n = splines.size();
            double[] b = scratch.splines();
            if (x >= splines.lower() && x <= splines.upper()) {
                splines.evaluate(x, derivative, b, scratch.recurrence());
            } else {
                // Beyond the boundary: Σ_d rows_d·(x − pivot)^d, or its derivative Σ_d d·rows_d·(x − pivot)^(d−1).
                int side = x < splines.lower() ? 0 : 1;
                double[] rows = pivotRows[side];
                java.util.Arrays.fill(b, 0.0);
                double power = 1.0;
                double dx = x - pivots[side];
                for (int d = derivative; d < rows.length / n; d++) {
                    double factor = derivative == 0 ? power : d * power;
                    for (int j = 0; j < n; j++) {
                        b[j] += factor * rows[d * n + j];
                    }
                    power *= dx;
                }
            }
            int first = basis.intercept() ? 0 : 1;
            if (projection == null) {
                System.arraycopy(b, first, out, 0, size);
                return;
            }
            double[] y = scratch.projected();
            System.arraycopy(b, first, y, 0, n - first);
            projection.applyTranspose(y);
            System.arraycopy(y, 2, out, 0, size);
        }
    }
}
