package org.bernoulli.margins;

import org.bernoulli.data.Values;
import org.bernoulli.formula.Cells;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.EncodedRow;
import org.bernoulli.formula.MarginCoding;
import org.bernoulli.formula.MarginVariable;

import java.io.Serializable;
import java.util.List;

/**
 * One pass of sums for the average marginal effects of a model over raw rows coded through its
 * design — mergeable, so an engine spreads the rows as it likes. The model has K classes, class 0
 * the reference with η₀ = 0 and ηₖ = bₖ + βₖᵀx + offset for the others, Pₖ = softmax(η)ₖ; a binary
 * model is K = 2, where P₁ = σ(η₁) and only class 1's effect is reported. For each class k (every
 * class of a multinomial model), each effect, over rows with case weights w:
 * <ul>
 *   <li>a number x: eₖ = ∂Pₖ/∂x = Pₖ(Dₖ − D̄), D_c = ∂η_c/∂x = β_cᵀ ∂x/∂x (exact, through every model
 *       column x enters), D̄ = Σ_c P_c D_c; its gradient in class c's parameters
 *       ∂eₖ/∂β_c = [Pₖ(δₖ_c − P_c)(Dₖ − D̄) − PₖP_c(D_c − D̄)]·x + Pₖ(δₖ_c − P_c)·∂x/∂x (the intercept
 *       takes the first bracket); for K = 2 this is s(1 − 2P)·D·x + s·∂x/∂x, s = P(1 − P);</li>
 *   <li>a factor's level L against the reference R: eₖ = Pₖ(L) − Pₖ(R), the row coded with its cell set
 *       to each; ∂eₖ/∂β_c = Pₖ(L)(δₖ_c − P_c(L))·x_L − Pₖ(R)(δₖ_c − P_c(R))·x_R.</li>
 * </ul>
 * Σ w·e, Σ w·∂e/∂θ and Σ w: the effect is their ratio and J its gradient, for the delta method
 * ({@link MarginalEffects}). Parameters in packed order: class after class (for a binary model the one),
 * each its coefficients, then its intercept. A row with a missing cell — of the features, or for the
 * fit's own rows of any column the fit read — is skipped and counted. Nothing is allocated per row.
 */
public final class MarginSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Design design;
    private final MarginCoding coding;
    /** Per non-reference class: its coefficients, then its intercept. */
    private final double[][] packed;
    private final boolean rowsOfTheFit;
    private final boolean withMeans;
    private final List<MarginVariable> variables;
    /** Per variable: for a factor, each level's code in each design variable ({@link MarginCoding#levelCodes}). */
    private final int[][][] levelCodes;
    private final int classes;
    private final int effects;
    /** [outcome][effect] and [outcome][effect][parameter]; outcome is the class, or 0 for a binary model. */
    private final double[][] estimates;
    private final double[][][] gradients;
    /**
     * For the row of means, when asked for: Σ w·x of each design column a number reads, Σ w per level of
     * each factor variable; else empty (nothing summed per row).
     */
    private final double[] numberSums;
    private final int[] numberColumns;
    private final double[][] shareSums;
    private double weight;
    private long rows;
    private long skipped;
    private transient EncodedRow coded;
    private transient EncodedRow changed;
    private transient EncodedRow reference;
    private transient double[] p;
    private transient double[] pr;
    private transient double[] pl;
    private transient double[] slopes;

    /**
     * @param design       the model's design
     * @param packed       per non-reference class (one for a binary model): its coefficients, then its intercept
     * @param rowsOfTheFit whether to average over the rows the fit used — every cell of the design present,
     *                     the response too — rather than every row whose features can be coded (other data)
     * @param withMeans    whether to sum what the effects at the means need ({@link #atMeans})
     */
    public MarginSums(Design design, double[][] packed, boolean rowsOfTheFit, boolean withMeans) {
        for (double[] block : packed) {
            if (block.length != design.numFeatures() + 1) {
                throw new IllegalArgumentException(block.length + " parameters for " + design.numFeatures()
                        + " features");
            }
        }
        if (design.counts()) {
            throw new IllegalArgumentException("marginal effects of Bernoulli or categorical rows, not counts");
        }
        this.design = design;
        this.coding = new MarginCoding(design);
        this.packed = new double[packed.length][];
        for (int c = 0; c < packed.length; c++) {
            this.packed[c] = packed[c].clone();
        }
        this.rowsOfTheFit = rowsOfTheFit;
        this.withMeans = withMeans;
        this.variables = MarginVariable.of(design);
        this.levelCodes = new int[variables.size()][][];
        for (int i = 0; i < levelCodes.length; i++) {
            MarginVariable v = variables.get(i);
            levelCodes[i] = v.discrete() ? coding.levelCodes(v.column(), v.levels()) : null;
        }
        this.classes = packed.length + 1;
        int n = 0;
        for (MarginVariable v : variables) {
            n += v.discrete() ? v.levels().size() - 1 : 1;
        }
        effects = n;
        int outcomes = classes == 2 ? 1 : classes;
        estimates = new double[outcomes][n];
        gradients = new double[outcomes][n][packed.length * (design.numFeatures() + 1)];
        numberColumns = withMeans ? coding.numberColumns() : new int[0];
        numberSums = new double[withMeans ? design.columns().size() : 0];
        shareSums = new double[withMeans ? coding.variableCount() : 0][];
        for (int v = 0; v < shareSums.length; v++) {
            List<String> levels = coding.levelsOf(v);
            shareSums[v] = levels == null ? null : new double[levels.size()];
        }
    }

    /** An empty copy, for another piece of the rows. */
    public MarginSums zero() {
        return new MarginSums(design, packed, rowsOfTheFit, withMeans);
    }

    /** Whether the effects at the means are summed too. */
    public boolean withMeans() {
        return withMeans;
    }

    public Design design() {
        return design;
    }

    public List<MarginVariable> variables() {
        return variables;
    }

    private void scratch() {
        if (coded == null) {
            coded = new EncodedRow();
            changed = new EncodedRow();
            reference = new EncodedRow();
            p = new double[classes];
            pr = new double[classes];
            pl = new double[classes];
            slopes = new double[classes];
        }
    }

    /** Adds one raw row. */
    public void add(Cells row) {
        scratch();
        if (!(rowsOfTheFit ? design.encode(row, coded, Values.MAX_TRAINING_MAGNITUDE)
                : design.encodeForScoring(row, coded, Values.MAX_TRAINING_MAGNITUDE))) {
            skipped++;
            return;
        }
        double w = design.weight(row);
        probabilities(coded, p);
        rows++;
        weight += w;
        for (int c : numberColumns) {
            numberSums[c] += w * row.number(c);
        }
        for (int v = 0; v < shareSums.length; v++) {
            if (shareSums[v] != null) {
                shareSums[v][coding.levelOf(v, coded)] += w;
            }
        }
        int effect = 0;
        for (int i = 0; i < variables.size(); i++) {
            MarginVariable v = variables.get(i);
            if (!v.discrete()) {
                coding.differentiate(row, v.column(), coded, changed);
                slope(w, effect++);
                continue;
            }
            coding.encodeAt(coded, levelCodes[i][0], reference);
            probabilities(reference, pr);
            for (int l = 1; l < v.levels().size(); l++) {
                coding.encodeAt(coded, levelCodes[i][l], changed);
                probabilities(changed, pl);
                change(w, effect++);
            }
        }
    }

    /** The effect of a number: {@code coded} the row, {@code changed} its derivative, {@code p} its probabilities. */
    private void slope(double w, int effect) {
        double mean = 0.0;
        slopes[0] = 0.0;
        for (int c = 1; c < classes; c++) {
            double[] b = packed[c - 1];
            double s = 0.0;
            for (int k = 0; k < changed.nnz; k++) {
                s += b[changed.indices[k]] * changed.values[k];
            }
            slopes[c] = s;
            mean += p[c] * s;
        }
        int q = design.numFeatures() + 1;
        for (int k = classes == 2 ? 1 : 0; k < classes; k++) {
            int o = classes == 2 ? 0 : k;
            estimates[o][effect] += w * p[k] * (slopes[k] - mean);
            double[] g = gradients[o][effect];
            for (int c = 1; c < classes; c++) {
                double own = p[k] * ((k == c ? 1 : 0) - p[c]);
                double onRow = w * (own * (slopes[k] - mean) - p[k] * p[c] * (slopes[c] - mean));
                int from = (c - 1) * q;
                addRow(g, from, coded, onRow);
                addRow(g, from, changed, w * own);
                g[from + q - 1] += onRow;
            }
        }
    }

    /** The effect of a level: {@code changed} and {@code pl} at the level, {@code reference} and {@code pr} at the reference. */
    private void change(double w, int effect) {
        int q = design.numFeatures() + 1;
        for (int k = classes == 2 ? 1 : 0; k < classes; k++) {
            int o = classes == 2 ? 0 : k;
            estimates[o][effect] += w * (pl[k] - pr[k]);
            double[] g = gradients[o][effect];
            for (int c = 1; c < classes; c++) {
                double atLevel = w * pl[k] * ((k == c ? 1 : 0) - pl[c]);
                double atReference = w * pr[k] * ((k == c ? 1 : 0) - pr[c]);
                int from = (c - 1) * q;
                addRow(g, from, changed, atLevel);
                addRow(g, from, reference, -atReference);
                g[from + q - 1] += atLevel - atReference;
            }
        }
    }

    /** Softmax over (0, η₁, …): the row's class probabilities, computed from the largest margin down. */
    private void probabilities(EncodedRow row, double[] out) {
        double max = 0.0;
        out[0] = 0.0;
        for (int c = 1; c < classes; c++) {
            double[] b = packed[c - 1];
            double z = b[b.length - 1] + row.offset;
            for (int k = 0; k < row.nnz; k++) {
                z += b[row.indices[k]] * row.values[k];
            }
            out[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0.0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    private static void addRow(double[] g, int from, EncodedRow row, double factor) {
        for (int k = 0; k < row.nnz; k++) {
            g[from + row.indices[k]] += factor * row.values[k];
        }
    }

    /**
     * The effects at the means (Stata's {@code atmeans}) as sums of one row of weight 1: the row of means —
     * every number at its weighted mean over the rows added, every factor at its levels' shares — its
     * derivative for a number, and for a factor's level the row of means with that factor at the level.
     */
    public MarginSums atMeans() {
        if (!withMeans || !(weight > 0)) {
            throw new IllegalStateException(withMeans ? "no row was added" : "the sums were made without the means");
        }
        MarginSums at = zero();
        at.scratch();
        double[] means = new double[numberSums.length];
        for (int c = 0; c < means.length; c++) {
            means[c] = numberSums[c] / weight;
        }
        Cells cells = new MeanCells(means);
        double[][] shares = new double[shareSums.length][];
        for (int v = 0; v < shares.length; v++) {
            if (shareSums[v] != null) {
                shares[v] = shareSums[v].clone();
                for (int l = 0; l < shares[v].length; l++) {
                    shares[v][l] /= weight;
                }
            }
        }
        coding.encodeAtMeans(cells, shares, at.coded);
        at.probabilities(at.coded, at.p);
        at.rows = 1;
        at.weight = 1.0;
        int effect = 0;
        for (int i = 0; i < variables.size(); i++) {
            MarginVariable v = variables.get(i);
            if (!v.discrete()) {
                coding.differentiate(cells, v.column(), at.coded, at.changed);
                at.slope(1.0, effect++);
                continue;
            }
            coding.encodeAtMeans(cells, atLevel(shares, levelCodes[i][0]), at.reference);
            at.probabilities(at.reference, at.pr);
            for (int l = 1; l < v.levels().size(); l++) {
                coding.encodeAtMeans(cells, atLevel(shares, levelCodes[i][l]), at.changed);
                at.probabilities(at.changed, at.pl);
                at.change(1.0, effect++);
            }
        }
        return at;
    }

    /** The shares with every factor variable that reads the factor at the level ({@code codes}, −1 elsewhere). */
    private static double[][] atLevel(double[][] shares, int[] codes) {
        double[][] out = shares.clone();
        for (int d = 0; d < out.length; d++) {
            if (codes[d] >= 0) {
                out[d] = new double[shares[d].length];
                out[d][codes[d]] = 1.0;
            }
        }
        return out;
    }

    /** The row of means as cells: a column's mean for a number; never asked for a level. */
    private record MeanCells(double[] means) implements Cells {
        @Override
        public boolean missing(int column) {
            return false;
        }

        @Override
        public double number(int column) {
            return means[column];
        }

        @Override
        public String text(int column) {
            throw new IllegalStateException("a row of means has no level");
        }

        @Override
        public boolean bool(int column) {
            throw new IllegalStateException("a row of means has no level");
        }
    }

    /** Adds another piece's sums (of the same model). */
    public MarginSums merge(MarginSums other) {
        for (int o = 0; o < estimates.length; o++) {
            for (int e = 0; e < effects; e++) {
                estimates[o][e] += other.estimates[o][e];
                double[] g = gradients[o][e];
                double[] h = other.gradients[o][e];
                for (int j = 0; j < g.length; j++) {
                    g[j] += h[j];
                }
            }
        }
        for (int c = 0; c < numberSums.length; c++) {
            numberSums[c] += other.numberSums[c];
        }
        for (int v = 0; v < shareSums.length; v++) {
            if (shareSums[v] != null) {
                for (int l = 0; l < shareSums[v].length; l++) {
                    shareSums[v][l] += other.shareSums[v][l];
                }
            }
        }
        weight += other.weight;
        rows += other.rows;
        skipped += other.skipped;
        return this;
    }

    /** The classes whose effects are reported: one (a binary model's class 1) or every class. */
    int outcomes() {
        return estimates.length;
    }

    double estimateSum(int outcome, int effect) {
        return estimates[outcome][effect];
    }

    double[] gradientSum(int outcome, int effect) {
        return gradients[outcome][effect];
    }

    public double weight() {
        return weight;
    }

    /** The rows averaged over. */
    public long rows() {
        return rows;
    }

    /** The rows left out for a missing value. */
    public long skipped() {
        return skipped;
    }
}
