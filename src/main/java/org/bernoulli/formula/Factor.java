package org.bernoulli.formula;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The levels of a factor variable in coding order — sorted, the first the reference of treatment
 * contrasts — as R's {@code factor()} orders them: numbers in numeric order (labelled as R's
 * {@code as.character} writes them), text in code-point order, booleans FALSE then TRUE.
 *
 * @param variable the variable as R writes it ({@code education}, {@code factor(chist)})
 * @param column   the data column it reads
 * @param levels   the level labels, in coding order
 */
public record Factor(String variable, String column, List<String> levels) implements Serializable {

    public Factor {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException(variable + " has no levels");
        }
    }

    /** The code of each level label. */
    public Map<String, Integer> codes() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            m.put(levels.get(i), i);
        }
        return m;
    }

    /** The levels as a message lists them: all when few, else the first and last. */
    public String describeLevels() {
        if (levels.size() <= 8) {
            return String.join(", ", levels);
        }
        return String.join(", ", levels.subList(0, 4)) + ", … " + levels.get(levels.size() - 1) + " ("
                + levels.size() + " levels)";
    }

    /** Code-point order, as R's C collation (String.compareTo compares UTF-16 units). */
    public static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
