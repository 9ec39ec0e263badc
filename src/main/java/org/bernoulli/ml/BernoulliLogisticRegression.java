package org.bernoulli.ml;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.Family;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.spark.FormulaDataReader;
import org.bernoulli.train.ModelInference;
import org.bernoulli.train.StatsMode;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.StopRule;
import org.bernoulli.spark.SparkBlocks;
import org.bernoulli.spark.TrainingData;
import org.bernoulli.spark.TrainingDataReader;
import org.bernoulli.train.Fit;
import org.bernoulli.train.LogisticTrainer;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.TrainerSettings;

import java.util.List;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Bernoulli's trainer as a {@code spark.ml} {@code Estimator}, for use in a {@code Pipeline} (after a
 * {@code VectorAssembler}, say): fits by maximum likelihood, with an optional elastic-net penalty (see {@code LogisticObjective}), on the
 * features vector column, and gives a {@link BernoulliLogisticRegressionModel} that writes
 * {@code rawPrediction}, {@code probability} and {@code prediction} as MLlib's models do.
 *
 * <p>Parameters (MLlib's names where MLlib has them): {@code featuresCol}, {@code labelCol} (0/1),
 * {@code weightCol} (empty for none), {@code regParam} (λ of λ·((1−α)/2‖v‖² + α‖v‖₁), intercept
 * unpenalized), {@code elasticNetParam} (α), {@code standardization} (whether v are the standardized
 * coefficients, as MLlib's; default false: the raw ones), {@code maxIter}, {@code tol},
 * {@code gradTol}, {@code optimizer} (gd, agd, lbfgs, newton, tron, owlqn, auto), {@code lbfgsMemory},
 * {@code aggregationDepth} (0, the default, chooses it). The passes are the command line's: on the
 * driver for small data, else on Spark with the automatic tree depth (see {@code TrainingData}).
 */
public final class BernoulliLogisticRegression
        extends ProbabilisticClassifier<Vector, BernoulliLogisticRegression, BernoulliLogisticRegressionModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final DoubleParam regParam;
    private final DoubleParam elasticNetParam;
    private final BooleanParam standardization;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final DoubleParam gradTol;
    private final Param<String> optimizer;
    private final Param<String> weightCol;
    private final IntParam aggregationDepth;
    private final IntParam lbfgsMemory;
    private final Param<String> formula;
    private final Param<String> covariance;
    private final Param<String> clusterCol;
    private final Param<String> naAction;
    private final Param<String> family;
    private final BooleanParam margins;

    public BernoulliLogisticRegression() {
        this(Identifiable$.MODULE$.randomUID("bernoulliLogReg"));
    }

    public BernoulliLogisticRegression(String uid) {
        this(ConstructionUid.stash(uid), true);
    }

    private BernoulliLogisticRegression(String uid, boolean stashed) {
        // MLlib's inherited parameters (featuresCol, …) were created by the superclass constructor,
        // which asked uid() before this body ran: ConstructionUid answered for it.
        this.uid = uid;
        ConstructionUid.clear();
        regParam = new DoubleParam(this, "regParam", "penalty lambda >= 0 of lambda*((1-alpha)/2*||v||^2 + "
                + "alpha*||v||_1), intercept unpenalized", ParamValidators.gtEq(0));
        elasticNetParam = new DoubleParam(this, "elasticNetParam", "elastic-net mixing alpha in [0, 1]: 0 is L2, 1 the "
                + "lasso", ParamValidators.inRange(0, 1));
        standardization = new BooleanParam(this, "standardization", "whether the penalty applies to the "
                + "coefficients of standardized features (true) or to the raw coefficients (false)");
        maxIter = new IntParam(this, "maxIter", "iteration limit (>= 0)", ParamValidators.gtEq(0));
        tol = new DoubleParam(this, "tol", "relative objective change over 5 iterations at which to stop",
                ParamValidators.gtEq(0));
        gradTol = new DoubleParam(this, "gradTol", "largest standardized gradient component at which to stop",
                ParamValidators.gtEq(0));
        optimizer = new Param<>(this, "optimizer", "gd, agd, lbfgs, newton, tron, owlqn or auto",
                ParamValidators.inArray(new String[] {"gd", "agd", "lbfgs", "newton", "tron", "owlqn", "auto"}));
        weightCol = new Param<>(this, "weightCol", "column of non-negative case weights; empty for none");
        aggregationDepth = new IntParam(this, "aggregationDepth", "depth of the aggregation tree of the "
                + "per-partition sums (>= 1), or 0 to choose it from the partitions and the model's width",
                ParamValidators.gtEq(0));
        lbfgsMemory = new IntParam(this, "lbfgsMemory", "correction pairs kept by L-BFGS and OWL-QN (>= 1)",
                ParamValidators.gtEq(1));
        formula = new Param<>(this, "formula", "R's model formula 'RESPONSE ~ TERMS' over the dataset's columns "
                + "(text and boolean columns as factors by treatment contrasts, coefficients named as R names them); "
                + "empty: labelCol and the featuresCol vector");
        covariance = new Param<>(this, "covariance", "where the summary's standard errors come from: fisher (the "
                + "inverse Fisher information, R's summary(glm)), hc0 or hc1 (the robust sandwich; with clusterCol the "
                + "cluster-robust one, hc1 times G/(G-1) (n-1)/(n-p))",
                ParamValidators.inArray(new String[] {"fisher", "hc0", "hc1"}));
        clusterCol = new Param<>(this, "clusterCol", "column whose values (as text) group the rows into clusters for "
                + "cluster-robust standard errors (with covariance hc0 or hc1; not with formula); empty for none");
        naAction = new Param<>(this, "naAction", "with formula: what a missing value (a null) in a column the fit uses "
                + "does: fail (name the row), or omit (leave its row out and count it, R's na.omit)",
                ParamValidators.inArray(new String[] {"fail", "omit"}));
        family = new Param<>(this, "family", "the response's likelihood: binomial (two classes), multinomial (more: "
                + "one linear predictor per class against the reference class, the first in sorted order; a labelCol "
                + "of class indices 0, 1, ..., K-1) or auto (by the classes of the response)",
                ParamValidators.inArray(new String[] {"auto", "binomial", "multinomial"}));
        margins = new BooleanParam(this, "margins", "with formula, two classes: whether the model carries the average "
                + "marginal effects of the formula's variables with delta-method errors (one more pass over the dataset)");
        setDefault(margins, (Object) false);
        setDefault(family, "auto");
        setDefault(formula, "");
        setDefault(naAction, "fail");
        setDefault(covariance, "fisher");
        setDefault(clusterCol, "");
        setDefault(regParam, (Object) 0.0);
        setDefault(elasticNetParam, (Object) 0.0);
        setDefault(standardization, (Object) false);
        setDefault(maxIter, (Object) TrainerSettings.DEFAULT_MAX_ITERATIONS);
        setDefault(tol, (Object) TrainerSettings.DEFAULT_TOLERANCE);
        setDefault(gradTol, (Object) TrainerSettings.DEFAULT_GRADIENT_TOLERANCE);
        setDefault(optimizer, "auto");
        setDefault(weightCol, "");
        setDefault(aggregationDepth, (Object) SparkBlocks.AUTO_DEPTH);
        setDefault(lbfgsMemory, (Object) org.bernoulli.optim.Lbfgs.DEFAULT_MEMORY);
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructionUid.current();
    }

    public DoubleParam regParam() {
        return regParam;
    }

    public DoubleParam elasticNetParam() {
        return elasticNetParam;
    }

    public BooleanParam standardization() {
        return standardization;
    }

    public IntParam maxIter() {
        return maxIter;
    }

    public DoubleParam tol() {
        return tol;
    }

    public DoubleParam gradTol() {
        return gradTol;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public Param<String> weightCol() {
        return weightCol;
    }

    public IntParam aggregationDepth() {
        return aggregationDepth;
    }

    public BernoulliLogisticRegression setRegParam(double value) {
        return (BernoulliLogisticRegression) set(regParam, (Object) value);
    }

    public BernoulliLogisticRegression setElasticNetParam(double value) {
        return (BernoulliLogisticRegression) set(elasticNetParam, (Object) value);
    }

    public BernoulliLogisticRegression setStandardization(boolean value) {
        return (BernoulliLogisticRegression) set(standardization, (Object) value);
    }

    public BernoulliLogisticRegression setMaxIter(int value) {
        return (BernoulliLogisticRegression) set(maxIter, (Object) value);
    }

    public BernoulliLogisticRegression setTol(double value) {
        return (BernoulliLogisticRegression) set(tol, (Object) value);
    }

    public BernoulliLogisticRegression setGradTol(double value) {
        return (BernoulliLogisticRegression) set(gradTol, (Object) value);
    }

    public BernoulliLogisticRegression setOptimizer(String value) {
        return (BernoulliLogisticRegression) set(optimizer, value);
    }

    public BernoulliLogisticRegression setWeightCol(String value) {
        return (BernoulliLogisticRegression) set(weightCol, value);
    }

    public Param<String> formula() {
        return formula;
    }

    public BernoulliLogisticRegression setFormula(String value) {
        return (BernoulliLogisticRegression) set(formula, value);
    }

    public Param<String> covariance() {
        return covariance;
    }

    public BernoulliLogisticRegression setCovariance(String value) {
        return (BernoulliLogisticRegression) set(covariance, value);
    }

    public Param<String> clusterCol() {
        return clusterCol;
    }

    public BernoulliLogisticRegression setClusterCol(String value) {
        return (BernoulliLogisticRegression) set(clusterCol, value);
    }

    public Param<String> family() {
        return family;
    }

    public BernoulliLogisticRegression setFamily(String value) {
        return (BernoulliLogisticRegression) set(family, value);
    }

    public BooleanParam margins() {
        return margins;
    }

    public BernoulliLogisticRegression setMargins(boolean value) {
        return (BernoulliLogisticRegression) set(margins, value);
    }

    public Param<String> naAction() {
        return naAction;
    }

    public BernoulliLogisticRegression setNaAction(String value) {
        return (BernoulliLogisticRegression) set(naAction, value);
    }

    public IntParam lbfgsMemory() {
        return lbfgsMemory;
    }

    public BernoulliLogisticRegression setLbfgsMemory(int value) {
        return (BernoulliLogisticRegression) set(lbfgsMemory, (Object) value);
    }

    public BernoulliLogisticRegression setAggregationDepth(int value) {
        return (BernoulliLogisticRegression) set(aggregationDepth, (Object) value);
    }

    private double doubleValue(DoubleParam p) {
        return (Double) getOrDefault(p);
    }

    private int intValue(IntParam p) {
        return (Integer) getOrDefault(p);
    }

    /**
     * With a formula, the dataset's own columns are coded (no features vector, the response any
     * column the formula names); otherwise MLlib's fit on labelCol and featuresCol.
     */
    @Override
    public BernoulliLogisticRegressionModel fit(Dataset<?> dataset) {
        try {
            return fitWithParams(dataset);
        } catch (RuntimeException e) {
            throw ParamTerms.inParamTerms(e);
        }
    }

    private BernoulliLogisticRegressionModel fitWithParams(Dataset<?> dataset) {
        for (Param<String> column : List.of(weightCol, clusterCol)) {
            String name = getOrDefault(column);
            if (!name.isEmpty() && !java.util.Arrays.asList(dataset.columns()).contains(name)) {
                throw new BadInputException(column.name() + " '" + name + "': the dataset has no such column; its "
                        + "columns are " + org.bernoulli.data.Values.echo(java.util.Arrays.asList(dataset.columns())));
            }
        }
        String cluster = getOrDefault(clusterCol);
        if (!cluster.isEmpty() && getOrDefault(covariance).equals("fisher")) {
            throw new IllegalArgumentException("clusterCol '" + cluster + "' gives cluster-robust standard errors: set "
                    + "covariance to hc0 or hc1");
        }
        if (!getOrDefault(covariance).equals("fisher") && doubleValue(regParam) > 0) {
            throw new IllegalArgumentException("covariance " + getOrDefault(covariance) + ": robust standard errors are "
                    + "computed for maximum-likelihood fits (regParam 0)");
        }
        if (getOrDefault(formula).isEmpty()) {
            EstimatorMargins.refuse((Boolean) getOrDefault(margins), null);
            return super.fit(dataset);
        }
        if (!cluster.isEmpty()) {
            throw new IllegalArgumentException("clusterCol is not supported with formula yet; code the features "
                    + "(VectorAssembler) and fit on featuresCol, or use train {FORMULA} {CLUSTER_COLUMN}");
        }
        transformSchema(dataset.schema());
        long start = System.nanoTime();
        String weight = getOrDefault(weightCol);
        FormulaOptions options = new FormulaOptions(getOrDefault(formula), getOrDefault(naAction), List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS, Family.parse(getOrDefault(family)), null);
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
        TrainingData data = FormulaDataReader.readDataset(rows, "the spark.ml dataset", options,
                weight.isEmpty() ? null : weight, 0, intValue(aggregationDepth));
        try (data) {
            return copyValues(fitData(data, dataset, start), ParamMap.empty()).setParent(this);
        }
    }

    /**
     * A formula estimator's output columns are its model's: the coded features vector, then MLlib's
     * rawPrediction, probability and prediction; the response is any column the formula names.
     */
    @Override
    public StructType transformSchema(StructType schema) {
        if (getOrDefault(formula).isEmpty()) {
            return super.transformSchema(schema);
        }
        return BernoulliLogisticRegressionModel.formulaSchema(schema, $(featuresCol()), $(labelCol()),
                super::transformSchema);
    }

    @Override
    public BernoulliLogisticRegressionModel train(Dataset<?> dataset) {
        long start = System.nanoTime();
        String weight = getOrDefault(weightCol);
        Column w = weight.isEmpty() ? lit(1.0) : col(weight).cast("double");
        String cluster = getOrDefault(clusterCol);
        List<Column> select = new java.util.ArrayList<>(List.of(col($(labelCol())).cast("double"),
                col($(featuresCol())), w));
        if (!cluster.isEmpty()) {
            select.add(col(cluster).cast("string"));
        }
        org.bernoulli.spark.SourceRows.Located located = org.bernoulli.spark.SourceRows.locate(dataset.toDF(), select);
        org.bernoulli.spark.SourceRows numbering = located.rows();
        int classes = VectorRows.classes(dataset, $(labelCol()), getOrDefault(family));
        VectorRows names = new VectorRows($(labelCol()), $(featuresCol()), weight, cluster, select.size(), classes);
        JavaRDD<LabeledRow> labeled = located.data().toJavaRDD().mapPartitions(it -> {
            org.bernoulli.spark.SourceRows.Numbering rowsOf = numbering.numbering();
            return new java.util.Iterator<LabeledRow>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public LabeledRow next() {
                    return names.toRow(it.next(), rowsOf);
                }
            };
        });
        JavaRDD<FeatureBlock> blocks = labeled.mapPartitions(BlockBuilder::blocks, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            int depth = intValue(aggregationDepth);
            int d = dataset.select(col($(featuresCol()))).first().<Vector>getAs(0).size();
            org.bernoulli.data.FeatureSummarizer summary;
            try {
                summary = TrainingDataReader.summarize(blocks, depth, d, "summarize the training dataset");
            } catch (Exception e) { // a bad row fails its task; SparkException is checked in Java's eyes
                throw org.bernoulli.spark.JobFailures.translate(e, dataset.sparkSession().sparkContext()
                        .hadoopConfiguration());
            }
            var stats = summary.result(d);
            TrainingData data = new TrainingData(blocks, stats,
                    VectorRows.featureNames(dataset.schema(), $(featuresCol()), d));
            if (classes > 2) {
                List<String> levels = new java.util.ArrayList<>();
                for (int k = 0; k < classes; k++) {
                    levels.add(Integer.toString(k));
                }
                return fitClasses(data, levels, null, dataset, start);
            }
            return fitData(data, dataset, start);
        } finally {
            blocks.unpersist(false);
        }
    }

    /** Fits the cached data with this estimator's settings, with the summary when inference applies. */
    private BernoulliLogisticRegressionModel fitData(TrainingData data, Dataset<?> dataset, long start) {
        if (data.frame() != null && data.frame().design().classes() != null) {
            return fitClasses(data, data.frame().design().classes(), data.frame().design(), dataset, start);
        }
        int depth = intValue(aggregationDepth);
        org.bernoulli.train.FitSpec spec = fitSpec();
        TrainerSettings settings = spec.settings();
        Regularization penalty = settings.penalty();
        var stats = data.statistics();
        int d = data.numFeatures();
        List<String> names = data.featureNames();
        BlockDataLoss loss = data.dataLoss(depth);
        String cluster = getOrDefault(clusterCol);
        // The train command's fit stage, its warnings and notes in this estimator's terms.
        org.bernoulli.train.ModelFitting.Fitted fitted = org.bernoulli.train.ModelFitting.fit(data, loss, loss, spec,
                cluster.isEmpty() ? null : cluster, org.bernoulli.train.ModelFitting.Progress.NONE)
                .mapText(ParamTerms::words);
        Fit fit = fitted.fit();
        ModelSummary summary = fitted.summary() == null ? null : fitted.summary().summary();
        TrainingProvenance provenance = fit.provenance(stats, settings.stopRule(), "spark.ml dataset", "dataframe",
                data.partitions(), dataset.sparkSession().version(), (System.nanoTime() - start) / 1e9);
        LogisticModel model = new LogisticModel(LogisticModel.FORMAT_VERSION, fit.intercept(), fit.coefficients(),
                d, names, penalty, provenance, data.frame() == null ? null : data.frame().design().encoding());
        return new BernoulliLogisticRegressionModel(uid, model, summary, EstimatorMargins.of(spec.inference().margins(),
                dataset.toDF(), data.frame() == null ? null : data.frame().design(), model.packedByPredictor(),
                fitted.summary() == null ? null : fitted.summary().inverse().covariance()));
    }

    /** The fit of more than two classes: the training job's fit stage for them, with this estimator's settings. */
    private BernoulliLogisticRegressionModel fitClasses(TrainingData data, List<String> classes,
                                                        org.bernoulli.formula.Design design, Dataset<?> dataset,
                                                        long start) {
        org.bernoulli.train.FitSpec spec = fitSpec();
        String cluster = getOrDefault(clusterCol);
        org.bernoulli.train.CategoricalFitting.check(spec, classes.size(), cluster.isEmpty() ? null : cluster);
        org.bernoulli.math.CategoricalDataLoss loss = new org.bernoulli.math.CategoricalDataLoss(
                data.passes(intValue(aggregationDepth), () -> "fit"), classes.size(), data.numFeatures());
        org.bernoulli.train.CategoricalFitting.Fitted fitted = org.bernoulli.train.CategoricalFitting.fit(loss,
                data.statistics(), data.featureNames(), classes, design, spec, cluster.isEmpty() ? null : cluster,
                org.bernoulli.train.ModelFitting.Progress.NONE).mapText(ParamTerms::words);
        var stats = data.statistics();
        TrainingProvenance provenance = fitted.fit().provenance(stats.rows(), stats.weightSum(),
                spec.settings().stopRule(), "spark.ml dataset", "dataframe",
                data.partitions(), dataset.sparkSession().version(), (System.nanoTime() - start) / 1e9);
        org.bernoulli.model.CategoricalModel model = fitted.fit().model(data.featureNames(), spec.settings().penalty(),
                provenance, design == null ? null : design.encoding());
        return new BernoulliLogisticRegressionModel(uid, model, fitted.summary() == null ? null : fitted.summary()
                .summary(), EstimatorMargins.of(spec.inference().margins(), dataset.toDF(), design,
                model.packedByPredictor(), fitted.summary() == null ? null : fitted.summary().covariance()));
    }

    /** This estimator's settings as the fit stage takes them. */
    private org.bernoulli.train.FitSpec fitSpec() {
        Regularization penalty = new Regularization(doubleValue(regParam), doubleValue(elasticNetParam),
                (Boolean) getOrDefault(standardization));
        TrainerSettings settings = new TrainerSettings(penalty, new StopRule(intValue(maxIter), doubleValue(tol),
                doubleValue(gradTol)), OptimizerChoice.valueOf(getOrDefault(optimizer).toUpperCase()),
                intValue(lbfgsMemory));
        return new org.bernoulli.train.FitSpec(settings, false, StatsMode.AUTO, null,
                new org.bernoulli.train.InferenceOptions(CovarianceType.valueOf(
                        getOrDefault(covariance).toUpperCase(java.util.Locale.ROOT)), false, null,
                        (Boolean) getOrDefault(margins)));
    }

    @Override
    public BernoulliLogisticRegression copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<BernoulliLogisticRegression> read() {
        return new DefaultParamsReader<>();
    }

    public static BernoulliLogisticRegression load(String path) {
        return read().load(path);
    }
}
