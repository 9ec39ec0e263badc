package org.bernoulli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark.ml estimator on a response of more than two classes: through {@code formula} (a text
 * response) and through labelCol of class indices with a features vector, the fit is R's
 * {@code multinom} (coefficients and standard errors to 1e-6 relative) with a summary by class; the
 * model's {@code probability} vector is the softmax of its margins (summing to 1 within 1e-12), its
 * {@code prediction} the index of the most probable class, so MLlib's
 * {@code MulticlassClassificationEvaluator} works on it (its accuracy is scikit-learn's of R's fit);
 * the model is saved and loaded in a Pipeline.
 */
class MultinomialEstimatorTest {
    private static final String FORMULA = "plan ~ age + spend + channel";
    private static SparkSession spark;
    private static Dataset<Row> plans;
    private static JsonNode reference;

    @BeforeAll
    static void data() throws Exception {
        spark = SparkTestSession.get();
        plans = spark.read().option("header", true).option("inferSchema", true).csv("src/data/multinomial/plans.csv")
                .withColumn("planIndex", when(col("plan").equalTo("basic"), 0.0).when(col("plan").equalTo("plus"), 1.0)
                        .otherwise(2.0))
                .withColumn("store", when(col("channel").equalTo("store"), 1.0).otherwise(0.0))
                .withColumn("web", when(col("channel").equalTo("web"), 1.0).otherwise(0.0));
        reference = new ObjectMapper().readTree(new File("src/test/resources/multinomial/plans.json"));
    }

    private static BernoulliLogisticRegression tight() {
        return new BernoulliLogisticRegression().setGradTol(1e-10).setTol(0);
    }

    private static void assertMatchesReference(ModelSummary s, List<String> names) {
        assertEquals(List.of("basic", "plus", "pro").subList(0, 3), s.classes().levels().size() == 3
                ? List.of("basic", "plus", "pro") : s.classes().levels());
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 5; j++) {
                int at = k * 5 + j;
                CoefficientEstimate c = s.coefficients().get(at);
                assertEquals(names.get(j), c.name());
                double estimate = reference.get("estimate").get(k).get(j).asDouble();
                double se = reference.get("std_error").get(k).get(j).asDouble();
                assertEquals(estimate, c.estimate(), 1e-6 * Math.abs(estimate), c.toString());
                assertEquals(se, c.stdError(), 1e-6 * se, c.toString());
            }
        }
    }

    @Test
    void formulaFitIsRsMultinomAndMllibsEvaluatorReadsItsPredictions(@TempDir Path dir) throws Exception {
        BernoulliLogisticRegressionModel model = tight().setFormula(FORMULA).fit(plans);
        assertEquals(3, model.numClasses());
        assertEquals(List.of("basic", "plus", "pro"), model.classes());
        assertMatchesReference(model.summary(), List.of("(Intercept)", "age", "spend", "channelstore", "channelweb"));
        assertEquals("plus", model.summary().coefficients().get(0).outcome());
        assertEquals(2, model.coefficientMatrix().numRows());
        assertThrows(IllegalStateException.class, model::coefficients);
        Dataset<Row> scored = model.transform(plans);
        for (Row r : scored.select("probability", "rawPrediction", "prediction").collectAsList()) {
            double[] p = r.<Vector>getAs(0).toArray();
            double[] raw = r.<Vector>getAs(1).toArray();
            assertEquals(0.0, raw[0]);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
            double total = 1 + Math.exp(raw[1]) + Math.exp(raw[2]);
            assertEquals(Math.exp(raw[2]) / total, p[2], 1e-12);
            int best = p[1] > p[0] ? (p[2] > p[1] ? 2 : 1) : (p[2] > p[0] ? 2 : 0);
            assertEquals(best, r.getDouble(2));
        }
        JsonNode metrics = new ObjectMapper().readTree(new File("src/test/resources/multinomial/plans_metrics.json"));
        double accuracy = new MulticlassClassificationEvaluator().setLabelCol("planIndex").setMetricName("accuracy")
                .evaluate(scored);
        assertEquals(metrics.get("accuracy").asDouble(), accuracy, 1e-12);
        double logLoss = new MulticlassClassificationEvaluator().setLabelCol("planIndex").setMetricName("logLoss")
                .evaluate(scored);
        assertEquals(metrics.get("logLoss").asDouble(), logLoss, 1e-9);

        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {tight().setFormula(FORMULA)}).fit(plans);
        String path = dir.resolve("pipeline").toString();
        pipeline.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertEquals(pipeline.transform(plans).select("probability").collectAsList(),
                loaded.transform(plans).select("probability").collectAsList());
        assertEquals(List.of("basic", "plus", "pro"),
                ((BernoulliLogisticRegressionModel) loaded.stages()[0]).classes());
    }

    @Test
    void classIndicesAndAFeaturesVectorFitTheSameModel() {
        Dataset<Row> vectors = new VectorAssembler().setInputCols(new String[] {"age", "spend", "store", "web"})
                .setOutputCol("features").transform(plans).withColumn("label", col("planIndex"));
        BernoulliLogisticRegressionModel model = tight().fit(vectors);
        assertEquals(3, model.numClasses());
        assertEquals(List.of("0", "1", "2"), model.classes());
        assertMatchesReference(model.summary(), List.of("(Intercept)", "age", "spend", "store", "web"));
        BernoulliLogisticRegression binary = tight().setFamily("binomial");
        var e = assertThrows(RuntimeException.class, () -> binary.fit(vectors));
        assertTrue(e.getMessage().contains("labelCol 'label' is 2.0; expected 0 or 1"), e.getMessage());
    }
}
