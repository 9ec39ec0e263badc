package org.bernoulli.data;

import java.util.List;

/**
 * Where labelled training data is and how to read it.
 *
 * @param path           a file, a directory of part files, or a glob (any Hadoop file system)
 * @param format         LIBSVM or CSV
 * @param numFeatures    LIBSVM: the number of features, or 0 to use the largest index found
 * @param labelColumn    CSV: the label column
 * @param featureColumns CSV: the feature columns, or empty for all columns but label and weight
 * @param weightColumn   CSV: the case-weight column, or null for unit weights
 * @param partitions     number of partitions to spread the data over, or 0 for one per input split
 * @param offsetColumn   CSV: a column of offsets (fixed terms of the margin), or null for none
 */
public record InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                        List<String> featureColumns, String weightColumn, int partitions, String offsetColumn) {

    /** Input without offsets. */
    public InputSpec(String path, InputFormat format, int numFeatures, String labelColumn,
                     List<String> featureColumns, String weightColumn, int partitions) {
        this(path, format, numFeatures, labelColumn, featureColumns, weightColumn, partitions, null);
    }

    public InputSpec {
        if (path == null || path.isBlank()) {
            throw new BadInputException("an input path is required");
        }
        if (numFeatures < 0) {
            throw new BadInputException("--num-features must be at least 1, got " + numFeatures);
        }
        if (partitions < 0) {
            throw new BadInputException("--partitions must be at least 1, got " + partitions);
        }
        featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        if (format == InputFormat.PARQUET) {
            throw new BadInputException("training reads LIBSVM or CSV input; Parquet input is for score and evaluate");
        }
        if (format == InputFormat.LIBSVM && (weightColumn != null || offsetColumn != null || !featureColumns.isEmpty())) {
            throw new BadInputException("--weight-column, --offset-column and --feature-columns apply to CSV input only");
        }
        if (format == InputFormat.CSV && numFeatures > 0) {
            throw new BadInputException("--num-features applies to LIBSVM input only; CSV features come from the header");
        }
    }
}
