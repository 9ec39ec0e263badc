package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.CategoricalDataLoss;
import org.bernoulli.math.ElasticNetPenalty;
import org.bernoulli.math.FeatureScaling;
import org.bernoulli.math.SymmetricSoftmaxObjective;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --reg-param} of a response of more than two classes minimizes Spark MLlib's
 * multinomial objective (the symmetric softmax, every class's coefficients penalized, intercepts not,
 * the penalty on the standardized coefficients): Bernoulli's objective at MLlib's optimum equals the
 * value MLlib reports there to 1e-9 (relative; both are sums of the same 5,000 terms), and Bernoulli's
 * optimum is no worse than MLlib's (by at most 1e-12).
 */
class MultinomialPenaltyTest {
    private static final String PLANS = Path.of("src/data/multinomial/plans.csv").toString();
    private static final List<String> CLASSES = List.of("basic", "plus", "pro");
    private static double[][] x;
    private static double[] y;

    @BeforeAll
    static void data() throws Exception {
        SparkTestSession.get();
        List<String> lines = Files.readAllLines(Path.of(PLANS));
        x = new double[lines.size() - 1][];
        y = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).replace("\"", "").split(",");
            x[i - 1] = new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1]), c[2].equals("store") ? 1 : 0,
                    c[2].equals("web") ? 1 : 0};
            y[i - 1] = CLASSES.indexOf(c[3]);
        }
    }

    private static double[] sampleStdDevs() {
        double[] sd = new double[4];
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j] / x.length;
            }
            double ss = 0;
            for (double[] r : x) {
                ss += (r[j] - mean) * (r[j] - mean);
            }
            sd[j] = Math.sqrt(ss / (x.length - 1));
        }
        return sd;
    }

    @ParameterizedTest(name = "lambda {0}, alpha {1}")
    @CsvSource({"0.01, 0.0", "0.005, 0.5"})
    void theObjectiveIsMllibsAndItsOptimumNoWorse(double lambda, double alpha, @TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", PLANS, "--formula",
                "plan ~ age + spend + channel", "--output", model.toString(), "--reg-param", "" + lambda,
                "--elastic-net", "" + alpha, "--standardization", "true", "--grad-tol", "1e-11", "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("class 'plus' against 'basic':"), r.out());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        double ours = json.get("training").get("objective").asDouble();

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(y[i], Vectors.dense(x[i])));
        }
        Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, new StructType().add("label",
                DataTypes.DoubleType).add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        LogisticRegressionModel mllib = new LogisticRegression().setFamily("multinomial").setRegParam(lambda)
                .setElasticNetParam(alpha).setStandardization(true).setTol(1e-12).setMaxIter(3000).fit(df);
        double[] history = mllib.summary().objectiveHistory();
        double reported = history[history.length - 1];
        double[] theirs = new double[3 * 5];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 4; j++) {
                theirs[k * 5 + j] = mllib.coefficientMatrix().apply(k, j);
            }
            theirs[k * 5 + 4] = mllib.interceptVector().apply(k);
        }
        double[] values = new double[x.length * 4];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, values, 4 * i, 4);
        }
        double[] weights = new double[x.length];
        java.util.Arrays.fill(weights, 1.0);
        CategoricalDataLoss loss = CategoricalDataLoss.inMemory(List.of(new FeatureBlock(y.clone(), weights,
                new DenseMatrix(x.length, 4, values))), 3, 4);
        ElasticNetPenalty penalty = ElasticNetPenalty.of(lambda, alpha, true, sampleStdDevs());
        SymmetricSoftmaxObjective objective = new SymmetricSoftmaxObjective(loss, FeatureScaling.identity(4),
                penalty.l2());
        double atTheirs = objective.valueAtRaw(theirs, penalty.l1());
        assertEquals(reported, atTheirs, 1e-9 * reported, "Bernoulli's objective at MLlib's optimum is MLlib's value");
        assertTrue(ours <= atTheirs + 1e-12, "Bernoulli's optimum " + ours + " is no worse than MLlib's " + atTheirs);
    }
}
