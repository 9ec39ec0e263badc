package org.bernoulli.pmml;

import org.bernoulli.data.UsageException;
import org.bernoulli.formula.Basis;
import org.bernoulli.formula.DesignColumn;
import org.w3c.dom.Element;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a polynomial basis as derived fields, computed by PMML's arithmetic in the order
 * {@link Basis} computes them, so that an evaluator gets the same doubles:
 * <ul>
 *   <li>{@code poly(x, k, raw = TRUE)}: column j is the previous column times x (the first is x);</li>
 *   <li>{@code poly(x, k)}: R's three-term recurrence over unscaled fields Z₁ = x − α₀,
 *       Z_{j+1} = (x − α_j)·Z_j − (n_{j+1}/n_j)·Z_{j−1} (Z₀ = 1), column j = Z_{j+1}/√n_{j+2}, the
 *       ratios and square roots of training's {@code norm2} written as the doubles Java computes.</li>
 * </ul>
 * Splines ({@code bs()}, {@code ns()}) are piecewise and are refused, naming the term.
 */
final class PmmlBases {
    private final PmmlXml xml;
    private final Map<String, Basis> bases = new HashMap<>();
    /** The document's derived fields, by name, in the order first needed; this adds to them. */
    private final Map<String, Element> derived;

    PmmlBases(PmmlXml xml, List<Basis> bases, Map<String, Element> derived) {
        this.xml = xml;
        bases.forEach(b -> this.bases.put(b.variable(), b));
        this.derived = derived;
    }

    /**
     * The derived field of a basis column.
     *
     * @param term the term the column belongs to, for a refusal
     * @throws UsageException for a spline basis
     */
    String field(DesignColumn.BasisColumn part, String term) {
        Basis basis = bases.get(part.basis());
        if (basis == null) {
            throw new IllegalArgumentException("the encoding has no basis for " + part.basis());
        }
        return switch (basis.kind()) {
            case "raw" -> raw(part, part.index());
            case "poly" -> scaled(part, basis);
            default -> throw new UsageException("PMML cannot hold the term '" + term + "' exactly: " + part.basis()
                    + " is a basis of splines, piecewise polynomials that PMML's built-in functions do not compute "
                    + "the same way; nothing was written");
        };
    }

    /** Raw column j: x^(j+1), as the previous column times x. */
    private String raw(DesignColumn.BasisColumn part, int j) {
        String name = part.basis() + (j + 1);
        if (!derived.containsKey(name)) {
            Element x = xml.fieldRef(part.column());
            Element value = j == 0 ? x : xml.apply("*", xml.fieldRef(raw(part, j - 1)), x);
            derived.put(name, xml.derivedField(name, value));
        }
        return name;
    }

    /** Orthogonal column j: Z_{j+1} / √n_{j+2}. */
    private String scaled(DesignColumn.BasisColumn part, Basis basis) {
        int j = part.index();
        String name = part.name();
        if (!derived.containsKey(name)) {
            Element z = xml.fieldRef(unscaled(part, basis, j + 1));
            derived.put(name, xml.derivedField(name, xml.apply("/", z,
                    xml.constant(Math.sqrt(basis.norm2().get(j + 2))))));
        }
        return name;
    }

    /** Z_k of the recurrence (k ≥ 1), unscaled. */
    private String unscaled(DesignColumn.BasisColumn part, Basis basis, int k) {
        String name = part.basis() + " Z" + k;
        if (!derived.containsKey(name)) {
            List<Double> alpha = basis.alpha();
            List<Double> norm2 = basis.norm2();
            Element centred = xml.apply("-", xml.fieldRef(part.column()), xml.constant(alpha.get(k - 1)));
            Element value;
            if (k == 1) {
                value = centred;
            } else {
                Element current = xml.fieldRef(unscaled(part, basis, k - 1));
                double ratio = norm2.get(k) / norm2.get(k - 1);
                // Z₀ = 1: the ratio times 1 is the ratio.
                Element previous = k == 2 ? xml.constant(ratio)
                        : xml.apply("*", xml.constant(ratio), xml.fieldRef(unscaled(part, basis, k - 2)));
                value = xml.apply("-", xml.apply("*", centred, current), previous);
            }
            derived.put(name, xml.derivedField(name, value));
        }
        return name;
    }
}
