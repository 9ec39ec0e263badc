package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.TableSource;
import org.bernoulli.data.Values;
import org.bernoulli.formula.BinomialTotals;
import org.bernoulli.formula.ColumnKind;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.EncodedRow;
import org.bernoulli.formula.Encoding;
import org.bernoulli.formula.Formula;
import org.bernoulli.formula.FormulaLineParser;
import org.bernoulli.formula.FormulaPlan;
import org.bernoulli.formula.LevelScan;
import org.bernoulli.formula.ModelFrame;
import org.bernoulli.formula.NaAction;
import org.bernoulli.formula.RNames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads training data from tables through a model formula — Parquet, ORC, JSON, catalog tables,
 * any Spark source, and datasets handed to the spark.ml estimator — by Spark's readers (columns
 * typed by the schema; a bad cell named by file and row), in two passes over the input: one
 * {@link LevelScan} for the columns' kinds and levels, then the coding pass that fills the cache of
 * blocks (and, for binomial counts, one more for their totals). A table read without
 * {@code FORMULA} goes through the formula {@code label ~ f₁ + f₂ + …} of its label and numeric
 * feature columns. Text files are read by {@link org.bernoulli.read.TextReading} over
 * {@link SplitLines}.
 */
public final class FormulaDataReader {

    private FormulaDataReader() {
    }

    private static TrainingData finish(TrainingDataReader.Cached cached, Design design, LevelScan scan,
                                       BinomialTotals counts) {
        FeatureStatistics statistics = cached.summary().result(design.numFeatures());
        ModelFrame frame = new ModelFrame(design, scan.rows(), scan.rows() - scan.completeRows(), counts);
        return new TrainingData(cached.blocks(), statistics, design.featureNames(), frame);
    }

    /** Reads a table of a Spark source ({@code spec.format()} a table format), through its formula or the implicit one. */
    static TrainingData readTable(SparkSession spark, InputSpec spec, int aggregationDepth) {
        String where = spec.source().describe(spec.path());
        Dataset<Row> df = load(spark, spec);
        FormulaOptions options = spec.formula() != null ? spec.formula()
                : implicitFormula(spec, List.of(df.columns()), kinds(df), where);
        return readDataset(df, where, options, spec.weightColumn(), spec.partitions(), aggregationDepth,
                spec.formula() == null);
    }

    private static Map<String, ColumnKind> kinds(Dataset<Row> df) {
        return Columns.kinds(df.schema());
    }

    /**
     * Reads a Spark dataset through a formula into cached blocks: the level scan, then the coding pass
     * (and the counts' totals). For table inputs and the spark.ml estimator.
     *
     * @param where        the data, for messages ("table t", a path)
     * @param weightColumn the case-weight column, or null
     * @param partitions   partitions of the cache, or 0 for the dataset's own
     */
    public static TrainingData readDataset(Dataset<Row> df, String where, FormulaOptions options, String weightColumn,
                                           int partitions, int aggregationDepth) {
        return readDataset(df, where, options, weightColumn, partitions, aggregationDepth, false);
    }

    /**
     * @param implicit whether the formula stands for a table read without one (its label and numeric
     *                 features), where a missing value is an error the options cannot omit
     */
    private static TrainingData readDataset(Dataset<Row> df, String where, FormulaOptions options, String weightColumn,
                                            int partitions, int aggregationDepth, boolean implicit) {
        Configuration conf = df.sparkSession().sparkContext().hadoopConfiguration();
        Map<String, ColumnKind> kinds = kinds(df);
        List<String> columns = List.of(df.columns());
        org.bernoulli.data.ColumnNames.check(columns, where);
        FormulaPlan plan = FormulaPlan.of(Formula.parse(options.formula()), columns, weightColumn);
        for (String c : plan.columns()) {
            if (!kinds.containsKey(c)) {
                throw new BadInputException(where + ": column '" + c + "' has type "
                        + df.schema().apply(c).dataType().simpleString() + "; a formula reads numbers, text and booleans");
            }
        }
        List<Column> select = new ArrayList<>();
        for (String c : plan.columns()) {
            select.add(Columns.named(c));
        }
        String corrupt = Columns.corruptRecordColumn(df);
        if (corrupt != null) {
            select.add(Columns.named(corrupt));
        }
        SourceRows.Located located = SourceRows.locate(df, select);
        Dataset<Row> selected = located.data();
        // Spark's internal rows: no boxing, and a text cell becomes a Java string only when a design reads it.
        // They are coded where the scan reads them (a row's place in its file is counted there), and the
        // coded rows are repartitioned for the cache.
        StructType inputSchema = selected.schema();
        JavaRDD<InternalRow> input = selected.queryExecution().toRdd().toJavaRDD();
        int width = plan.columns().size();
        int cap = options.maxLevels() + 1;
        List<ColumnKind> planKinds = plan.columns().stream().map(kinds::get).toList();
        // The scan reads only the columns whose levels the encoding needs (text, booleans, factor()
        // arguments), and whether the row is complete: the typed schema already gives every kind.
        java.util.Set<String> levelColumns = plan.levelColumns(kinds);
        int[] basisColumns = plan.basisColumns();
        NaAction naAction = NaAction.parse(options.naAction());
        List<Column> scanColumns = new ArrayList<>();
        // Under na.omit levels count on complete rows only, which reading every column tells; under fail an
        // incomplete row stops the coding pass, naming its missing cell, so the scan need not read the
        // columns whose levels it does not need.
        Column complete = lit(true);
        for (String c : plan.columns()) {
            scanColumns.add(levelColumns.contains(c) ? Columns.named(c) : lit(null));
            if (naAction == NaAction.OMIT) {
                complete = complete.and(Columns.named(c).isNotNull());
            }
        }
        scanColumns.add(complete);
        LevelScan scan;
        try {
            Dataset<Row> scanned = df.select(scanColumns.toArray(new Column[0]));
            InternalRowCells scanCells = new InternalRowCells(scanned.schema(), width);
            scan = scanned.queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> {
                LevelScan s = new LevelScan(width, cap, basisColumns);
                Object[] values = new Object[width];
                while (rows.hasNext()) {
                    InternalRow r = rows.next();
                    scanCells.reset(r);
                    for (int c = 0; c < width; c++) {
                        values[c] = typed(scanCells, c, planKinds.get(c));
                    }
                    s.addTyped(values, r.getBoolean(width));
                }
                return Collections.singletonList(s).iterator();
            }).reduce(LevelScan::merge);
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw JobFailures.translate(e, conf);
        }
        Encoding encoding = plan.encoding(kinds, scan, options, naAction, List.of(), column ->
                df.select(Columns.named(column)).where(Columns.named(column).isNotNull()).distinct().count());
        Design design = new Design(encoding).requireIntercept();
        InternalRowCells cells = new InternalRowCells(inputSchema, width);
        SourceRows numbering = located.rows();
        int corruptAt = corrupt == null ? -1 : width;
        int locationAt = corrupt == null ? width : width + 1;
        JavaRDD<LabeledRow> rows = input.mapPartitions(it -> new RowCoder(it, design, naAction, corruptAt, locationAt,
                where, cells, numbering.numbering(), implicit));
        TrainingDataReader.Cached cached = TrainingDataReader.cache(rows, partitions, 0, where,
                0, BadInputException.whyNoExamples(scan.rows(), scan.completeRows(), naAction == NaAction.OMIT),
                aggregationDepth, conf,
                design.categoricalTerms());
        BinomialTotals counts = null;
        if (design.counts()) {
            counts = input.mapPartitions(it -> {
                BinomialTotals t = new BinomialTotals();
                EncodedRow out = new EncodedRow();
                while (it.hasNext()) {
                    if (design.encode(cells.reset(it.next()), out, Values.MAX_TRAINING_MAGNITUDE)) {
                        t.add(out.successes, out.failures, out.weight);
                    }
                }
                return Collections.singletonList(t).iterator();
            }).reduce(BinomialTotals::merge);
        }
        return finish(cached, design, scan, counts);
    }

    /** The input as Spark reads it: a catalog table, or a path through a data source with its options. */
    static Dataset<Row> load(SparkSession spark, InputSpec spec) {
        return load(spark, spec.format(), spec.source(), spec.path());
    }

    /**
     * A table input as Spark reads it.
     *
     * @param source the catalog table or the data source's name and options; null for the format's own reader
     */
    public static Dataset<Row> load(SparkSession spark, InputFormat format, TableSource source, String path) {
        return SparkSources.load(spark, format, source, path);
    }

    /** {@code label ~ f₁ + f₂ + … [+ offset(o)]}: a table read as today's CSV is, by label and numeric features. */
    private static FormulaOptions implicitFormula(InputSpec spec, List<String> columns, Map<String, ColumnKind> kinds,
                                                  String where) {
        for (String named : new String[] {spec.labelColumn(), spec.weightColumn(), spec.offsetColumn()}) {
            if (named != null && !columns.contains(named)) {
                throw new BadInputException(where + ": no column '" + named + "'; the columns are " + Values.echo(columns));
            }
        }
        List<String> features = new ArrayList<>(spec.featureColumns());
        if (features.isEmpty()) {
            for (String c : columns) {
                if (!c.equals(spec.labelColumn()) && !c.equals(spec.weightColumn()) && !c.equals(spec.offsetColumn())) {
                    features.add(c);
                }
            }
        }
        StringBuilder f = new StringBuilder(RNames.symbol(spec.labelColumn())).append(" ~ ");
        for (int i = 0; i < features.size(); i++) {
            String c = features.get(i);
            if (!columns.contains(c)) {
                throw new BadInputException(where + ": no feature column '" + c + "'; the columns are "
                        + Values.echo(columns));
            }
            if (kinds.get(c) != ColumnKind.NUMBER) {
                throw new BadInputException(where + ": column '" + c + "' holds " + (kinds.get(c) == null ? "values "
                        + "that are not numbers" : kinds.get(c).name().toLowerCase() + " values") + "; without {FORMULA} "
                        + "every feature must be a number: train with {FORMULA} '" + spec.labelColumn() + " ~ .' (text "
                        + "columns become factors, factor(x) makes numbers categories) or choose {FEATURE_COLUMNS}");
            }
            f.append(i == 0 ? "" : " + ").append(RNames.symbol(c));
        }
        if (features.isEmpty()) {
            f.append("1");
        }
        if (spec.offsetColumn() != null) {
            f.append(" + offset(").append(RNames.symbol(spec.offsetColumn())).append(')');
        }
        return new FormulaOptions(f.toString(), "fail", List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS);
    }

    /** A cell as a {@link LevelScan} takes it: Double, String, Boolean or null. */
    private static Object typed(InternalRowCells r, int c, ColumnKind kind) {
        if (r.missing(c)) {
            return null;
        }
        return switch (kind) {
            case NUMBER -> r.number(c);
            case BOOLEAN -> r.bool(c);
            case TEXT -> r.text(c);
        };
    }


    /** Codes the rows of one partition, naming a bad row by file and row. */
    private static final class RowCoder implements Iterator<LabeledRow> {
        private final Iterator<InternalRow> rows;
        private final Design design;
        private final NaAction naAction;
        private final int corruptAt;
        private final int locationAt;
        private final String where;
        private final InternalRowCells cells;
        private final EncodedRow out = new EncodedRow();
        private final java.util.ArrayDeque<LabeledRow> pending = new java.util.ArrayDeque<>();
        private final java.util.function.Consumer<LabeledRow> sink = pending::add;
        private final SourceRows.Numbering numbering;
        /** Whether the formula is the one of a table read without FORMULA. */
        private final boolean implicit;

        RowCoder(Iterator<InternalRow> rows, Design design, NaAction naAction, int corruptAt, int locationAt,
                 String where, InternalRowCells cells, SourceRows.Numbering numbering, boolean implicit) {
            this.implicit = implicit;
            this.corruptAt = corruptAt;
            this.locationAt = locationAt;
            this.numbering = numbering;
            this.rows = rows;
            this.design = design;
            this.naAction = naAction;
            this.where = where;
            this.cells = cells;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && rows.hasNext()) {
                InternalRow r = rows.next();
                // The file stays Spark's UTF8String: made a Java string only for a message.
                Object file = r.isNullAt(locationAt) ? null : r.getUTF8String(locationAt);
                boolean located = !r.isNullAt(locationAt + 1);
                long row = numbering.rowIndex(file, located, located ? r.getLong(locationAt + 1) : 0);
                try {
                    if (corruptAt >= 0 && !r.isNullAt(corruptAt)) {
                        throw new RecordFormatException(Columns.malformed(r.getUTF8String(corruptAt).toString()));
                    }
                    if (design.encode(cells.reset(r), out, Values.MAX_TRAINING_MAGNITUDE)) {
                        FormulaLineParser.emit(out, sink);
                    } else if (naAction == NaAction.FAIL) {
                        throw new RecordFormatException(implicit ? FormulaLineParser.missingWithoutFormula(
                                out.missingColumn, design.responseColumn()) : FormulaLineParser.missingMessage(out.missingColumn));
                    }
                } catch (RecordFormatException e) {
                    throw new BadRowException(SourceRows.describe(file == null ? null : file.toString(), row, where),
                            e.getMessage());
                }
            }
            return !pending.isEmpty();
        }

        @Override
        public LabeledRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return pending.poll();
        }
    }
}
