package org.bernoulli.ml;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.RFormula;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.jobs.TrainingJob;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark.ml estimator with {@code formula}, and after Spark's own {@code RFormula}, gives the
 * command line's fit (coefficients and standard errors to 1e-10 relative: the same rows, the same
 * Newton iterations to a gradient of 1e-10, summed in other partitions) with a summary whose rows
 * carry real names — R's through the formula, RFormula's attribute names through the pipeline.
 */
class FormulaEstimatorTest {
    private static final String FORMULA = "case ~ spontaneous + induced + education";
    private static SparkSession spark;
    private static Dataset<Row> infert;
    private static Map<String, CoefficientEstimate> cli;

    @BeforeAll
    static void fitOnTheCommandLinesPath(@TempDir Path dir) {
        spark = SparkTestSession.get();
        infert = spark.read().option("header", true).option("inferSchema", true).csv("src/data/formula/infert.csv");
        ModelSummary s = TrainingJob.execute(spark, org.bernoulli.jobs.TrainingRequest.of(new InputSpec("src/data/formula/infert.csv",
                InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions(FORMULA, "fail", List.of(), null, 10000)), dir.resolve("m").toString(), false, new TrainerSettings(0, new StopRule(100, 1e-15, 1e-10)), 0)).summary();
        cli = byName(s);
    }

    private static Map<String, CoefficientEstimate> byName(ModelSummary s) {
        Map<String, CoefficientEstimate> m = new HashMap<>();
        s.coefficients().forEach(c -> m.put(c.name(), c));
        return m;
    }

    private static BernoulliLogisticRegression tight() {
        return new BernoulliLogisticRegression().setTol(1e-15).setGradTol(1e-10).setMaxIter(100);
    }

    private static void assertSameFit(Map<String, CoefficientEstimate> fitted, Map<String, String> names) {
        assertEquals(cli.size(), fitted.size());
        for (Map.Entry<String, String> e : names.entrySet()) {
            CoefficientEstimate a = cli.get(e.getKey());
            CoefficientEstimate b = fitted.get(e.getValue());
            assertTrue(b != null, "no coefficient " + e.getValue() + " in " + fitted.keySet());
            assertEquals(a.estimate(), b.estimate(), 1e-10 * Math.abs(a.estimate()), e.getKey());
            assertEquals(a.stdError(), b.stdError(), 1e-10 * a.stdError(), e.getKey());
        }
    }

    @Test
    void theFormulaParamFitsAsTheCommandLineDoesWithRsNames(@TempDir Path dir) throws Exception {
        BernoulliLogisticRegressionModel model = tight().setFormula(FORMULA).fit(infert);
        assertEquals(List.of("spontaneous", "induced", "education12+ yrs", "education6-11yrs"), model.featureNames());
        Map<String, String> same = new HashMap<>();
        cli.keySet().forEach(k -> same.put(k, k));
        assertSameFit(byName(model.summary()), same);
        assertEquals(model.model().encoding().formula(), FORMULA);

        // In a pipeline, saved and loaded: the encoding travels with it, predictions are identical.
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {tight().setFormula(FORMULA)}).fit(infert);
        List<Row> before = fitted.transform(infert).select("probability").collectAsList();
        fitted.write().overwrite().save(dir.resolve("pipeline").toString());
        List<Row> after = PipelineModel.load(dir.resolve("pipeline").toString()).transform(infert)
                .select("probability").collectAsList();
        assertEquals(before, after);
        double z = model.intercept() + model.coefficients().apply(0) * 2 + model.coefficients().apply(1) * 1;
        assertEquals(1 / (1 + Math.exp(-z)), before.get(0).<Vector>getAs(0).apply(1), 1e-12,
                "row 1: spontaneous 2, induced 1, education 0-5yrs (the reference)");
    }

    @Test
    void sparksRFormulaBeforeTheEstimatorGivesTheSameFitWithItsNames() {
        // alphabetDesc drops the first level in sorted order, as R's treatment contrasts do.
        RFormula rFormula = new RFormula().setFormula(FORMULA).setStringIndexerOrderType("alphabetDesc");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {rFormula, tight()}).fit(infert);
        BernoulliLogisticRegressionModel model = (BernoulliLogisticRegressionModel) fitted.stages()[1];
        Map<String, CoefficientEstimate> fit = byName(model.summary());
        assertEquals(Map.of("(Intercept)", "(Intercept)", "spontaneous", "spontaneous", "induced", "induced",
                "education12+ yrs", "education_12+ yrs", "education6-11yrs", "education_6-11yrs").keySet(),
                cli.keySet());
        assertSameFit(fit, Map.of("(Intercept)", "(Intercept)", "spontaneous", "spontaneous", "induced", "induced",
                "education12+ yrs", "education_12+ yrs", "education6-11yrs", "education_6-11yrs"));
    }
}
