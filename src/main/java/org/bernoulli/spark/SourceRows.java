package org.bernoulli.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Where each row of a Spark source comes from — its file and its 0-based row within that file —
 * so that a bad row is named and {@code source_row} written for every file source, not only for
 * Parquet:
 * <ul>
 *   <li>Parquet gives the row's index in its file itself ({@code _metadata.row_index});</li>
 *   <li>other file sources (ORC, JSON, CSV through Spark, Avro …) give the start of the file split a
 *       row was read from ({@code _metadata.file_block_start}); one counting job finds how many rows
 *       each split holds, and a row's index is the rows of the file's earlier splits plus its place in
 *       its own split (a task reads a split's rows in file order, one split after another);</li>
 *   <li>sources without files (a catalog view of no files, JDBC …) have no row numbers: only the
 *       source is named.</li>
 * </ul>
 */
public final class SourceRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private enum Kind { ROW_INDEX, SPLITS, NONE }

    private final Kind kind;
    /** For {@link Kind#SPLITS}: per file, the rows before each split, by the split's start. */
    private final Map<String, TreeMap<Long, Long>> rowsBefore;

    private SourceRows(Kind kind, Map<String, TreeMap<Long, Long>> rowsBefore) {
        this.kind = kind;
        this.rowsBefore = rowsBefore;
    }

    /**
     * The rows with their location.
     *
     * @param data the selected columns, then the row's file (a string, null when unknown) and its
     *             position (a long, for {@link #numbering()}; null when unknown)
     * @param rows how to turn positions into rows of files
     */
    public record Located(Dataset<Row> data, SourceRows rows) {
    }

    /** The columns {@code select} of {@code df}, then the file and position of each row. */
    public static Located locate(Dataset<Row> df, List<Column> select) {
        Dataset<Row> parquet = tryWith(df, select, "_metadata.row_index");
        if (parquet != null) {
            return new Located(parquet, new SourceRows(Kind.ROW_INDEX, Map.of()));
        }
        Dataset<Row> splits = tryWith(df, select, "_metadata.file_block_start");
        if (splits != null) {
            return new Located(splits, new SourceRows(Kind.SPLITS, rowsBefore(df)));
        }
        List<Column> all = new ArrayList<>(select);
        all.add(lit(null).cast("string"));
        all.add(lit(null).cast("long"));
        return new Located(df.select(all.toArray(new Column[0])), new SourceRows(Kind.NONE, Map.of()));
    }

    private static Dataset<Row> tryWith(Dataset<Row> df, List<Column> select, String position) {
        List<Column> all = new ArrayList<>(select);
        all.add(col("_metadata.file_path"));
        all.add(col(position));
        try {
            Dataset<Row> out = df.select(all.toArray(new Column[0]));
            out.schema(); // analysis fails here when the source has no such field
            return out;
        } catch (Exception e) { // AnalysisException is checked in Java's eyes but thrown all the same
            return null;
        }
    }

    /** Per file, the rows before each of its splits: one job counting the rows of every split. */
    private static Map<String, TreeMap<Long, Long>> rowsBefore(Dataset<Row> df) {
        Map<String, TreeMap<Long, Long>> counts = new HashMap<>();
        for (Row r : df.select(col("_metadata.file_path").as("file"), col("_metadata.file_block_start").as("start"))
                .groupBy("file", "start").count().collectAsList()) {
            counts.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(r.getLong(1), r.getLong(2));
        }
        Map<String, TreeMap<Long, Long>> before = new HashMap<>();
        counts.forEach((file, splits) -> {
            TreeMap<Long, Long> b = new TreeMap<>();
            long rows = 0;
            for (Map.Entry<Long, Long> split : splits.entrySet()) {
                b.put(split.getKey(), rows);
                rows += split.getValue();
            }
            before.put(file, b);
        });
        return before;
    }

    /** A numbering of one partition's rows, in the order the partition reads them. */
    public Numbering numbering() {
        return new Numbering();
    }

    /** Turns the position columns of a partition's rows, in order, into rows of their files. */
    public final class Numbering {
        /** The file of the current split, as its rows give it (a String, or Spark's UTF8String copied). */
        private Object file;
        private long start = -1;
        private long next;

        /**
         * @param rowFile  the row's file, or null
         * @param position its position column, or null
         * @return the row's 0-based index in its file, or null when the source has none
         */
        public Long rowOf(String rowFile, Long position) {
            long row = rowIndex(rowFile, position != null, position == null ? 0 : position);
            return row < 0 ? null : row;
        }

        /**
         * The same without boxing, for a reader of Spark's internal rows: the file as the row holds it
         * (a {@code UTF8String} is compared as it is and copied only when the split changes).
         *
         * @param known whether the row has a position
         * @return the row's 0-based index in its file, or −1 when the source has none
         */
        public long rowIndex(Object rowFile, boolean known, long position) {
            if (!known || rowFile == null) {
                return -1;
            }
            switch (kind) {
                case ROW_INDEX:
                    return position;
                case NONE:
                    return -1;
                default:
                    if (position != start || !rowFile.equals(file)) {
                        file = rowFile instanceof org.apache.spark.unsafe.types.UTF8String u ? u.clone() : rowFile;
                        start = position;
                        TreeMap<Long, Long> splits = rowsBefore.get(rowFile.toString());
                        Long before = splits == null ? null : splits.get(position);
                        next = before == null ? Long.MIN_VALUE : before;
                    }
                    long row = next++;
                    return row < 0 ? -1 : row;
            }
        }
    }

    /** How a row is named in a message: its file and row, or what is known. */
    public static String describe(String file, Long row, String where) {
        return describe(file, row == null ? -1 : row, where);
    }

    /** The same for a row index that is −1 when unknown. */
    public static String describe(String file, long row, String where) {
        String f = file != null ? file : where;
        return row < 0 ? f + " (row number not available from this source)" : f + " row " + row;
    }
}
