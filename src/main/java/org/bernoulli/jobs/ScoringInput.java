package org.bernoulli.jobs;

import static org.bernoulli.jobs.ScoredRows.FILE;
import static org.bernoulli.jobs.ScoredRows.LABEL;
import static org.bernoulli.jobs.ScoredRows.MARGIN;
import static org.bernoulli.jobs.ScoredRows.MARGIN_SE;
import static org.bernoulli.jobs.ScoredRows.POSITION;
import static org.bernoulli.jobs.ScoredRows.RAW;
import static org.bernoulli.jobs.ScoredRows.REASON;
import static org.bernoulli.jobs.ScoredRows.ID;
import static org.bernoulli.jobs.ScoredRows.baseFields;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.spark.Columns;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.ColumnLayout;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.TextFormat;
import org.bernoulli.model.FittedModel;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.spark.BadRecordException;
import org.bernoulli.spark.InputFiles;
import org.bernoulli.spark.JobFailures;
import org.bernoulli.spark.TextInput;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.zip_with;

/**
 * Reads data to be scored into the rows every format yields ({@link ScoredRows}).
 *
 * <p>Text inputs (LIBSVM, CSV) are parsed line by line, the margin accumulated as the values are
 * read; positions are line numbers (from a counting pass over the splits, run only when needed).
 * Parquet is read by Spark's Parquet source and scored by a generated expression; positions are row
 * indexes within each file. Spark sources through a formula model: {@link FormulaTableScoring}.
 */
public final class ScoringInput {

    private ScoringInput() {
    }

    /**
     * @param failFast   throw on the first bad text record (with file and line) rather than mark it
     * @param needSource whether positions are needed (no id column, or quarantine)
     */
    public static ScoredRows.Prepared read(SparkSession spark, ScoreSource source, FittedModel model, boolean failFast,
                                boolean needSource) {
        return read(spark, source, model, failFast, needSource, null);
    }

    /**
     * The same, with columns {@value ScoredRows#MARGIN_SE} (and for more predictors their
     * {@link ScoredRows#marginSe}) holding √(x̃ᵀ I⁻¹ x̃) when {@code covariances} (each predictor's I⁻¹
     * in packed order, features then intercept) are given.
     */
    public static ScoredRows.Prepared read(SparkSession spark, ScoreSource source, FittedModel model, boolean failFast,
                                boolean needSource, double[][] covariances) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (model.encoding() != null && source.format().isTable()) {
            return FormulaTableScoring.read(spark, source, model, failFast, covariances);
        }
        if (source.format().isTable() && (source.format() != InputFormat.PARQUET
                || (source.table() != null && !source.table().options().isEmpty()))) {
            throw new org.bernoulli.data.UsageException("a model of numeric features scores LIBSVM, CSV or Parquet "
                    + "files; " + (source.format() == InputFormat.PARQUET ? "{READ_OPTION}" : source.format() == InputFormat.TABLE
                    ? "{TABLE}" : source.format().name().toLowerCase() + " input") + " needs a model fitted with {FORMULA}");
        }
        if (source.format() == InputFormat.PARQUET) {
            // Only binary models are fitted without a formula: numeric Parquet has one margin.
            return readParquet(spark, source, (LogisticModel) model, covariances == null ? null : covariances[0]);
        }
        List<FileStatus> files = InputFiles.list(conf, source.path());
        return readText(spark, conf, files, source, model, failFast, needSource, covariances);
    }

    /**
     * How the lines of a text input are scored: the scorer, and for CSV the column layout (null for
     * LIBSVM).
     */
    record TextScoring(TextRowScorer scorer, ColumnLayout layout) {
        boolean hasId() {
            return layout != null && layout.idColumn() >= 0;
        }

        List<String> keepNames() {
            return layout == null ? List.of() : layout.keepNames();
        }

        boolean hasLabel() {
            return layout == null || layout.hasLabel();
        }
    }

    /** The scoring of a text input's lines: the header of its first file resolved against the model. */
    static TextScoring textScoring(Configuration conf, List<FileStatus> files, ScoreSource source, FittedModel model,
                                   double[][] covariances) {
        TextRowScorer scorer;
        ColumnLayout layout = null;
        org.bernoulli.math.RowMargins margins = model.rowMargins(covariances);
        if (source.format() == InputFormat.CSV && model.encoding() != null) {
            if (source.offsetColumn() != null) {
                throw new org.bernoulli.data.UsageException("{OFFSET_COLUMN} does not apply to a model fitted with "
                        + "{FORMULA}: its offset() terms are part of the formula");
            }
            org.bernoulli.formula.Design design = new org.bernoulli.formula.Design(model.encoding());
            layout = ColumnLayout.forFormula(InputFiles.csvHeader(conf, files.get(0).getPath()),
                    design.featureColumnNames(), design.responseColumn(), source.idColumn(), source.keepColumns(),
                    files.get(0).getPath().toString());
            scorer = TextRowScorer.formula(margins, layout, design);
        } else if (source.format() == InputFormat.CSV) {
            layout = ColumnLayout.resolve(InputFiles.csvHeader(conf, files.get(0).getPath()), model.featureNames(),
                    source.labelColumn(), source.idColumn(), source.keepColumns(), source.offsetColumn(),
                    files.get(0).getPath().toString());
            scorer = TextRowScorer.csv(margins, layout);
        } else {
            scorer = TextRowScorer.libsvm(margins);
        }
        return new TextScoring(scorer, layout);
    }

    private static ScoredRows.Prepared readText(SparkSession spark, Configuration conf, List<FileStatus> files, ScoreSource source,
                                     FittedModel model, boolean failFast, boolean needSource, double[][] covariances) {
        TextScoring text = textScoring(conf, files, source, model, covariances);
        TextRowScorer scorer = text.scorer();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaNewHadoopRDD<LongWritable, Text> lines = TextInput.lines(jsc, files, conf);
        long[] firstLines;
        try {
            firstLines = needSource ? firstLineNumbers(lines) : null;
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
            throw JobFailures.translate(e, conf);
        }
        int keep = text.keepNames().size();
        boolean hasId = text.hasId();
        JavaRDD<Row> rows = lines.mapPartitionsWithInputSplit((split, records) -> new ScoringIterator(
                ((FileSplit) split).getPath().toString(), records, scorer, failFast,
                firstLines != null ? firstLines[TaskContext.getPartitionId()] : ((FileSplit) split).getStart() == 0 ? 1
                        : -1, hasId, keep), true);
        List<StructField> fields = new ArrayList<>(baseFields());
        fields.addAll(ScoredRows.scoreFields(scorer.margins().count(), covariances != null));
        if (hasId) {
            fields.add(DataTypes.createStructField(ID, DataTypes.StringType, true));
        }
        List<String> keepNames = text.keepNames();
        for (String name : keepNames) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        Dataset<Row> df = spark.createDataFrame(rows, DataTypes.createStructType(fields));
        boolean hasLabel = text.hasLabel();
        return new ScoredRows.Prepared(df, hasLabel, hasId ? source.idColumn() : null, ScoredColumn.SOURCE_LINE, keepNames);
    }

    /**
     * The line number of the first record of every partition: one job that counts the lines of
     * each split. Splits of a file are partitions in file order, so a partition's first line is one
     * more than the lines of the earlier partitions of the same file.
     */
    private static long[] firstLineNumbers(JavaNewHadoopRDD<LongWritable, Text> lines) {
        List<Tuple2<String, Long>> counts = lines.mapPartitionsWithInputSplit((split, records) -> {
            String file = ((FileSplit) split).getPath().toString();
            long n = 0;
            while (TextInput.hasNext(file, records)) {
                records.next();
                n++;
            }
            return List.of(new Tuple2<>(file, n)).iterator();
        }, true).collect();
        long[] first = new long[counts.size()];
        String file = null;
        long next = 1;
        for (int p = 0; p < first.length; p++) {
            if (!counts.get(p)._1().equals(file)) {
                file = counts.get(p)._1();
                next = 1;
            }
            first[p] = next;
            next += counts.get(p)._2();
        }
        return first;
    }

    /** Turns (offset, line) records into output rows, one per non-blank, non-header line. */
    private static final class ScoringIterator implements Iterator<Row> {
        private final String file;
        private final Iterator<Tuple2<LongWritable, Text>> records;
        private final TextRowScorer scorer;
        private final boolean failFast;
        private final boolean hasId;
        private final int keep;
        /** The line just read (1-based); −1 when the split's first line number is not known. */
        private long lineNumber;
        private Row next;

        /** @param firstLine the line number of the split's first line, or −1 when not known */
        ScoringIterator(String file, Iterator<Tuple2<LongWritable, Text>> records, TextRowScorer scorer,
                        boolean failFast, long firstLine, boolean hasId, int keep) {
            this.file = file;
            this.records = records;
            this.scorer = scorer;
            this.failFast = failFast;
            this.lineNumber = firstLine > 0 ? firstLine - 1 : -1;
            this.hasId = hasId;
            this.keep = keep;
        }

        @Override
        public boolean hasNext() {
            while (next == null && TextInput.hasNext(file, records)) {
                Tuple2<LongWritable, Text> record = records.next();
                long offset = record._1().get();
                String line = record._2().toString();
                if (lineNumber >= 0) {
                    lineNumber++;
                }
                Long position = lineNumber > 0 ? lineNumber : null;
                try {
                    TextFormat.Role role = scorer.role(offset == 0, line);
                    if (role == TextFormat.Role.HEADER) {
                        scorer.checkHeader(line);
                        continue;
                    }
                    if (role == TextFormat.Role.SKIP) {
                        continue;
                    }
                    scorer.score(line);
                    double label = scorer.label();
                    next = row(position, Double.isNaN(label) ? null : label, true, null, null);
                } catch (RecordFormatException e) {
                    if (failFast) {
                        throw new BadRecordException(file, offset, Math.max(lineNumber, 0), e.getMessage());
                    }
                    next = row(position, null, false, e.getMessage(), line);
                }
            }
            return next != null;
        }

        private Row row(Long position, Double label, boolean scored, String reason, String raw) {
            org.bernoulli.math.RowMargins margins = scorer.margins();
            int scores = ScoredRows.scoreFields(margins.count(), margins.withStandardErrors()).size();
            Object[] values = new Object[6 + scores + (hasId ? 1 : 0) + keep];
            values[0] = file;
            values[1] = position;
            values[2] = label;
            values[4] = reason;
            values[5] = raw;
            if (scored) {
                int k = ScoredRows.putScores(values, margins);
                if (hasId) {
                    values[k++] = scorer.id();
                }
                String[] kept = scorer.kept();
                for (int i = 0; i < keep; i++) {
                    values[k++] = kept[i];
                }
            }
            return RowFactory.create(values);
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }
    }

    private static ScoredRows.Prepared readParquet(SparkSession spark, ScoreSource source, LogisticModel model,
                                        double[] covariance) {
        Dataset<Row> df = org.bernoulli.spark.SparkSources.load(spark, org.bernoulli.data.InputFormat.PARQUET, null,
                source.path());
        List<String> columns = Arrays.asList(df.columns());
        StructType schema = df.schema();
        String featuresColumn = source.featuresColumn();
        if (featuresColumn == null && columns.contains("features") && !columns.containsAll(model.featureNames())) {
            featuresColumn = "features";
        }
        List<String> expected = featuresColumn != null ? List.of(featuresColumn) : model.featureNames();
        ColumnLayout layout = ColumnLayout.resolve(columns, expected, source.labelColumn(), source.idColumn(),
                source.keepColumns(), source.offsetColumn(), source.path());
        Column margin;
        Column valid;
        Column problem;
        Column featureArray;
        if (featuresColumn != null) {
            Column[] scored = vectorMargin(schema.apply(featuresColumn), model);
            margin = scored[0];
            valid = scored[1];
            problem = scored[2];
            featureArray = scored[3];
        } else {
            Column z = lit(model.intercept());
            Column allValid = lit(true);
            List<Column> problems = new ArrayList<>();
            double[] w = model.coefficients();
            for (int j = 0; j < w.length; j++) {
                String name = model.featureNames().get(j);
                DataType type = schema.apply(name).dataType();
                if (!(type instanceof NumericType)) {
                    throw new BadInputException(source.path() + ": column '" + name + "' has type " + type.simpleString()
                            + "; the model's features must be numeric");
                }
                Column x = Columns.named(name).cast(DataTypes.DoubleType);
                z = z.plus(lit(w[j]).multiply(x));
                allValid = allValid.and(x.isNotNull()).and(abs(x).lt(Double.POSITIVE_INFINITY));
                problems.add(when(x.isNull(), lit("feature '" + name + "' is missing"))
                        .when(isnan(x), lit("feature '" + name + "' is NaN"))
                        .when(abs(x).equalTo(Double.POSITIVE_INFINITY), lit("feature '" + name + "' is infinite")));
            }
            margin = z;
            featureArray = array(model.featureNames().stream()
                    .map(name -> Columns.named(name).cast(DataTypes.DoubleType)).toArray(Column[]::new));
            valid = allValid; // |x| < ∞ is false for NaN too
            problem = concat_ws("; ", problems.toArray(new Column[0]));
        }
        if (source.offsetColumn() != null) {
            // A fixed term of the margin (the model was fitted with offsets): numeric and finite.
            String name = source.offsetColumn();
            DataType type = schema.apply(name).dataType();
            if (!(type instanceof NumericType)) {
                throw new BadInputException(source.path() + ": offset column '" + name + "' has type "
                        + type.simpleString() + "; offsets must be numeric");
            }
            Column o = Columns.named(name).cast(DataTypes.DoubleType);
            margin = margin.plus(o);
            Column offsetValid = o.isNotNull().and(abs(o).lt(Double.POSITIVE_INFINITY));
            problem = when(offsetValid, problem).otherwise(concat_ws("; ", problem,
                    when(o.isNull(), lit("offset '" + name + "' is missing"))
                            .otherwise(lit("offset '" + name + "' is not a finite number"))));
            valid = valid.and(offsetValid);
        }
        // Finite values can still overflow in b + w·x: such a row is bad, never scored as NaN.
        Column marginFinite = abs(margin).lt(Double.POSITIVE_INFINITY);
        problem = when(valid, lit(TextRowScorer.MARGIN_NOT_FINITE + ": b + w·x overflows double precision"))
                .otherwise(problem);
        valid = valid.and(marginFinite);
        Column se = covariance == null ? null : MarginStandardError.column(spark, covariance, featureArray);
        if (se != null) {
            problem = when(valid, lit("the margin's standard error is not finite: the values are too large for x'Cx "
                    + "in double precision")).otherwise(problem);
            valid = valid.and(abs(se).lt(Double.POSITIVE_INFINITY));
        }
        Column label = lit(null).cast(DataTypes.DoubleType);
        Column labelValid = lit(true);
        Column labelProblem = lit(null).cast(DataTypes.StringType);
        if (layout.hasLabel()) {
            Column raw = Columns.named(source.labelColumn());
            Column y = raw.cast(DataTypes.DoubleType);
            label = when(y.equalTo(1.0), lit(1.0)).when(y.equalTo(0.0).or(y.equalTo(-1.0)), lit(0.0));
            labelValid = label.isNotNull();
            labelProblem = when(y.isNull(), lit("label is missing"))
                    .otherwise(concat(lit("label "), org.apache.spark.sql.functions.substring(raw.cast("string"), 1,
                                    org.bernoulli.data.Values.ECHO_LIMIT),
                            lit(" is not a class label; expected 0 or 1 (or -1/+1)")));
        }
        // The reason is built only for rejected rows: CASE WHEN evaluates just the branch it takes.
        Column reason = when(valid.and(labelValid), lit(null).cast(DataTypes.StringType))
                .when(valid, labelProblem)
                .when(labelValid, problem)
                .otherwise(concat(problem, lit("; "), labelProblem));
        List<Column> select = new ArrayList<>(List.of(
                col("_metadata.file_path").as(FILE),
                col("_metadata.row_index").as(POSITION),
                when(valid.and(labelValid), label).as(LABEL),
                when(valid.and(labelValid), margin).as(MARGIN),
                reason.as(REASON),
                lit(null).cast(DataTypes.StringType).as(RAW)));
        if (se != null) {
            select.add(when(valid.and(labelValid), se).as(MARGIN_SE));
        }
        if (layout.idColumn() >= 0) {
            select.add(Columns.named(source.idColumn()).as(ID));
        }
        for (String name : layout.keepNames()) {
            select.add(Columns.named(name));
        }
        return new ScoredRows.Prepared(df.select(select.toArray(new Column[0])), layout.hasLabel(), source.idColumn(),
                ScoredColumn.SOURCE_ROW, layout.keepNames());
    }

    /** Margin, validity and problem expressions, and the features as an array, for an array or ML vector column. */
    private static Column[] vectorMargin(StructField field, LogisticModel model) {
        Column values;
        DataType type = field.dataType();
        if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
            values = Columns.named(field.name()).cast(DataTypes.createArrayType(DataTypes.DoubleType));
        } else if (type.typeName().equals("vector")) {
            values = org.apache.spark.ml.functions.vector_to_array(Columns.named(field.name()), "float64");
        } else {
            throw new BadInputException("column '" + field.name() + "' has type " + type.simpleString()
                    + "; expected an array of numbers or an ML vector holding the model's "
                    + model.numFeatures() + " features");
        }
        int d = model.numFeatures();
        Column weights = lit(model.coefficients());
        // z = b + w₀x₀ + w₁x₁ + …, summed in feature order starting from the intercept.
        Column margin = aggregate(zip_with(values, weights, (x, w) -> x.multiply(w)), lit(model.intercept()),
                (acc, term) -> acc.plus(term));
        Column badValue = exists(values, x -> x.isNull().or(not(abs(x).lt(Double.POSITIVE_INFINITY))));
        Column valid = values.isNotNull().and(size(values).equalTo(d)).and(not(badValue));
        Column problem = when(values.isNull(), lit("features are missing"))
                .when(size(values).notEqual(d), concat(lit("features has "), size(values).cast("string"),
                        lit(" values; the model has " + d + " features")))
                .otherwise(lit("features hold a missing, NaN or infinite value"));
        return new Column[] {margin, valid, problem, values};
    }

    /**
     * True for a row that can be scored; fails the job for any other. The message carries only the
     * reason, so that the check does not force every row's source position to be read; see
     * {@link #locate}.
     */
    static Column failOnBadRow() {
        return when(col(REASON).isNull(), lit(true))
                .otherwise(org.apache.spark.sql.functions.raise_error(concat(lit(JobFailures.BAD_RECORD_MARKER),
                        col(REASON))).isNull());
    }

    /**
     * Completes a failure raised by {@link #failOnBadRow} with the file and position of the first bad
     * row: a query run only on this error path. Any other failure is returned unchanged.
     */
    static RuntimeException locate(ScoredRows.Prepared input, RuntimeException failure) {
        if (!(failure instanceof JobFailures.UnlocatedBadRecord)) {
            return failure;
        }
        List<Row> first = input.rows().filter(col(REASON).isNotNull()).select(col(FILE), col(POSITION), col(REASON))
                .limit(1).collectAsList();
        if (first.isEmpty()) {
            return failure;
        }
        Row r = first.get(0);
        return new BadInputException(r.getString(0) + " " + input.position().positionWord() + " "
                + r.get(1) + ": " + r.getString(2), failure);
    }

}
