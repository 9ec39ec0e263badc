package org.bernoulli.data;

import java.util.Map;

/**
 * How Spark reads a table input: a data source by name ({@code parquet}, {@code orc},
 * {@code json}, {@code avro} …) with its options ({@code READ_OPTION key=value}), or a table of
 * the session's catalog ({@code TABLE NAME}).
 *
 * @param name    the data source's name (Spark's {@code format}); ignored for a catalog table
 * @param table   the catalog table, or null to read the input path
 * @param options the reader options, in the order given
 */
public record TableSource(String name, String table, Map<String, String> options) implements java.io.Serializable {

    public TableSource {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        if (table != null && table.isBlank()) {
            throw new IllegalArgumentException("{TABLE} must name a table");
        }
    }

    /** Parses {@code READ_OPTION} values {@code key=value}. */
    public static Map<String, String> options(java.util.List<String> given) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String kv : given) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("{READ_OPTION} must be key=value, got '" + kv + "'");
            }
            out.put(kv.substring(0, eq).strip(), kv.substring(eq + 1));
        }
        return out;
    }

    /** Where the data comes from, for messages: the table, or the path. */
    public String describe(String path) {
        return table != null ? "table " + table : path;
    }
}
