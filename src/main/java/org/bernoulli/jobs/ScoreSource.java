package org.bernoulli.jobs;

import org.bernoulli.data.InputFormat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data to score or evaluate and how to read it.
 *
 * @param path           a file, directory of part files, or glob
 * @param format         the input format (LIBSVM, CSV, Parquet; any Spark source for a formula model)
 * @param labelColumn    CSV/Parquet: the label column, used when present
 * @param idColumn       CSV/Parquet: a column identifying each row, copied to the output; null to
 *                       identify rows by source file and line (or row)
 * @param keepColumns    CSV/Parquet: columns copied to the output
 * @param featuresColumn Parquet: an array or vector column holding all features, or null to match
 *                       the model's features to columns by name
 * @param offsetColumn   CSV/Parquet: a column of offsets added to each margin (for a model fitted
 *                       with offsets), or null
 * @param table          how Spark reads a table input (a catalog table, a source's options), or null
 */
public record ScoreSource(String path, InputFormat format, String labelColumn, String idColumn,
                          List<String> keepColumns, String featuresColumn, String offsetColumn,
                          org.bernoulli.data.TableSource table) {

    /** Input read by path. */
    public ScoreSource(String path, InputFormat format, String labelColumn, String idColumn, List<String> keepColumns,
                       String featuresColumn, String offsetColumn) {
        this(path, format, labelColumn, idColumn, keepColumns, featuresColumn, offsetColumn, null);
    }

    /** Input without offsets. */
    public ScoreSource(String path, InputFormat format, String labelColumn, String idColumn, List<String> keepColumns,
                       String featuresColumn) {
        this(path, format, labelColumn, idColumn, keepColumns, featuresColumn, null);
    }

    /**
     * Names the output writes itself, which an id or kept column must not take: the row's source, the
     * label, and the scores.
     */
    public static final Set<String> OUTPUT_COLUMNS = ScoredColumn.OUTPUT_NAMES;

    /** The input as messages name it: its path, or its catalog table. */
    public String describe() {
        return table != null ? table.describe(path) : path;
    }

    /** Checks the options on their own and together; messages name the settings ({@link org.bernoulli.data.Setting}). */
    public ScoreSource {
        if (format == InputFormat.TABLE ? table == null || table.table() == null : path == null || path.isBlank()) {
            throw new IllegalArgumentException("{INPUT}: an input path (or {TABLE}) is required");
        }
        keepColumns = keepColumns == null ? List.of() : List.copyOf(keepColumns);
        if (!format.isTable() && table != null && (table.table() != null || !table.options().isEmpty())) {
            throw new IllegalArgumentException("{READ_OPTION} and {TABLE} apply to Spark sources ({FORMAT} parquet, "
                    + "orc, json or a source name), not to " + format.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (format == InputFormat.LIBSVM && (idColumn != null || !keepColumns.isEmpty() || offsetColumn != null)) {
            throw new IllegalArgumentException("LIBSVM rows have no named columns: {ID_COLUMN}, {KEEP_COLUMNS} and "
                    + "{OFFSET_COLUMN} apply to CSV and Parquet input");
        }
        if (featuresColumn != null && format != InputFormat.PARQUET) {
            throw new IllegalArgumentException("{FEATURES_COLUMN} applies to Parquet input only");
        }
        if (idColumn != null) {
            if (idColumn.equals(labelColumn)) {
                throw new IllegalArgumentException("{ID_COLUMN} '" + idColumn + "' is also the label column "
                        + "({LABEL_COLUMN}); the label is written as 'label' already: name another id column");
            }
            if (idColumn.equals(offsetColumn)) {
                throw new IllegalArgumentException("{ID_COLUMN} '" + idColumn + "' is also {OFFSET_COLUMN}");
            }
        }
        if (offsetColumn != null && offsetColumn.equals(labelColumn)) {
            throw new IllegalArgumentException("{OFFSET_COLUMN} '" + offsetColumn + "' is also the label column "
                    + "({LABEL_COLUMN})");
        }
        Set<String> kept = new HashSet<>();
        for (String name : keepColumns) {
            if (!kept.add(name)) {
                throw new IllegalArgumentException("{KEEP_COLUMNS} lists '" + name + "' twice");
            }
            if (name.equals(idColumn)) {
                throw new IllegalArgumentException("'" + name + "' is both {ID_COLUMN} and in {KEEP_COLUMNS}; the id "
                        + "is copied already");
            }
        }
        checkClashes(idColumn, keepColumns, OUTPUT_COLUMNS);
    }

    /**
     * Refuses an id or kept column that takes a name the output writes itself ({@code outputNames}: a
     * binary model's, or the columns per class of a model of more).
     */
    static void checkClashes(String idColumn, List<String> keepColumns, Set<String> outputNames) {
        if (idColumn != null && outputNames.contains(idColumn)) {
            throw new IllegalArgumentException("{ID_COLUMN} '" + idColumn + "' would clash with the output's own "
                    + "column of that name; the output has " + new TreeSet<>(outputNames));
        }
        for (String name : keepColumns) {
            if (outputNames.contains(name)) {
                throw new IllegalArgumentException("{KEEP_COLUMNS} '" + name + "' would clash with the output's own "
                        + "column of that name; the output has " + new TreeSet<>(outputNames)
                        + " (the label is written as 'label' when the input has one)");
            }
        }
    }
}
