package org.bernoulli.formula;

import java.io.Serializable;
import java.util.List;

/**
 * Everything that turns a data row into a model row, as {@code model.json} keeps it so that
 * scoring encodes new data exactly as training did: the formula, the columns it reads with their
 * kinds (in data order, which is what {@code .} expanded over), each factor's levels in coding
 * order, how the response was coded, the case-weight column, and the missing-value rules.
 *
 * @param formula      the formula as given
 * @param columns      the columns the formula reads (and the weight column), in data order
 * @param factors      the factor variables with their levels
 * @param bases        the bases of {@code poly()}, {@code bs()} and {@code ns()} terms as training fixed them
 * @param response     how the response is coded
 * @param weightColumn the case-weight column, or null
 * @param naAction     {@code fail} or {@code omit}
 * @param naValues     CSV cells that mean "missing" besides the empty cell
 * @param rowsOmitted  training rows left out for a missing value ({@code omit}); 0 under {@code fail}
 */
public record Encoding(String formula, List<Column> columns, List<Factor> factors, List<Basis> bases, Response response,
                       String weightColumn, String naAction, List<String> naValues, long rowsOmitted)
        implements Serializable {

    public Encoding {
        columns = List.copyOf(columns);
        factors = List.copyOf(factors);
        bases = bases == null ? List.of() : List.copyOf(bases); // models saved before bases existed have none
        naValues = List.copyOf(naValues);
        NaAction.parse(naAction);
    }

    /** A column the formula reads, and what it holds. */
    public record Column(String name, ColumnKind kind) implements Serializable {
    }

    /**
     * How the response becomes the Bernoulli outcome.
     *
     * @param kind   {@code number} (0/1 or −1/+1), {@code boolean} (TRUE is 1), {@code levels} (a
     *               two-valued column: {@code levels[0]} is 0, {@code levels[1]} is 1), {@code counts}
     *               ({@code cbind(successes, failures)}), or {@code classes} (more than two values, text or
     *               numbers: one categorical trial per row, class k coded k)
     * @param levels for {@code levels}: the value coded 0, then the value coded 1; for {@code classes}:
     *               every class, the reference first (numbers as R prints them); else empty
     */
    public record Response(String kind, List<String> levels) implements Serializable {
        public Response {
            levels = List.copyOf(levels);
            if (!List.of("number", "boolean", "levels", "counts", "classes").contains(kind)) {
                throw new IllegalArgumentException("response kind '" + kind + "' is not number, boolean, levels, "
                        + "counts or classes");
            }
            if (kind.equals("levels") != (levels.size() == 2) && !kind.equals("classes")) {
                throw new IllegalArgumentException("a response coded by levels needs exactly its two levels");
            }
            if (kind.equals("classes") && (levels.size() < 3 || new java.util.HashSet<>(levels).size() != levels.size())) {
                throw new IllegalArgumentException("a response of classes needs three distinct classes or more, got "
                        + levels);
            }
        }

        /** Whether the rows are categorical trials of more than two classes. */
        public boolean multinomial() {
            return kind.equals("classes");
        }
    }
}
