package org.bernoulli.math;

import java.util.Arrays;

/**
 * B-splines of order {@code k} (degree k − 1) on a knot sequence {@code t} (non-decreasing, each end
 * knot repeated k times), evaluated as R's {@code splines::splineDesign} does: the
 * {@code t.length − k} basis functions at x, or their {@code d}-th derivative, for x in
 * [t[k−1], t[n−k]]. Inside, the interval is [t[i], t[i+1]) (right-continuous); at the right end
 * the last interval is used (left limit), as R does.
 *
 * <p>Values by de Boor's recurrence (BSPLVB) at order k − d, then d steps of the derivative
 * recurrence B'_{j,m} = (m − 1)(B_{j,m−1}/(t_{j+m−1} − t_j) − B_{j+1,m−1}/(t_{j+m} − t_{j+1})),
 * a term whose knot difference is zero being zero. The arrays are the caller's (one scratch per
 * thread): nothing is allocated per evaluation, and one instance serves every thread.
 */
public final class BSplines implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] knots;
    private final int order;

    /** @param knots the knot sequence, each end knot repeated {@code order} times (copied) */
    public BSplines(double[] knots, int order) {
        if (order < 1 || knots.length < 2 * order) {
            throw new IllegalArgumentException("order " + order + " needs at least " + 2 * order + " knots, got "
                    + knots.length);
        }
        for (int i = 1; i < knots.length; i++) {
            if (!(knots[i] >= knots[i - 1])) {
                throw new IllegalArgumentException("knots must be non-decreasing: " + Arrays.toString(knots));
            }
        }
        if (!(knots[order - 1] < knots[knots.length - order])) {
            throw new IllegalArgumentException("the boundary knots must differ: " + Arrays.toString(knots));
        }
        this.knots = knots.clone();
        this.order = order;
    }

    /** The number of basis functions, {@code t.length − k}. */
    public int size() {
        return knots.length - order;
    }

    public double lower() {
        return knots[order - 1];
    }

    public double upper() {
        return knots[knots.length - order];
    }

    /** The length of the scratch array {@link #evaluate} needs. */
    public int scratchSize() {
        return 3 * (order + 1);
    }

    /**
     * Writes the {@code derivative}-th derivative of every basis function at x into {@code out}
     * (length {@link #size()}); zero where a function's support excludes x.
     *
     * @throws IllegalArgumentException when x is outside [lower, upper]
     */
    public void evaluate(double x, int derivative, double[] out, double[] scratch) {
        if (!(x >= lower() && x <= upper())) {
            throw new IllegalArgumentException(x + " is outside the boundary knots [" + lower() + ", " + upper() + "]");
        }
        int n = knots.length;
        int i = order - 1;
        while (i < n - order - 1 && knots[i + 1] <= x) {
            i++;
        }
        Arrays.fill(out, 0, size(), 0.0);
        if (derivative >= order) {
            return;
        }
        int m = order - derivative;
        int left = 0;
        int right = order + 1;
        int work = 2 * (order + 1);
        double[] w = scratch;
        // BSPLVB: w[work + r] = B_{i-m+1+r, m}(x), r = 0..m-1.
        w[work + 0] = 1.0;
        for (int j = 1; j < m; j++) {
            w[left + j] = x - knots[i + 1 - j];
            w[right + j] = knots[i + j] - x;
            double saved = 0.0;
            for (int r = 0; r < j; r++) {
                double temp = w[work + r] / (w[right + r + 1] + w[left + j - r]);
                w[work + r] = saved + w[right + r + 1] * temp;
                saved = w[left + j - r] * temp;
            }
            w[work + j] = saved;
        }
        // Raise the order by differentiating: from order m to m + 1, B_{j,m+1} for j = i-m..i.
        for (; m < order; m++) {
            double carry = 0.0; // the term of B_{j,m} for the function before
            for (int r = 0; r <= m; r++) {
                int j = i - m + r;
                double low = r > 0 ? w[work + r - 1] : 0.0; // B_{j, m}
                double high = r < m ? w[work + r] : 0.0; // B_{j+1, m}
                double a = knots[j + m] - knots[j];
                double b = knots[j + m + 1] - knots[j + 1];
                double value = m * ((a > 0 ? low / a : 0.0) - (b > 0 ? high / b : 0.0));
                if (r > 0) {
                    w[work + r - 1] = carry;
                }
                carry = value;
            }
            w[work + m] = carry;
        }
        for (int r = 0; r < order; r++) {
            out[i - order + 1 + r] = w[work + r];
        }
    }
}
