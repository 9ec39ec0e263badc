package org.bernoulli.ml;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.bernoulli.spark.Columns;
import org.bernoulli.math.Logistic;
import org.bernoulli.math.RowMargins;
import org.bernoulli.math.Softmax;
import org.bernoulli.model.CategoricalModel;
import org.bernoulli.model.FittedModel;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelJson;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.formula.Design;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.spark.SparkRowCells;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.pmml.PmmlDocument;
import scala.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

/**
 * A fitted {@link BernoulliLogisticRegression}: a {@code Transformer} that writes, like MLlib's
 * binary logistic regression, {@code rawPrediction} = (−z, z) with z = b + w·x, {@code probability} =
 * (σ(−z), σ(z)) — each computed on its own side, so a tiny probability keeps its relative precision —
 * and {@code prediction} at {@code threshold}-free argmax (probability ≥ ½ ⇔ z ≥ 0). Saved as
 * Spark's standard metadata plus the Bernoulli model (data/model.json).
 */
public final class BernoulliLogisticRegressionModel
        extends ProbabilisticClassificationModel<Vector, BernoulliLogisticRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    /** Each linear predictor's intercept and coefficients: one for two classes, K − 1 for K. */
    private final double[] intercepts;
    private final double[][] coefficients;
    /** The classes of a model of more than two (the reference first); null for a binary model. */
    private final List<String> classes;
    private final transient FittedModel model;
    private final transient ModelSummary summary;
    /** The average marginal effects of the fit (estimator {@code margins}), or null. */
    private final transient List<org.bernoulli.inference.AverageMarginalEffect> margins;
    /** For a model fitted through a formula, the coding of a row (serializable, for the executors); else null. */
    private final Design design;

    BernoulliLogisticRegressionModel(String uid, FittedModel model) {
        this(uid, model, null);
    }

    BernoulliLogisticRegressionModel(String uid, FittedModel model, ModelSummary summary) {
        this(uid, model, summary, null);
    }

    BernoulliLogisticRegressionModel(String uid, FittedModel model, ModelSummary summary,
                                     List<org.bernoulli.inference.AverageMarginalEffect> margins) {
        this(ConstructionUid.stash(uid), model, summary, margins, true);
    }

    private BernoulliLogisticRegressionModel(String uid, FittedModel model, ModelSummary summary,
                                             List<org.bernoulli.inference.AverageMarginalEffect> margins,
                                             boolean stashed) {
        this.uid = uid; // see ConstructionUid: the superclass constructor already asked for it
        ConstructionUid.clear();
        this.model = model;
        this.summary = summary;
        this.margins = margins == null ? null : List.copyOf(margins);
        if (model instanceof CategoricalModel c) {
            this.intercepts = c.intercepts();
            this.coefficients = c.coefficients();
            this.classes = c.classes();
        } else {
            LogisticModel binary = (LogisticModel) model;
            this.intercepts = new double[] {binary.intercept()};
            this.coefficients = new double[][] {binary.coefficients()};
            this.classes = null;
        }
        this.design = model.encoding() == null ? null : new Design(model.encoding());
    }

    /**
     * The average marginal effects of the fit over its dataset (estimator {@code margins} true, a freshly
     * fitted model), or null.
     */
    public List<org.bernoulli.inference.AverageMarginalEffect> margins() {
        return margins;
    }

    /** Whether the model has the summary of its fit (a freshly fitted model; not one loaded from disk). */
    public boolean hasSummary() {
        return summary != null;
    }

    /**
     * The maximum-likelihood summary of the fit, as R's {@code summary(glm)}: coefficients by name with
     * standard errors, z, p and Wald intervals, deviances, AIC, BIC and the likelihood-ratio test.
     *
     * @throws IllegalStateException when the model has none ({@link #hasSummary()})
     */
    public ModelSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("no summary: a summary exists for a freshly fitted model with inference "
                    + "(up to " + org.bernoulli.train.StatsMode.AUTO_MAX_FEATURES + " features, no L1 penalty)");
        }
        return summary;
    }

    /** The coefficient names: R's for a formula model, the features' ML attribute names otherwise. */
    public List<String> featureNames() {
        return model.featureNames();
    }

    /**
     * For a formula model, first codes each row into the features column through the model's
     * encoding (an unseen level or a missing value fails the job, naming it); then MLlib's transform.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        if (design == null) {
            return super.transform(dataset);
        }
        transformSchema(dataset.schema());
        List<String> present = java.util.Arrays.asList(dataset.columns());
        List<Column> cells = new java.util.ArrayList<>();
        for (String c : design.columns()) {
            cells.add(present.contains(c) ? Columns.named(c) : lit(null));
        }
        Design coding = design;
        int d = coefficients[0].length;
        org.apache.spark.sql.expressions.UserDefinedFunction code = udf((UDF1<Row, Vector>) r -> {
            org.bernoulli.formula.EncodedRow out = new org.bernoulli.formula.EncodedRow();
            // A row that cannot be coded fails the job with Bernoulli's own exception, which the Python
            // package raises as BernoulliError.
            if (!coding.encodeForScoring(new SparkRowCells().reset(r), out, Double.MAX_VALUE)) {
                throw new org.bernoulli.data.RecordFormatException(ParamTerms.words(
                        org.bernoulli.formula.FormulaLineParser.missingForScoring(out.missingColumn)));
            }
            if (out.offset != 0.0) {
                throw new org.bernoulli.data.RecordFormatException("the model's formula has an offset(), which a "
                        + "features vector cannot carry; score with 'bernoulli score'");
            }
            return Vectors.sparse(d, out.indicesCopy(), out.valuesCopy());
        }, new org.apache.spark.ml.linalg.VectorUDT());
        Dataset<Row> coded = dataset.toDF().withColumn($(featuresCol()), code.apply(struct(cells.toArray(new Column[0]))));
        return super.transform(coded);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (design == null) {
            return super.transformSchema(schema);
        }
        Columns.checkKinds(schema, design.encoding(), design.featureColumnNames(), "the dataset");
        return formulaSchema(schema, $(featuresCol()), $(labelCol()), super::transformSchema);
    }

    /**
     * The output schema of a formula stage: the features vector replaced or added, the label column
     * given to MLlib's check as a number only when the dataset has none of that name.
     */
    static StructType formulaSchema(StructType schema, String featuresCol, String labelCol,
                                    java.util.function.UnaryOperator<StructType> mllib) {
        StructType prepared = new StructType();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(featuresCol) && !f.name().equals(labelCol)) {
                prepared = prepared.add(f);
            }
        }
        prepared = prepared.add(featuresCol, new org.apache.spark.ml.linalg.VectorUDT(), true)
                .add(labelCol, DataTypes.DoubleType, true);
        StructType out = mllib.apply(prepared);
        boolean hadLabel = java.util.Arrays.asList(schema.fieldNames()).contains(labelCol);
        StructType result = new StructType();
        for (StructField f : out.fields()) {
            if (f.name().equals(labelCol)) {
                if (hadLabel) {
                    result = result.add(schema.apply(labelCol));
                }
            } else {
                result = result.add(f);
            }
        }
        return result;
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructionUid.current();
    }

    /** The Bernoulli model (intercepts, coefficients, provenance); null on executors. */
    public FittedModel model() {
        return model;
    }

    /**
     * The classes of a model of more than two, the reference first: prediction k is {@code classes().get(k)};
     * null for a binary model (whose prediction 1 is the class coded 1).
     */
    public List<String> classes() {
        return classes;
    }

    /** b of a binary model. */
    public double intercept() {
        return binaryOnly("intercept", "interceptVector")[0];
    }

    /** w of a binary model. */
    public Vector coefficients() {
        binaryOnly("coefficients", "coefficientMatrix");
        return Vectors.dense(coefficients[0].clone());
    }

    private double[] binaryOnly(String what, String instead) {
        if (classes != null) {
            throw new IllegalStateException("a model of " + classes.size() + " classes has one " + what + " per "
                    + "non-reference class: use " + instead + "()");
        }
        return intercepts;
    }

    /** The intercepts of the linear predictors: b of a binary model, bₖ of each non-reference class of a model of more. */
    public Vector interceptVector() {
        return Vectors.dense(intercepts.clone());
    }

    /**
     * The coefficients, one row per linear predictor: w of a binary model, wₖ of each non-reference class
     * (against the reference class) of a model of more.
     */
    public org.apache.spark.ml.linalg.Matrix coefficientMatrix() {
        int rows = coefficients.length;
        int d = coefficients[0].length;
        double[] values = new double[rows * d];
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < d; j++) {
                values[j * rows + k] = coefficients[k][j]; // column-major
            }
        }
        return org.apache.spark.ml.linalg.Matrices.dense(rows, d, values);
    }

    @Override
    public int numClasses() {
        return classes == null ? 2 : classes.size();
    }

    @Override
    public int numFeatures() {
        return coefficients[0].length;
    }

    /**
     * Each linear predictor's margin as every scoring path sums it ({@link RowMargins}): from the intercept,
     * in feature order.
     */
    private RowMargins margins(Vector features) {
        if (features.size() != coefficients[0].length) {
            throw new IllegalArgumentException("features has " + features.size() + " values; the model has "
                    + coefficients[0].length + " features");
        }
        // A scorer per call: transform may call one model from several threads.
        RowMargins scorer = new RowMargins(coefficients, intercepts, null);
        scorer.start();
        if (features instanceof DenseVector dense) {
            double[] values = dense.values();
            for (int j = 0; j < values.length; j++) {
                scorer.accept(j, values[j]);
            }
        } else {
            org.apache.spark.ml.linalg.SparseVector sparse = (org.apache.spark.ml.linalg.SparseVector) features;
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                scorer.accept(indices[k], values[k]);
            }
        }
        return scorer;
    }

    /** (−z, z) for two classes, as MLlib's binary model; (0, η₁, …, η_{K−1}) for more. */
    @Override
    public Vector predictRaw(Vector features) {
        RowMargins m = margins(features);
        if (classes == null) {
            return Vectors.dense(-m.margin(0), m.margin(0));
        }
        double[] raw = new double[classes.size()];
        for (int k = 1; k < raw.length; k++) {
            raw[k] = m.margin(k - 1);
        }
        return Vectors.dense(raw);
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        if (classes == null) {
            double z = v[1];
            v[0] = Logistic.sigmoid(-z);
            v[1] = Logistic.sigmoid(z);
            return rawPrediction;
        }
        Softmax.probabilities(java.util.Arrays.copyOfRange(v, 1, v.length), v);
        return rawPrediction;
    }

    @Override
    public BernoulliLogisticRegressionModel copy(ParamMap extra) {
        return copyValues(new BernoulliLogisticRegressionModel(uid, model, summary, margins), extra)
                .setParent(parent());
    }

    /**
     * Java sees this method twice in MLlib's class hierarchy (with generic return types that differ
     * only in their type argument); the raw override resolves the clash and keeps MLlib's behaviour.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    /**
     * Writes the model as a PMML 4.4 document to {@code path}, through the session's Hadoop file
     * system; fails if a file is there. See {@link #writePmml(String, boolean)}.
     */
    public void writePmml(String path) {
        writePmml(path, false);
    }

    /**
     * Writes the model as a PMML 4.4 document ({@link PmmlDocument}: the formula's encoding with it)
     * that a PMML evaluator scores to this model's probabilities; written aside and moved into place.
     *
     * @param overwrite whether a file at {@code path} may be replaced
     * @throws org.bernoulli.data.UsageException naming the term, for a model PMML cannot hold exactly
     *                                           (a spline basis); nothing is written then
     */
    public void writePmml(String path, boolean overwrite) {
        PmmlDocument.write(new HadoopFileStore(SparkSession.active().sparkContext().hadoopConfiguration()), path,
                model, overwrite);
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<BernoulliLogisticRegressionModel> read() {
        return new Reader();
    }

    public static BernoulliLogisticRegressionModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final BernoulliLogisticRegressionModel instance;

        Writer(BernoulliLogisticRegressionModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            // The SparkContext forms: the ones every Spark line from 3.5 to 4.2 has (4.0 added SparkSession ones).
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession().sparkContext(), Option.empty(),
                    Option.empty());
            Path file = new Path(new Path(path, "data"), "model.json");
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(ModelJson.write(instance.model).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new IllegalStateException("writing " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<BernoulliLogisticRegressionModel> {
        @Override
        public BernoulliLogisticRegressionModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path,
                    sparkSession().sparkContext(), BernoulliLogisticRegressionModel.class.getName());
            Path file = new Path(new Path(path, "data"), "model.json");
            FittedModel model;
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    model = ModelJson.readAny(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
                }
            } catch (IOException e) {
                throw new IllegalStateException("reading " + file + " failed: " + e.getMessage(), e);
            }
            BernoulliLogisticRegressionModel instance = new BernoulliLogisticRegressionModel(metadata.uid(), model);
            metadata.getAndSetParams(instance, Option.empty());
            return instance;
        }
    }
}
