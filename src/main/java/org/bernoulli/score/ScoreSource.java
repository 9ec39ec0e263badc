package org.bernoulli.score;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputFormat;

import java.util.List;

/**
 * The data to score or evaluate and how to read it.
 *
 * @param path           a file, directory of part files, or glob
 * @param format         LIBSVM, CSV or PARQUET
 * @param labelColumn    CSV/Parquet: the label column, used when present
 * @param idColumn       CSV/Parquet: a column identifying each row, copied to the output; null to
 *                       identify rows by source file and line (or row)
 * @param keepColumns    CSV/Parquet: columns copied to the output
 * @param featuresColumn Parquet: an array or vector column holding all features, or null to match
 *                       the model's features to columns by name
 * @param offsetColumn   CSV/Parquet: a column of offsets added to each margin (for a model fitted
 *                       with offsets), or null
 */
public record ScoreSource(String path, InputFormat format, String labelColumn, String idColumn,
                          List<String> keepColumns, String featuresColumn, String offsetColumn) {

    /** Input without offsets. */
    public ScoreSource(String path, InputFormat format, String labelColumn, String idColumn, List<String> keepColumns,
                       String featuresColumn) {
        this(path, format, labelColumn, idColumn, keepColumns, featuresColumn, null);
    }

    public ScoreSource {
        if (path == null || path.isBlank()) {
            throw new BadInputException("an input path is required");
        }
        keepColumns = keepColumns == null ? List.of() : List.copyOf(keepColumns);
        if (format == InputFormat.LIBSVM && (idColumn != null || !keepColumns.isEmpty() || offsetColumn != null)) {
            throw new BadInputException("LIBSVM rows have no named columns: --id-column, --keep-columns and "
                    + "--offset-column apply to CSV and Parquet input");
        }
        if (featuresColumn != null && format != InputFormat.PARQUET) {
            throw new BadInputException("--features-column applies to Parquet input only");
        }
    }
}
