package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.model.CategoricalModel;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Models to and from Spark MLlib's {@code LogisticRegressionModel} directory format: the same
 * intercept and coefficients, so both compute the same σ(b + w·x); for more than two classes MLlib's
 * coefficient matrix and intercept vector (one row per class) against Bernoulli's baseline-category
 * parameters (one per non-reference class: MLlib's row k minus its row 0), so both compute the same
 * softmax. MLlib keeps no feature or class names: an imported model names its features x1 … xD
 * unless names are given, and its classes 0 … K − 1, MLlib's prediction indices.
 */
public final class MllibInterchange {

    private MllibInterchange() {
    }

    /** Writes {@code model} as an MLlib model directory at {@code path}, atomically. */
    public static void export(SparkSession spark, org.bernoulli.model.FittedModel model, String path,
                              boolean overwrite) {
        if (model.encoding() != null) {
            throw new org.bernoulli.data.UsageException("export {TO} mllib: this model was fitted with {FORMULA} '"
                    + model.encoding().formula() + "', and an MLlib LogisticRegressionModel cannot carry its encoding "
                    + "(factor levels, interactions, transformed columns): score it with 'bernoulli score', which "
                    + "applies the encoding");
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        StagedOutput.checkWritable(new HadoopFileStore(conf), path, overwrite);
        LogisticRegressionModel mllib = model instanceof LogisticModel binary
                ? new LogisticRegressionModel("bernoulli", Vectors.dense(binary.coefficients()), binary.intercept())
                : multinomial((CategoricalModel) model);
        // The penalty it was fitted with, in MLlib's parameters, which mean the same.
        mllib.set(mllib.regParam(), model.regularization().regParam());
        mllib.set(mllib.elasticNetParam(), model.regularization().elasticNetParam());
        mllib.set(mllib.standardization(), model.regularization().standardization());
        try (StagedOutput out = StagedOutput.begin(new HadoopFileStore(conf), path, overwrite)) {
            try {
                mllib.write().save(out.staging().toString());
            } catch (IOException e) {
                throw new IllegalStateException("writing the MLlib model to " + path + " failed: " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    /**
     * MLlib's multinomial model of the same probabilities: the reference class's row 0 (MLlib's
     * class 0 is Bernoulli's first class), each other class's row its baseline-category parameters.
     */
    private static LogisticRegressionModel multinomial(CategoricalModel model) {
        int k = model.classes().size();
        int d = model.numFeatures();
        double[] values = new double[k * d];
        double[] intercepts = new double[k];
        double[][] w = model.coefficients();
        for (int c = 1; c < k; c++) {
            for (int j = 0; j < d; j++) {
                values[j * k + c] = w[c - 1][j]; // column-major
            }
            intercepts[c] = model.intercepts()[c - 1];
        }
        return new LogisticRegressionModel("bernoulli", Matrices.dense(k, d, values), Vectors.dense(intercepts), k,
                true);
    }

    /**
     * Reads an MLlib logistic regression model, binary or multinomial.
     *
     * @param featureNames names for its features, or null for x1 … xD
     * @throws BadInputException when the path holds no MLlib model
     */
    public static org.bernoulli.model.FittedModel importModel(SparkSession spark, String path,
                                                              List<String> featureNames) {
        LogisticRegressionModel mllib;
        try {
            mllib = LogisticRegressionModel.load(path);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown all the same
            throw new BadInputException("no MLlib LogisticRegressionModel at " + path + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Matrix matrix = mllib.coefficientMatrix();
        int k = mllib.numClasses();
        int d = matrix.numCols();
        List<String> names = featureNames != null ? featureNames
                : IntStream.rangeClosed(1, d).mapToObj(j -> "x" + j).toList();
        if (names.size() != d) {
            throw new BadInputException(featureNames.size() + " feature names for the " + d
                    + " coefficients of " + path);
        }
        // Baseline-category parameters: each class's row minus the first's (a binary model has one row).
        boolean oneRow = matrix.numRows() == 1;
        double[][] w = new double[k - 1][d];
        double[] b = new double[k - 1];
        for (int c = 1; c < k; c++) {
            for (int j = 0; j < d; j++) {
                w[c - 1][j] = oneRow ? matrix.apply(0, j) : matrix.apply(c, j) - matrix.apply(0, j);
            }
            b[c - 1] = oneRow ? mllib.interceptVector().apply(0)
                    : mllib.interceptVector().apply(c) - mllib.interceptVector().apply(0);
        }
        TrainingProvenance provenance = new TrainingProvenance(new TrainingProvenance.Input(path, "mllib", 0, 0, 0),
                new TrainingProvenance.Solver("mllib", mllib.getMaxIter(), mllib.getTol(), 0),
                new TrainingProvenance.Course(0, 0, "IMPORTED", true, 0.0, 0.0, 0.0, 0.0, new double[0]),
                List.of("imported from the Spark MLlib model at " + path + "; its training statistics are not known "
                        + "(recorded as 0)"), TrainingProvenance.Run.now(0, spark.version(), 0), null);
        Regularization penalty = new Regularization(mllib.getRegParam(), mllib.getElasticNetParam(),
                mllib.getStandardization());
        if (k == 2) {
            return new LogisticModel(LogisticModel.FORMAT_VERSION, b[0], w[0], d, names, penalty, provenance);
        }
        List<String> classes = IntStream.range(0, k).mapToObj(Integer::toString).toList();
        return new CategoricalModel(LogisticModel.FORMAT_VERSION, CategoricalModel.MULTINOMIAL, classes, b, w, d,
                names, penalty, provenance, null);
    }
}
