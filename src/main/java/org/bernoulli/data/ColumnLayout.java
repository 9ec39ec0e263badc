package org.bernoulli.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the named columns of an input to be scored (a CSV header, a Parquet schema) map to a model:
 * which column holds each model feature, and which hold the label, the row id and columns to keep.
 * Features are matched by name; a model feature the input lacks, or a column that is none of
 * these, is an error naming what was expected and what was found.
 *
 * @param columns        the input's columns, in order
 * @param featureColumns for model feature j, the position of its column
 * @param labelColumn    position of the label column, or −1 when the input has none
 * @param idColumn       position of the id column, or −1
 * @param keepColumns    positions of the columns copied to the output
 * @param offsetColumn   position of the offset column (a fixed term of the margin), or −1
 */
public record ColumnLayout(List<String> columns, int[] featureColumns, int labelColumn, int idColumn,
                           int[] keepColumns, int offsetColumn) implements Serializable {

    public ColumnLayout {
        columns = List.copyOf(columns);
    }

    /**
     * @param columns       the input's columns
     * @param modelFeatures the model's feature names, in coefficient order
     * @param labelColumn   name of the label column (used when present)
     * @param idColumn      name of the id column, or null
     * @param keepColumns   names of columns to copy to the output
     * @param source        the input, for messages
     */
    public static ColumnLayout resolve(List<String> columns, List<String> modelFeatures, String labelColumn,
                                       String idColumn, List<String> keepColumns, String source) {
        return resolve(columns, modelFeatures, labelColumn, idColumn, keepColumns, null, source);
    }

    /** As above, with an offset column (required when named). */
    public static ColumnLayout resolve(List<String> columns, List<String> modelFeatures, String labelColumn,
                                       String idColumn, List<String> keepColumns, String offsetColumn,
                                       String source) {
        ColumnNames.check(columns, source);
        if (idColumn != null && modelFeatures.contains(idColumn)) {
            throw new UsageException("{ID_COLUMN} '" + idColumn + "' is one of the model's features; an id is copied, "
                    + "not scored: name another column (or copy the feature with {KEEP_COLUMNS})");
        }
        List<String> missing = new ArrayList<>();
        int[] features = new int[modelFeatures.size()];
        for (int j = 0; j < features.length; j++) {
            features[j] = columns.indexOf(modelFeatures.get(j));
            if (features[j] < 0) {
                missing.add(modelFeatures.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(source + " lacks " + missing.size() + " of the model's " + features.length
                    + " features: " + abbreviate(missing) + "; expected columns " + abbreviate(modelFeatures)
                    + ", found " + abbreviate(columns));
        }
        int id = idColumn == null ? -1 : required(columns, idColumn, "id column ({ID_COLUMN})", source);
        int[] keep = new int[keepColumns.size()];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = required(columns, keepColumns.get(k), "column to keep ({KEEP_COLUMNS})", source);
        }
        int label = columns.indexOf(labelColumn);
        int offset = offsetColumn == null ? -1 : required(columns, offsetColumn, "offset column ({OFFSET_COLUMN})",
                source);
        Set<String> accounted = new LinkedHashSet<>(modelFeatures);
        if (offsetColumn != null) {
            accounted.add(offsetColumn);
        }
        accounted.add(labelColumn);
        if (idColumn != null) {
            accounted.add(idColumn);
        }
        accounted.addAll(keepColumns);
        List<String> extra = columns.stream().filter(c -> !accounted.contains(c)).toList();
        if (!extra.isEmpty()) {
            throw new BadInputException(source + " has " + extra.size() + " column(s) that are not features of the "
                    + "model: " + abbreviate(extra) + "; expected the model's " + features.length + " features "
                    + abbreviate(modelFeatures) + " (plus label, id, offset and kept columns); pass them through "
                    + "with {KEEP_COLUMNS}, name an offset with {OFFSET_COLUMN}, or drop them");
        }
        return new ColumnLayout(columns, features, label, id, keep, offset);
    }

    /**
     * The layout of an input scored through a model formula: the formula's columns are found by name
     * (the design reads them), other columns are ignored, as R's {@code predict} ignores them.
     *
     * @param formulaColumns the columns the formula's terms and offsets read
     * @param responseColumn the response column (the label, used when present), or null for counts
     */
    public static ColumnLayout forFormula(List<String> columns, List<String> formulaColumns, String responseColumn,
                                          String idColumn, List<String> keepColumns, String source) {
        ColumnNames.check(columns, source);
        List<String> missing = formulaColumns.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException(source + " lacks " + missing.size() + " of the columns the model's formula "
                    + "uses: " + abbreviate(missing) + "; found " + abbreviate(columns));
        }
        if (idColumn != null && formulaColumns.contains(idColumn)) {
            throw new UsageException("{ID_COLUMN} '" + idColumn + "' is a column the model's formula uses; an id is "
                    + "copied, not scored: name another column (or copy it with {KEEP_COLUMNS})");
        }
        int id = idColumn == null ? -1 : required(columns, idColumn, "id column ({ID_COLUMN})", source);
        int[] keep = new int[keepColumns.size()];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = required(columns, keepColumns.get(k), "column to keep ({KEEP_COLUMNS})", source);
        }
        int label = responseColumn == null ? -1 : columns.indexOf(responseColumn);
        return new ColumnLayout(columns, new int[0], label, id, keep, -1);
    }

    private static int required(List<String> columns, String name, String role, String source) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new BadInputException(source + " has no " + role + " named '" + name + "'; found columns "
                    + abbreviate(columns));
        }
        return i;
    }

    /** Names of the kept columns, in output order. */
    public List<String> keepNames() {
        List<String> names = new ArrayList<>();
        for (int k : keepColumns) {
            names.add(columns.get(k));
        }
        return names;
    }

    public boolean hasLabel() {
        return labelColumn >= 0;
    }

    private static String abbreviate(List<String> names) {
        return Values.echo(names);
    }
}
