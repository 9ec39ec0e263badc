package org.bernoulli.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule every input's column names follow, whatever reads them: each column has a name, and a
 * name of its own — not repeated, and not the same as another's but for blanks around it ({@code y}
 * beside {@code "y "}), which a reader of the header cannot tell apart and a formula's {@code .}
 * would take twice.
 */
public final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * @param names  the columns, in order
     * @param source where they were read (a file's line 1, a table), for the message
     * @throws BadInputException naming the column(s) and their positions (1-based)
     */
    public static void check(List<String> names, String source) {
        Map<String, Integer> exact = new HashMap<>();
        Map<String, Integer> stripped = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new BadInputException(source + ": column " + (i + 1) + " has an empty name; every column needs "
                        + "a name");
            }
            Integer earlier = exact.putIfAbsent(name, i);
            if (earlier != null) {
                throw new BadInputException(source + ": column '" + Values.echo(name) + "' appears twice (columns "
                        + (earlier + 1) + " and " + (i + 1) + "); every column needs a name of its own");
            }
            Integer alike = stripped.putIfAbsent(name.strip(), i);
            if (alike != null) {
                throw new BadInputException(source + ": columns '" + Values.echo(names.get(alike)) + "' and '"
                        + Values.echo(name) + "' (columns " + (alike + 1) + " and " + (i + 1) + ") differ only by "
                        + "blanks around them; every column needs a name of its own");
            }
        }
    }
}
