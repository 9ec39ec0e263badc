package org.bernoulli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.math.Logistic;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimator in a spark.ml Pipeline: VectorAssembler → BernoulliLogisticRegression → fit →
 * transform → save → load → identical predictions, parameters round-tripped; and the fit is the L2
 * reference fit (objective 1e-10).
 */
class PipelineTest {

    @Test
    void pipelineFitsTransformsSavesAndLoads(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> heart = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(Datasets.path("heart_scale.csv").toString());
        String[] columns = java.util.Arrays.stream(heart.columns()).filter(c -> !c.equals("label")).toArray(String[]::new);
        BernoulliLogisticRegression lr = new BernoulliLogisticRegression().setRegParam(0.01).setOptimizer("newton")
                .setGradTol(1e-11).setMaxIter(200);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(columns).setOutputCol("features"), lr});
        PipelineModel fitted = pipeline.fit(heart);
        BernoulliLogisticRegressionModel model = (BernoulliLogisticRegressionModel) fitted.stages()[1];

        JsonNode ref = Datasets.reference("reference/heart_scale.json").get("l2_fits").get(0);
        assertEquals(0.01, ref.get("lambda").asDouble());
        double[] w = model.coefficients().toArray();
        double penalty = 0;
        for (double v : w) {
            penalty += v * v;
        }
        assertEquals(ref.get("objective").asDouble(), model.model().training().meanLoss() + 0.005 * penalty, 1e-10);

        List<Row> before = fitted.transform(heart).select("features", "rawPrediction", "probability", "prediction")
                .collectAsList();
        for (Row r : before) {
            double z = model.intercept();
            double[] x = r.<Vector>getAs("features").toArray();
            for (int j = 0; j < x.length; j++) {
                z += w[j] * x[j];
            }
            assertEquals(z, r.<Vector>getAs("rawPrediction").apply(1), 1e-12 * Math.max(1, Math.abs(z)));
            assertEquals(Logistic.sigmoid(z), r.<Vector>getAs("probability").apply(1), 1e-15);
            assertEquals(z >= 0 ? 1.0 : 0.0, r.<Double>getAs("prediction"));
        }

        fitted.write().save(dir.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());
        List<Row> after = loaded.transform(heart).select("features", "rawPrediction", "probability", "prediction")
                .collectAsList();
        assertEquals(before, after, "identical predictions after save and load");
        BernoulliLogisticRegressionModel reloaded = (BernoulliLogisticRegressionModel) loaded.stages()[1];
        assertArrayEquals(w, reloaded.coefficients().toArray(), 0.0);
        assertEquals(model.uid(), reloaded.uid());
        assertEquals(model.getFeaturesCol(), reloaded.getFeaturesCol());

        // The estimator's parameters round-trip too.
        lr.write().save(dir.resolve("estimator").toString());
        BernoulliLogisticRegression again = BernoulliLogisticRegression.load(dir.resolve("estimator").toString());
        assertEquals(lr.uid(), again.uid());
        assertEquals(0.01, (Double) again.getOrDefault(again.regParam()));
        assertEquals("newton", again.getOrDefault(again.optimizer()));
        assertEquals(200, (Integer) again.getOrDefault(again.maxIter()));
        assertTrue(again.explainParams().contains("regParam"));
    }

    /** MLlib's elasticNetParam and standardization on the estimator: the heart_scale lasso reference. */
    @Test
    void elasticNetParametersReachTheLassoReference(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> heart = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(Datasets.path("heart_scale.csv").toString());
        String[] columns = java.util.Arrays.stream(heart.columns()).filter(c -> !c.equals("label")).toArray(String[]::new);
        JsonNode entry = Datasets.reference("reference2/heart_scale.json").get("elastic_net").get(0);
        BernoulliLogisticRegression lr = new BernoulliLogisticRegression().setRegParam(entry.get("lambda").asDouble())
                .setElasticNetParam(1.0).setStandardization(false).setGradTol(1e-10);
        BernoulliLogisticRegressionModel model = lr.fit(new VectorAssembler().setInputCols(columns)
                .setOutputCol("features").transform(heart));
        assertEquals(entry.get("reference").get("objective").asDouble(), model.model().training().objective(), 1e-8);
        double[] w = model.coefficients().toArray();
        JsonNode expected = entry.get("reference").get("coefficients");
        for (int j = 0; j < w.length; j++) {
            assertEquals(expected.get(j).asDouble() == 0.0, w[j] == 0.0, "zero pattern at " + j);
        }
        assertEquals(1.0, model.model().regularization().elasticNetParam());
        lr.write().save(dir.resolve("estimator").toString());
        BernoulliLogisticRegression again = BernoulliLogisticRegression.load(dir.resolve("estimator").toString());
        assertEquals(1.0, (Double) again.getOrDefault(again.elasticNetParam()));
        assertEquals(false, again.getOrDefault(again.standardization()));
    }
}
