package org.bernoulli.data;

import java.util.List;

/**
 * Where labelled training data is and how to read it.
 *
 * @param path           a file, a directory of part files, or a glob (any Hadoop file system)
 * @param format         the input format (text read by line, or a Spark source)
 * @param numFeatures    LIBSVM: the number of features, or 0 to use the largest index found
 * @param labelColumn    CSV: the label column
 * @param featureColumns CSV: the feature columns, or empty for all columns but label and weight
 * @param weightColumn   CSV: the case-weight column, or null for unit weights
 * @param partitions     number of partitions to spread the data over, or 0 for one per input split
 * @param offsetColumn   CSV: a column of offsets (fixed terms of the margin), or null for none
 * @param source         how Spark reads a table input (its source name, options, or catalog table); null for text
 * @param formula        the model formula and its options; null for a label column and numeric features
 * @param clusterColumn  CSV: the column whose values group the rows into clusters (cluster-robust
 *                       standard errors), or null; never a feature of "all the other columns"
 * @param labels         without a formula, LIBSVM or CSV: how the labels code the classes (0/1, or the class
 *                       indices of a model of more than two); a formula codes its response itself
 */
public record InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                        List<String> featureColumns, String weightColumn, int partitions, String offsetColumn,
                        TableSource source, FormulaOptions formula, String clusterColumn, LabelCoding labels) {

    /** Input whose labels are 0/1 (or whose formula codes its response). */
    public InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                     List<String> featureColumns, String weightColumn, int partitions, String offsetColumn,
                     TableSource source, FormulaOptions formula, String clusterColumn) {
        this(path, format, numFeatures, labelColumn, featureColumns, weightColumn, partitions, offsetColumn, source,
                formula, clusterColumn, LabelCoding.BINARY);
    }

    /** Input without clusters. */
    public InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                     List<String> featureColumns, String weightColumn, int partitions, String offsetColumn,
                     TableSource source, FormulaOptions formula) {
        this(path, format, numFeatures, labelColumn, featureColumns, weightColumn, partitions, offsetColumn, source,
                formula, null);
    }

    /** Text input with offsets, no formula. */
    public InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                     List<String> featureColumns, String weightColumn, int partitions, String offsetColumn) {
        this(path, format, numFeatures, labelColumn, featureColumns, weightColumn, partitions, offsetColumn, null, null);
    }

    /** Input without offsets. */
    public InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                     List<String> featureColumns, String weightColumn, int partitions) {
        this(path, format, numFeatures, labelColumn, featureColumns, weightColumn, partitions, null);
    }

    /** Checks the options on their own and together; messages name the settings ({@link Setting}). */
    public InputSpec {
        labels = labels == null ? LabelCoding.BINARY : labels;
        if (labels == LabelCoding.CLASS_INDEX && (formula != null || format.isTable())) {
            throw new IllegalArgumentException("{FAMILY=multinomial} without {FORMULA} reads class indices 0, 1, ... "
                    + "from the label of LIBSVM or CSV input; " + (formula != null ? "with a formula the response's "
                    + "values are the classes" : "for " + format.name().toLowerCase(java.util.Locale.ROOT)
                    + " input give {FORMULA}"));
        }
        if (format == InputFormat.TABLE) {
            if (source == null || source.table() == null) {
                throw new IllegalArgumentException("{FORMAT} table needs {TABLE} NAME");
            }
        } else if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("{INPUT}: an input path is required");
        }
        if (format.isTable() && source == null) {
            source = new TableSource(format.name().toLowerCase(java.util.Locale.ROOT), null, java.util.Map.of());
        }
        if (!format.isTable() && source != null && (source.table() != null || !source.options().isEmpty())) {
            throw new IllegalArgumentException("{READ_OPTION} and {TABLE} apply to Spark sources ({FORMAT} parquet, "
                    + "orc, json, table or a source name), not to " + format.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (formula != null && format == InputFormat.LIBSVM) {
            throw new IllegalArgumentException("{FORMULA} needs named columns: CSV, Parquet, ORC, JSON or a table, "
                    + "not LIBSVM");
        }
        featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        if (formula != null && (offsetColumn != null || !featureColumns.isEmpty())) {
            throw new IllegalArgumentException("{FORMULA} names the terms and offsets itself: write offset(x) in it "
                    + "instead of {OFFSET_COLUMN}, and the columns instead of {FEATURE_COLUMNS}");
        }
        if (numFeatures < 0 || numFeatures > LibSvmParser.MAX_FEATURES) {
            throw new IllegalArgumentException("{NUM_FEATURES} must be at least 1 and at most "
                    + LibSvmParser.MAX_FEATURES + " (or 0: the largest index in the data), got " + numFeatures);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("{PARTITIONS} must be at least 1 (or 0: one per input split), got "
                    + partitions);
        }
        featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        if (format == InputFormat.LIBSVM && (weightColumn != null || offsetColumn != null || !featureColumns.isEmpty())) {
            throw new IllegalArgumentException("{WEIGHT_COLUMN}, {OFFSET_COLUMN} and {FEATURE_COLUMNS} apply to input with "
                    + "named columns (CSV, Parquet, ORC, JSON, tables), not LIBSVM");
        }
        if (format != InputFormat.LIBSVM && numFeatures > 0) {
            throw new IllegalArgumentException("{NUM_FEATURES} applies to LIBSVM input only; the features of named "
                    + "columns come from the header or schema");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("{LABEL_COLUMN} must name a column");
        }
        java.util.Set<String> features = new java.util.HashSet<>();
        for (String name : featureColumns) {
            if (!features.add(name)) {
                throw new IllegalArgumentException("{FEATURE_COLUMNS} lists '" + name + "' twice");
            }
        }
        if (clusterColumn != null && format != InputFormat.CSV) {
            throw new IllegalArgumentException("{CLUSTER_COLUMN} reads CSV input; it is not supported for "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + " input");
        }
        String[][] roles = {{"{LABEL_COLUMN}", labelColumn}, {"{WEIGHT_COLUMN}", weightColumn},
            {"{OFFSET_COLUMN}", offsetColumn}, {"{CLUSTER_COLUMN}", clusterColumn}};
        for (int a = 0; a < roles.length; a++) {
            for (int b = a + 1; b < roles.length; b++) {
                if (roles[a][1] != null && roles[a][1].equals(roles[b][1])) {
                    throw new IllegalArgumentException(roles[a][0] + " and " + roles[b][0] + " both name '"
                            + roles[a][1] + "'; one column cannot play both parts");
                }
            }
            if (roles[a][1] != null && features.contains(roles[a][1])) {
                throw new IllegalArgumentException("'" + roles[a][1] + "' is both " + roles[a][0]
                        + " and one of {FEATURE_COLUMNS}");
            }
        }
    }
}
