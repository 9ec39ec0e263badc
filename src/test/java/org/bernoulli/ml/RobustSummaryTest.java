package org.bernoulli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.inference.Clustering;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark.ml estimator's summary exposes the robust and cluster-robust standard errors
 * ({@code covariance}, {@code clusterCol}) and, with a formula, the joint Wald test of each factor:
 * R's {@code vcovHC} and {@code vcovCL} on infert to 1e-6 relative (the tolerance of the command
 * line's tests: a fit to a gradient of 1e-10, where the sandwich is smooth), with infert's 3 partitions
 * so that clusters are spread over partitions.
 */
class RobustSummaryTest {
    private static SparkSession spark;
    private static Dataset<Row> infert;
    private static JsonNode ref;

    @BeforeAll
    static void data() throws Exception {
        spark = SparkTestSession.get();
        infert = spark.read().option("header", true).option("inferSchema", true).csv("src/data/formula/infert.csv")
                .repartition(3);
        ref = new ObjectMapper().readTree(new File("src/test/resources/formula/infert.json"));
    }

    private static BernoulliLogisticRegression tight() {
        return new BernoulliLogisticRegression().setTol(1e-15).setGradTol(1e-10).setMaxIter(100);
    }

    private static void assertErrors(ModelSummary s, String field) {
        JsonNode se = ref.get(field);
        assertEquals(se.size(), s.coefficients().size());
        for (int k = 0; k < se.size(); k++) {
            assertEquals(se.get(k).asDouble(), s.coefficients().get(k).stdError(), 1e-6 * se.get(k).asDouble(),
                    field + " " + s.coefficients().get(k).name());
        }
    }

    @Test
    void aFormulaFitsSummaryHasRobustErrorsAndTheFactorsTest() {
        ModelSummary s = tight().setFormula(ref.get("formula").asText()).setCovariance("hc1").fit(infert).summary();
        assertEquals("hc1", s.covariance());
        assertErrors(s, "se_hc1");
        assertEquals(1, s.termTests().size());
        assertEquals("education", s.termTests().get(0).term());
        assertEquals(2, s.termTests().get(0).df());
    }

    @Test
    void aVectorFitsSummaryHasClusterRobustErrors() {
        // The formula's columns coded by hand, in R's order: spontaneous, induced, the two education levels.
        Dataset<Row> coded = infert
                .withColumn("e12", when(col("education").equalTo("12+ yrs"), 1.0).otherwise(0.0))
                .withColumn("e6", when(col("education").equalTo("6-11yrs"), 1.0).otherwise(0.0));
        Dataset<Row> features = new VectorAssembler().setInputCols(new String[] {"spontaneous", "induced", "e12", "e6"})
                .setOutputCol("features").transform(coded).withColumnRenamed("case", "label");
        for (String type : new String[] {"hc0", "hc1"}) {
            ModelSummary s = tight().setCovariance(type).setClusterCol("stratum").fit(features).summary();
            assertEquals(new Clustering("stratum", 83), s.clustering());
            assertErrors(s, "se_cluster_" + type);
        }
        IllegalArgumentException fisher = assertThrows(IllegalArgumentException.class,
                () -> tight().setClusterCol("stratum").fit(features));
        assertTrue(fisher.getMessage().startsWith("clusterCol 'stratum' gives cluster-robust standard errors"),
                fisher.getMessage());
    }
}
