package org.bernoulli.jobs;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.bernoulli.spark.Columns;
import org.bernoulli.data.ColumnLayout;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.EncodedRow;
import org.bernoulli.formula.FormulaLineParser;
import org.bernoulli.math.RowMargins;
import org.bernoulli.model.FittedModel;
import org.bernoulli.spark.BadRowException;
import org.bernoulli.spark.SourceRows;
import org.bernoulli.spark.SparkRowCells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Scores a Spark table (Parquet, ORC, JSON …) through a model's formula: each row coded as in
 * training — the same levels, the same missing-value rules — its margin b + Σ wⱼxⱼ + offset
 * summed over the row's coded non-zeros; a missing value, an unseen level or a cell of the wrong
 * kind makes the row a bad row with its reason (or, failing fast, an error naming file and row).
 * The rows come out in {@link ScoringInput}'s layout, so the scoring and evaluation jobs treat them
 * like any other input.
 */
final class FormulaTableScoring {

    private FormulaTableScoring() {
    }

    static ScoredRows.Prepared read(SparkSession spark, ScoreSource source, FittedModel model, boolean failFast,
                                      double[][] covariances) {
        Dataset<Row> df = org.bernoulli.spark.FormulaDataReader.load(spark, source.format(), source.table(),
                source.path());
        Design design = new Design(model.encoding());
        List<String> columns = Arrays.asList(df.columns());
        ColumnLayout layout = ColumnLayout.forFormula(columns, design.featureColumnNames(), design.responseColumn(),
                source.idColumn(), source.keepColumns(), source.describe());
        java.util.Set<String> read = new java.util.HashSet<>(design.featureColumnNames());
        if (layout.hasLabel()) {
            read.add(design.responseColumn());
        }
        Columns.checkKinds(df.schema(), model.encoding(), read, source.describe());
        // The design's columns first (absent ones — the response, a weight — as nulls), then the source.
        List<Column> select = new ArrayList<>();
        for (String c : design.columns()) {
            select.add(columns.contains(c) ? Columns.named(c) : org.apache.spark.sql.functions.lit(null).as(c));
        }
        List<StructField> fields = new ArrayList<>(ScoredRows.baseFields());
        org.bernoulli.math.RowMargins margins = model.rowMargins(covariances);
        int scores = ScoredRows.scoreFields(margins.count(), covariances != null).size();
        fields.addAll(ScoredRows.scoreFields(margins.count(), covariances != null));
        if (layout.idColumn() >= 0) {
            select.add(Columns.named(source.idColumn()));
            fields.add(DataTypes.createStructField(ScoredRows.ID, df.schema().apply(source.idColumn()).dataType(),
                    true));
        }
        for (String k : layout.keepNames()) {
            select.add(Columns.named(k));
            fields.add(DataTypes.createStructField(k, df.schema().apply(k).dataType(), true));
        }
        int width = design.columns().size();
        boolean hasLabel = layout.hasLabel();
        int extra = fields.size() - ScoredRows.baseFields().size() - scores;
        int fieldCount = fields.size();
        String corrupt = Columns.corruptRecordColumn(df);
        if (corrupt != null) {
            select.add(Columns.named(corrupt));
        }
        SourceRows.Located located = SourceRows.locate(df, select);
        SourceRows numbering = located.rows();
        String where = source.describe();
        JavaRDD<Row> rows = located.data().javaRDD().mapPartitions(it -> new RowScorer(it, design, margins,
                width, hasLabel, failFast, fieldCount, extra, corrupt != null, numbering.numbering(), where));
        return new ScoredRows.Prepared(spark.createDataFrame(rows, DataTypes.createStructType(fields)), hasLabel,
                layout.idColumn() >= 0 ? source.idColumn() : null, ScoredColumn.SOURCE_ROW, layout.keepNames());
    }

    /** Scores the rows of one partition, one output row per input row, lazily. */
    private static final class RowScorer implements java.util.Iterator<Row> {
        private final java.util.Iterator<Row> rows;
        private final Design design;
        private final RowMargins scorer;
        private final int width;
        private final boolean hasLabel;
        private final boolean failFast;
        private final int fieldCount;
        private final int extra;
        private final SparkRowCells cells = new SparkRowCells();
        private final EncodedRow coded = new EncodedRow();
        private final SourceRows.Numbering numbering;
        private final String where;
        /** Whether the row's field after the extra columns is the source's malformed-record text. */
        private final boolean corrupt;

        RowScorer(java.util.Iterator<Row> rows, Design design, RowMargins margins, int width,
                  boolean hasLabel, boolean failFast, int fieldCount, int extra, boolean corrupt,
                  SourceRows.Numbering numbering, String where) {
            this.corrupt = corrupt;
            this.numbering = numbering;
            this.where = where;
            this.rows = rows;
            this.design = design;
            this.scorer = margins;
            this.width = width;
            this.hasLabel = hasLabel;
            this.failFast = failFast;
            this.fieldCount = fieldCount;
            this.extra = extra;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            Row r = rows.next();
            int location = width + extra + (corrupt ? 1 : 0);
            String file = r.getString(location);
            Long position = numbering.rowOf(file, r.isNullAt(location + 1) ? null : r.getLong(location + 1));
            Object[] values = new Object[fieldCount];
            values[0] = file;
            values[1] = position;
            try {
                if (corrupt && !r.isNullAt(width + extra)) {
                    throw new RecordFormatException(Columns.malformed(r.getString(width + extra)));
                }
                cells.reset(r);
                if (!design.encodeForScoring(cells, coded, Double.MAX_VALUE)) {
                    throw new RecordFormatException(FormulaLineParser.missingForScoring(coded.missingColumn));
                }
                scorer.start();
                scorer.addOffset(coded.offset);
                for (int k = 0; k < coded.nnz; k++) {
                    scorer.accept(coded.indices[k], coded.values[k]);
                }
                for (int k = 0; k < scorer.count(); k++) {
                    if (!Double.isFinite(scorer.margin(k))) {
                        throw new RecordFormatException(TextRowScorer.MARGIN_NOT_FINITE + ": b + w·x = "
                                + scorer.margin(k));
                    }
                }
                values[2] = hasLabel ? design.label(cells) : null;
                ScoredRows.putScores(values, scorer);
            } catch (RecordFormatException e) {
                if (failFast) {
                    throw new BadRowException(SourceRows.describe(file, position, where), e.getMessage());
                }
                java.util.Arrays.fill(values, 2, fieldCount - extra, null);
                values[4] = e.getMessage();
            }
            int at = fieldCount - extra;
            for (int k = 0; k < extra; k++) {
                values[at + k] = r.get(width + k);
            }
            return RowFactory.create(values);
        }
    }

}
