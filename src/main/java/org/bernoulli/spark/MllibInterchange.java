package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Models to and from Spark MLlib's binary {@code LogisticRegressionModel} directory format: the
 * same intercept and coefficients, so both compute the same σ(b + w·x). MLlib keeps no feature
 * names; an imported model names its features x1 … xD unless names are given.
 */
public final class MllibInterchange {

    private MllibInterchange() {
    }

    /** Writes {@code model} as an MLlib model directory at {@code path}, atomically. */
    public static void export(SparkSession spark, LogisticModel model, String path, boolean overwrite) {
        if (model.encoding() != null) {
            throw new org.bernoulli.data.UsageException("export {TO} mllib: this model was fitted with {FORMULA} '"
                    + model.encoding().formula() + "', and an MLlib LogisticRegressionModel cannot carry its encoding "
                    + "(factor levels, interactions, transformed columns): score it with 'bernoulli score', which "
                    + "applies the encoding");
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        StagedOutput.checkWritable(conf, path, overwrite);
        LogisticRegressionModel mllib = new LogisticRegressionModel("bernoulli", Vectors.dense(model.coefficients()),
                model.intercept());
        // The penalty it was fitted with, in MLlib's parameters, which mean the same.
        mllib.set(mllib.regParam(), model.regularization().regParam());
        mllib.set(mllib.elasticNetParam(), model.regularization().elasticNetParam());
        mllib.set(mllib.standardization(), model.regularization().standardization());
        try (StagedOutput out = StagedOutput.begin(conf, path, overwrite)) {
            try {
                mllib.write().save(out.staging().toString());
            } catch (IOException e) {
                throw new IllegalStateException("writing the MLlib model to " + path + " failed: " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    /**
     * Reads an MLlib binary logistic regression model.
     *
     * @param featureNames names for its features, or null for x1 … xD
     * @throws BadInputException when the path holds no MLlib model, or a multinomial one
     */
    public static LogisticModel importModel(SparkSession spark, String path, List<String> featureNames) {
        LogisticRegressionModel mllib;
        try {
            mllib = LogisticRegressionModel.load(path);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown all the same
            throw new BadInputException("no MLlib LogisticRegressionModel at " + path + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (mllib.numClasses() != 2 || mllib.coefficientMatrix().numRows() != 1) {
            throw new BadInputException(path + " holds a multinomial model of " + mllib.numClasses()
                    + " classes; Bernoulli models binary outcomes");
        }
        double[] w = mllib.coefficients().toArray();
        List<String> names = featureNames != null ? featureNames
                : IntStream.rangeClosed(1, w.length).mapToObj(j -> "x" + j).toList();
        if (names.size() != w.length) {
            throw new BadInputException(featureNames.size() + " feature names for the " + w.length
                    + " coefficients of " + path);
        }
        TrainingProvenance provenance = new TrainingProvenance(new TrainingProvenance.Input(path, "mllib", 0, 0, 0),
                new TrainingProvenance.Solver("mllib", mllib.getMaxIter(), mllib.getTol(), 0),
                new TrainingProvenance.Course(0, 0, "IMPORTED", true, 0.0, 0.0, 0.0, 0.0, new double[0]),
                List.of("imported from the Spark MLlib model at " + path + "; its training statistics are not known "
                        + "(recorded as 0)"), TrainingProvenance.Run.now(0, spark.version(), 0), null);
        return new LogisticModel(LogisticModel.FORMAT_VERSION, mllib.intercept(), w, w.length, names,
                new Regularization(mllib.getRegParam(), mllib.getElasticNetParam(),
                        mllib.getStandardization()), provenance);
    }
}
