package org.bernoulli.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.testing.PmmlScoring;
import org.bernoulli.testing.SparkTestSession;
import org.jpmml.evaluator.Evaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark.ml model writes the PMML document the command line exports: an independent evaluator
 * (JPMML-Evaluator) scores each training row to the probabilities {@code transform} gives, to 1e-12
 * absolute (the same doubles, summed in another order), for a formula with an interaction and a
 * function and for a model of three classes; a file in the way is kept unless overwriting is asked.
 */
class PmmlWriteTest {
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static Dataset<Row> csv(String path) {
        return spark.read().option("header", true).option("inferSchema", true).csv(path);
    }

    /** Writes the model's PMML and compares the evaluator's probability of each class with transform's. */
    private static void assertScoresAsTransform(BernoulliLogisticRegressionModel model, Dataset<Row> data,
                                                List<String> outputs, Path pmml) throws Exception {
        model.writePmml(pmml.toString());
        Evaluator evaluator = PmmlScoring.load(pmml);
        List<Row> scored = model.transform(data).collectAsList();
        for (Row row : scored) {
            Map<String, ?> result = PmmlScoring.evaluate(evaluator, row::getAs);
            Vector probability = row.getAs("probability");
            int first = outputs.size() == 1 ? 1 : 0;
            for (int k = 0; k < outputs.size(); k++) {
                assertEquals(probability.apply(first + k), (Double) result.get(outputs.get(k)), 1e-12, row.toString());
            }
        }
        assertTrue(scored.size() > 100);
    }

    @Test
    void aFormulaModelWritesPmmlThatScoresAsTransformDoes(@TempDir Path dir) throws Exception {
        Dataset<Row> infert = csv("src/data/formula/infert.csv");
        BernoulliLogisticRegressionModel model = new BernoulliLogisticRegression()
                .setFormula("case ~ spontaneous*induced + education + log(parity)").fit(infert);
        Path pmml = dir.resolve("model.pmml");
        assertScoresAsTransform(model, infert, List.of("probability"), pmml);

        String written = Files.readString(pmml);
        BadInputException inTheWay = assertThrows(BadInputException.class, () -> model.writePmml(pmml.toString()));
        assertTrue(inTheWay.getMessage().contains(pmml.getFileName().toString()), inTheWay.getMessage());
        assertEquals(written, Files.readString(pmml), "the file in the way is kept");
        model.writePmml(pmml.toString(), true);
        assertEquals(written, Files.readString(pmml), "the same model, the same document");
    }

    /** A boolean column as a factor (alone and coded in full in an interaction) and as a number inside I(). */
    @Test
    void aBooleanColumnScoresAsTransformDoes(@TempDir Path dir) throws Exception {
        Dataset<Row> infert = csv("src/data/formula/infert.csv")
                .withColumn("young", org.apache.spark.sql.functions.col("age").lt(30));
        BernoulliLogisticRegressionModel model = new BernoulliLogisticRegression()
                .setFormula("case ~ young + spontaneous + induced:young + I(young * parity)").fit(infert);
        Path pmml = dir.resolve("young.pmml");
        assertScoresAsTransform(model, infert, List.of("probability"), pmml);
        String document = Files.readString(pmml);
        assertTrue(document.contains("dataType=\"boolean\" name=\"young\""), document);
        assertTrue(document.contains("<NormDiscrete field=\"young\" value=\"false\"/>"), document);
    }

    @Test
    void aModelOfClassesWritesPmmlThatScoresAsTransformDoes(@TempDir Path dir) throws Exception {
        Dataset<Row> plans = csv("src/data/multinomial/plans.csv");
        BernoulliLogisticRegressionModel model = new BernoulliLogisticRegression()
                .setFormula("plan ~ age + spend + channel").fit(plans);
        assertScoresAsTransform(model, plans, List.of("probability_basic", "probability_plus", "probability_pro"),
                dir.resolve("plans.pmml"));
    }
}
