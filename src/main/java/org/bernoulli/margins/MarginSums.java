package org.bernoulli.margins;

import org.bernoulli.data.Values;
import org.bernoulli.formula.Cells;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.EncodedRow;
import org.bernoulli.formula.MarginVariable;
import org.bernoulli.math.Logistic;

import java.io.Serializable;
import java.util.List;

/**
 * One pass of sums for the average marginal effects of a binary model, P = σ(η), η = b + βᵀx + offset,
 * over raw rows coded through the model's design — mergeable, so an engine spreads the rows as it
 * likes. For each effect it sums over rows, with the case weights w:
 * <ul>
 *   <li>a number x: e = ∂P/∂x = s·D, s = P(1 − P), D = ∂η/∂x = Σⱼ βⱼ ∂xⱼ/∂x (exact, through every
 *       model column x enters); its gradient ∂e/∂βⱼ = s(1 − 2P)·D·xⱼ + s·∂xⱼ/∂x, ∂e/∂b = s(1 − 2P)·D;</li>
 *   <li>a factor's level L against the reference R: e = P_L − P_R, the row coded with its cell set to
 *       each; ∂e/∂βⱼ = s_L x_{L,j} − s_R x_{R,j}, ∂e/∂b = s_L − s_R;</li>
 * </ul>
 * Σ w·e, Σ w·∂e/∂θ and Σ w: the effect is their ratio and J its gradient, for the delta method
 * ({@link MarginalEffects}). Parameters in packed order: the coefficients, then the intercept. A row
 * with a missing cell — of the features, or for the fit's own rows of any column the fit read — is
 * skipped and counted. Nothing is allocated per row.
 */
public final class MarginSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Design design;
    private final double[] packed;
    private final List<MarginVariable> variables;
    private final boolean rowsOfTheFit;
    private final int effects;
    private final double[] estimates;
    private final double[][] gradients;
    private double weight;
    private long rows;
    private long skipped;
    private transient EncodedRow coded;
    private transient EncodedRow changed;
    private transient EncodedRow reference;

    /**
     * @param design       the model's design
     * @param packed       the model's coefficients, then its intercept
     * @param rowsOfTheFit whether to average over the rows the fit used — every cell of the design present,
     *                     the response too — rather than every row whose features can be coded (other data)
     */
    public MarginSums(Design design, double[] packed, boolean rowsOfTheFit) {
        if (packed.length != design.numFeatures() + 1) {
            throw new IllegalArgumentException(packed.length + " parameters for " + design.numFeatures() + " features");
        }
        if (design.counts() || design.classes() != null) {
            throw new IllegalArgumentException("marginal effects of a binary model of Bernoulli rows only");
        }
        this.design = design;
        this.rowsOfTheFit = rowsOfTheFit;
        this.packed = packed.clone();
        this.variables = MarginVariable.of(design);
        int n = 0;
        for (MarginVariable v : variables) {
            n += v.discrete() ? v.levels().size() - 1 : 1;
        }
        effects = n;
        estimates = new double[n];
        gradients = new double[n][packed.length];
    }

    /** An empty copy, for another piece of the rows. */
    public MarginSums zero() {
        return new MarginSums(design, packed, rowsOfTheFit);
    }

    public Design design() {
        return design;
    }

    public List<MarginVariable> variables() {
        return variables;
    }

    /** Adds one raw row. */
    public void add(Cells row) {
        if (coded == null) {
            coded = new EncodedRow();
            changed = new EncodedRow();
            reference = new EncodedRow();
        }
        if (!(rowsOfTheFit ? design.encode(row, coded, Values.MAX_TRAINING_MAGNITUDE)
                : design.encodeForScoring(row, coded, Values.MAX_TRAINING_MAGNITUDE))) {
            skipped++;
            return;
        }
        double w = design.weight(row);
        int d = packed.length - 1;
        double p = Logistic.sigmoid(margin(coded));
        double s = p * (1 - p);
        rows++;
        weight += w;
        int effect = 0;
        for (MarginVariable v : variables) {
            if (!v.discrete()) {
                design.differentiate(row, v.column(), coded, changed);
                double slope = 0.0;
                for (int k = 0; k < changed.nnz; k++) {
                    slope += packed[changed.indices[k]] * changed.values[k];
                }
                double[] g = gradients[effect];
                estimates[effect++] += w * s * slope;
                double curvature = w * s * (1 - 2 * p) * slope;
                addRow(g, coded, curvature);
                addRow(g, changed, w * s);
                g[d] += curvature;
                continue;
            }
            design.encodeAt(row, v.column(), v.levels().get(0), reference);
            double pr = Logistic.sigmoid(margin(reference));
            double sr = pr * (1 - pr);
            for (int l = 1; l < v.levels().size(); l++) {
                design.encodeAt(row, v.column(), v.levels().get(l), changed);
                double pl = Logistic.sigmoid(margin(changed));
                double sl = pl * (1 - pl);
                double[] g = gradients[effect];
                estimates[effect++] += w * (pl - pr);
                addRow(g, changed, w * sl);
                addRow(g, reference, -w * sr);
                g[d] += w * (sl - sr);
            }
        }
    }

    private double margin(EncodedRow row) {
        double z = packed[packed.length - 1] + row.offset;
        for (int k = 0; k < row.nnz; k++) {
            z += packed[row.indices[k]] * row.values[k];
        }
        return z;
    }

    private static void addRow(double[] g, EncodedRow row, double factor) {
        for (int k = 0; k < row.nnz; k++) {
            g[row.indices[k]] += factor * row.values[k];
        }
    }

    /** Adds another piece's sums (of the same model). */
    public MarginSums merge(MarginSums other) {
        for (int e = 0; e < effects; e++) {
            estimates[e] += other.estimates[e];
            for (int j = 0; j < packed.length; j++) {
                gradients[e][j] += other.gradients[e][j];
            }
        }
        weight += other.weight;
        rows += other.rows;
        skipped += other.skipped;
        return this;
    }

    int effects() {
        return effects;
    }

    double estimateSum(int effect) {
        return estimates[effect];
    }

    double[] gradientSum(int effect) {
        return gradients[effect];
    }

    public double weight() {
        return weight;
    }

    /** The rows averaged over. */
    public long rows() {
        return rows;
    }

    /** The rows left out for a missing cell. */
    public long skipped() {
        return skipped;
    }
}
