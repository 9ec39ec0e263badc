package org.bernoulli.formula;

import org.bernoulli.data.UsageException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable of the formula as a marginal effect sees it: a data column, not a model column. A
 * column of numbers is moved by an infinitesimal amount (the effect is ∂P/∂x through every model
 * column it enters); a factor — a column of text or booleans, or one that enters only through
 * {@code factor()}, {@code relevel()} or {@code C()} — is set to each level in turn (the effect of a
 * level is P(level) − P(reference), the reference the factor's first level in coding order).
 *
 * @param name   the data column
 * @param column its position in {@link Design#columns()}
 * @param levels for a factor, its levels in coding order (the reference first); null for a number
 */
public record MarginVariable(String name, int column, List<String> levels) implements java.io.Serializable {

    public MarginVariable {
        levels = levels == null ? null : List.copyOf(levels);
    }

    /** Whether the effect is a discrete change between levels. */
    public boolean discrete() {
        return levels != null;
    }

    /**
     * The variables of a design in the order they first appear in its terms (offsets are not
     * variables: they have no coefficient).
     *
     * @throws UsageException for a column of numbers that enters both as a number and through factor(), or
     *                        a column of booleans only through arithmetic
     */
    public static List<MarginVariable> of(Design design) {
        Map<Integer, List<DesignVariable>> readers = new LinkedHashMap<>();
        for (DesignVariable v : design.variables()) {
            for (int c : v.columns()) {
                readers.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
            }
        }
        List<MarginVariable> out = new ArrayList<>();
        for (Map.Entry<Integer, List<DesignVariable>> e : readers.entrySet()) {
            String name = design.columns().get(e.getKey());
            List<DesignVariable> vs = e.getValue();
            long factors = vs.stream().filter(DesignVariable::isFactor).count();
            if (factors > 0 && factors < vs.size()) {
                throw new UsageException("column '" + name + "' enters the formula both as a number and as a factor; "
                        + "its marginal effect is neither a slope nor a change of level");
            }
            if (factors == 0 && design.encoding().columns().get(e.getKey()).kind() == ColumnKind.BOOLEAN) {
                // TRUE/FALSE computed with (I(b * x)) has no slope: its effect is a change of level, which a row
                // coded from its values cannot make here.
                throw new UsageException("column '" + name + "' holds booleans and enters the formula only through "
                        + "arithmetic; its marginal effect is a change of level, which is computed for a factor: "
                        + "enter it as a term of its own rather than inside I() or a function");
            }
            out.add(new MarginVariable(name, e.getKey(), factors > 0 ? vs.get(0).levels() : null));
        }
        return out;
    }
}
