package org.bernoulli.model;

import java.util.List;

/**
 * A fitted model as {@code model.json} keeps it: a binary one ({@link LogisticModel}, one linear
 * predictor) or one of more than two classes ({@link CategoricalModel}, one linear predictor per
 * non-reference class). What both share — the features, the penalty, the provenance, the formula's
 * encoding — is here; what a command does with the linear predictors depends on which it is.
 */
public sealed interface FittedModel permits LogisticModel, CategoricalModel {

    /** The version of the model file layout. */
    int formatVersion();

    /** d, the features of each linear predictor. */
    int numFeatures();

    /** The name of each feature, in order. */
    List<String> featureNames();

    /** The penalty it was fitted with. */
    Regularization regularization();

    /** How it came to be. */
    TrainingProvenance training();

    /** For a model fitted through a formula, how data rows become model rows; else null. */
    org.bernoulli.formula.Encoding encoding();

    /** The classes of a model of more than two, the reference first; null for a binary model. */
    default List<String> classes() {
        return null;
    }

    /**
     * A scorer of the model's linear predictors for one row at a time: the margin b + w·x of a binary
     * model, or each non-reference class's ηₖ.
     *
     * @param covariances the covariance of each predictor's parameters in packed order, for standard
     *                    errors; null without
     */
    org.bernoulli.math.RowMargins rowMargins(double[][] covariances);

    /**
     * The parameters of each linear predictor (one for a binary model, one per non-reference class):
     * its coefficients, then its intercept.
     */
    double[][] packedByPredictor();
}
