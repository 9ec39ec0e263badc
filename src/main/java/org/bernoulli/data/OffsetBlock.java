package org.bernoulli.data;

/**
 * A block whose examples carry offsets: fixed terms oᵢ added to the margin,
 * zᵢ = b + w·xᵢ + oᵢ, as R's {@code offset()} — for example the log of an exposure, or the margin of
 * an earlier model. Everything but the margins is the inner block's, so every pass (loss,
 * gradient, Hessian, Hessian-vector products, Firth's score) fits the offset model unchanged; blocks
 * without offsets are not wrapped and pay nothing.
 *
 * @param inner   the examples
 * @param offsets oᵢ, finite, one per row
 */
public record OffsetBlock(FeatureBlock inner, double[] offsets) implements FeatureBlock {

    public OffsetBlock {
        if (inner instanceof OffsetBlock) {
            throw new IllegalArgumentException("offsets are given once");
        }
        if (offsets.length != inner.rows()) {
            throw new IllegalStateException(offsets.length + " offsets for a block of " + inner.rows() + " rows");
        }
    }

    @Override
    public int rows() {
        return inner.rows();
    }

    @Override
    public double label(int i) {
        return inner.label(i);
    }

    @Override
    public double weight(int i) {
        return inner.weight(i);
    }

    @Override
    public double offset(int i) {
        return offsets[i];
    }

    @Override
    public int width() {
        return inner.width();
    }

    @Override
    public long storedValues() {
        return inner.storedValues();
    }

    @Override
    public void margins(double[] packed, double[] out) {
        inner.margins(packed, out);
        for (int i = 0; i < offsets.length; i++) {
            out[i] += offsets[i];
        }
    }

    @Override
    public void addTransposed(double[] r, double[] sums, double[] compensations) {
        inner.addTransposed(r, sums, compensations);
    }

    @Override
    public void addOuterProducts(double[] v, double[] h, int n) {
        inner.addOuterProducts(v, h, n);
    }

    @Override
    public void quadraticForms(double[] m, int n, double[] out) {
        inner.quadraticForms(m, n, out);
    }

    @Override
    public void forEachValue(ValueVisitor visitor) {
        inner.forEachValue(visitor);
    }

    @Override
    public OffsetBlock withWeights(double[] weights) {
        return new OffsetBlock(inner.withWeights(weights), offsets);
    }
}
