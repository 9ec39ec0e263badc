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
import org.bernoulli.data.LabeledRow;
import org.bernoulli.math.Logistic;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bernoulli.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --elastic-net} and {@code --standardization} end to end, on Spark. */
class ElasticNetCommandTest {

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    /** The lasso reference of heart_scale through the command: objective 1e-8, the same exact zeros. */
    @Test
    void lassoThroughTheCommandReachesTheReference(@TempDir Path dir) throws IOException {
        JsonNode entry = Datasets.reference("reference2/heart_scale.json").get("elastic_net").get(0);
        assertEquals(1.0, entry.get("alpha").asDouble());
        Path model = dir.resolve("lasso");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.libsvm").toString(), "--output",
                model.toString(), "--reg-param", entry.get("lambda").asText(), "--elastic-net", "1",
                "--grad-tol", "1e-10");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("penalty L1, lambda 0.05"), r.out());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(entry.get("reference").get("objective").asDouble(),
                json.get("training").get("objective").asDouble(), 1e-8);
        List<String> zeros = new ArrayList<>();
        for (int j = 0; j < 13; j++) {
            if (json.get("coefficients").get(j).asDouble() == 0.0) {
                zeros.add(json.get("featureNames").get(j).asText());
            }
        }
        List<String> expected = new ArrayList<>();
        entry.get("reference").get("zero_features").forEach(z -> expected.add(z.asText()));
        assertEquals(expected, zeros);
        assertEquals(1.0, json.get("regularization").get("elasticNetParam").asDouble());
        assertFalse(Files.exists(model.resolve("summary.json")), "no Wald inference after an L1 penalty");
        assertTrue(Files.readString(model.resolve("report.html")).contains("coefficients exactly 0"));
    }

    /**
     * {@code --standardization true} means what MLlib's does: the penalty on wⱼσⱼ, σⱼ the unbiased
     * standard deviation. MLlib fitted with the same λ, α must land at (nearly) our minimizer of
     * that objective: our objective at MLlib's coefficients exceeds ours by less than 1e-9 (with the
     * population standard deviation in place of the unbiased one, MLlib's point is 5e-8 lower and the
     * first assertion fails), the same features are exactly 0, and the coefficients agree to 1e-4
     * (MLlib's own stopping rule is looser).
     */
    @Test
    void standardizationMeansWhatMllibMeans(@TempDir Path dir) throws IOException {
        double lambda = 0.02;
        double alpha = 0.5;
        Path model = dir.resolve("standardized");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                model.toString(), "--reg-param", "" + lambda, "--elastic-net", "" + alpha, "--standardization",
                "true", "--grad-tol", "1e-11");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertTrue(json.get("regularization").get("standardization").asBoolean());
        double[] ours = new double[14];
        for (int j = 0; j < 13; j++) {
            ours[j] = json.get("coefficients").get(j).asDouble();
        }
        ours[13] = json.get("intercept").asDouble();

        List<LabeledRow> heart = Datasets.csvRows("heart_scale.csv");
        List<double[]> x = new ArrayList<>();
        double[] y = new double[heart.size()];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < heart.size(); i++) {
            LabeledRow row = heart.get(i);
            double[] v = new double[13];
            for (int k = 0; k < row.indices().length; k++) {
                v[row.indices()[k]] = row.values()[k];
            }
            x.add(v);
            y[i] = row.label();
            rows.add(RowFactory.create(row.label(), Vectors.dense(v)));
        }
        Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, new StructType()
                .add("label", DataTypes.DoubleType).add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        LogisticRegressionModel mllib = new LogisticRegression().setRegParam(lambda).setElasticNetParam(alpha)
                .setStandardization(true).setTol(1e-12).setMaxIter(2000).fit(df);
        double[] theirs = new double[14];
        System.arraycopy(mllib.coefficients().toArray(), 0, theirs, 0, 13);
        theirs[13] = mllib.intercept();

        double[] sampleSd = sampleStdDevs(x);
        double atOurs = objective(ours, x, y, lambda, alpha, sampleSd);
        double atTheirs = objective(theirs, x, y, lambda, alpha, sampleSd);
        assertTrue(atTheirs - atOurs > -1e-12, "ours is the minimizer: " + atOurs + " vs MLlib's " + atTheirs);
        assertTrue(atTheirs - atOurs < 1e-9, "MLlib minimizes the same objective: " + (atTheirs - atOurs));
        for (int j = 0; j < 14; j++) {
            assertEquals(theirs[j] == 0.0, ours[j] == 0.0, "zero pattern at " + j);
            assertEquals(theirs[j], ours[j], 1e-4, "coefficient " + j);
        }
    }

    /**
     * {@code --reg-path}: path.json from λmax (nothing selected) down to --reg-param, the model is the
     * path's last fit and equals a single fit at that penalty (objective 1e-10); the report draws it.
     */
    @Test
    void regularizationPathEndsAtTheRequestedPenalty(@TempDir Path dir) throws IOException {
        String data = Datasets.path("breast_cancer.csv").toString();
        Path pathModel = dir.resolve("path");
        TrainCommandTest.Run r = run("train", "--input", data, "--output", pathModel.toString(), "--reg-param", "0.001",
                "--elastic-net", "1", "--reg-path", "8", "--grad-tol", "1e-10");
        assertEquals(0, r.exitCode(), r.err());
        Path single = dir.resolve("single");
        assertEquals(0, run("train", "--input", data, "--output", single.toString(), "--reg-param", "0.001",
                "--elastic-net", "1", "--grad-tol", "1e-10").exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode path = json.readTree(pathModel.resolve("path.json").toFile());
        assertEquals(8, path.size());
        assertEquals(0, path.get(0).get("nonZero").asInt(), "lambda max selects nothing");
        for (int k = 1; k < 8; k++) {
            assertTrue(path.get(k).get("regParam").asDouble() < path.get(k - 1).get("regParam").asDouble());
        }
        assertEquals(0.001, path.get(7).get("regParam").asDouble(), 1e-15);
        JsonNode model = json.readTree(pathModel.resolve("model.json").toFile());
        JsonNode alone = json.readTree(single.resolve("model.json").toFile());
        assertEquals(0.001, model.get("regularization").get("regParam").asDouble(), 0);
        assertEquals(alone.get("training").get("objective").asDouble(),
                model.get("training").get("objective").asDouble(), 1e-10);
        assertEquals(path.get(7).get("intercept").asDouble(), model.get("intercept").asDouble(), 0);
        String page = Files.readString(pathModel.resolve("report.html"));
        assertTrue(page.contains("data-chart=\"path\"") && page.contains("data-table=\"path\""));

        TrainCommandTest.Run tooLarge = run("train", "--input", data, "--output", dir.resolve("x").toString(),
                "--reg-param", "1e6", "--elastic-net", "1", "--reg-path", "5");
        assertEquals(ExitCodes.FAILURE, tooLarge.exitCode());
        assertTrue(tooLarge.err().contains("at or above lambda max"), tooLarge.err());
        TrainCommandTest.Run firth = run("train", "--input", data, "--output", dir.resolve("y").toString(),
                "--firth", "--reg-path", "5");
        assertEquals(ExitCodes.USAGE, firth.exitCode());
        assertTrue(firth.err().contains("--reg-path"), firth.err());
    }

    /**
     * {@code --cv}: the model is the path's fit at the penalty with the lowest held-out mean BCE;
     * cv.json holds the curve, the report draws it.
     */
    @Test
    void crossValidationChoosesThePenaltyWithTheLowestHeldOutLoss(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("cv");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("breast_cancer.csv").toString(), "--output",
                model.toString(), "--elastic-net", "1", "--reg-path", "10", "--path-min-ratio", "1e-9", "--cv", "5", "--cv-seed", "3");
        assertEquals(0, r.exitCode(), r.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode cv = json.readTree(model.resolve("cv.json").toFile());
        JsonNode path = json.readTree(model.resolve("path.json").toFile());
        assertEquals(5, cv.get("folds").asInt());
        assertEquals(10, cv.get("meanLoss").size());
        int best = cv.get("best").asInt();
        for (JsonNode v : cv.get("meanLoss")) {
            assertTrue(v.asDouble() >= cv.get("meanLoss").get(best).asDouble());
        }
        JsonNode m = json.readTree(model.resolve("model.json").toFile());
        assertEquals(cv.get("regParams").get(best).asDouble(), m.get("regularization").get("regParam").asDouble(), 0);
        assertEquals(path.get(best).get("intercept").asDouble(), m.get("intercept").asDouble(), 0);
        assertTrue(best > 0 && best < 9, "held-out loss has an interior minimum on breast_cancer (separable: tiny penalties overfit): " + best);
        assertTrue(Files.readString(model.resolve("report.html")).contains("data-chart=\"cv\""));
    }

    @Test
    void penaltiesThatInferenceOrTheOptimizerCannotTakeAreRefused(@TempDir Path dir) {
        String data = Datasets.path("heart_scale.csv").toString();
        TrainCommandTest.Run stats = run("train", "--input", data, "--output", dir.resolve("a").toString(),
                "--reg-param", "0.1", "--elastic-net", "0.5", "--stats", "on");
        assertEquals(ExitCodes.USAGE, stats.exitCode());
        assertTrue(stats.err().contains("--stats on") && stats.err().contains("--elastic-net"), stats.err());
        TrainCommandTest.Run lbfgs = run("train", "--input", data, "--output", dir.resolve("b").toString(),
                "--reg-param", "0.1", "--elastic-net", "1", "--optimizer", "lbfgs");
        assertEquals(ExitCodes.USAGE, lbfgs.exitCode());
        assertTrue(lbfgs.err().contains("needs --optimizer newton, owlqn or auto, not lbfgs"), lbfgs.err());
        TrainCommandTest.Run range = run("train", "--input", data, "--output", dir.resolve("c").toString(),
                "--elastic-net", "1.5");
        assertEquals(ExitCodes.USAGE, range.exitCode());
        assertTrue(range.err().contains("--elastic-net must be in [0, 1], got 1.5"), range.err());
        TrainCommandTest.Run bounds = run("train", "--input", data, "--output", dir.resolve("e").toString(),
                "--lower-bounds", "0,0");
        assertEquals(ExitCodes.FAILURE, bounds.exitCode());
        assertTrue(bounds.err().contains("bounds for 2 coefficients, the data has 13 features"), bounds.err());
        TrainCommandTest.Run text = run("train", "--input", data, "--output", dir.resolve("f").toString(),
                "--upper-bounds", "big");
        assertEquals(ExitCodes.USAGE, text.exitCode());
        assertTrue(text.err().contains("--upper-bounds: 'big' is not a number"), text.err());
        TrainCommandTest.Run oneFold = run("train", "--input", data, "--output", dir.resolve("g").toString(),
                "--elastic-net", "1", "--cv", "1");
        assertEquals(ExitCodes.USAGE, oneFold.exitCode());
        assertTrue(oneFold.err().contains("--cv must be 0 (off) or at least 2 folds, got 1"), oneFold.err());
        TrainCommandTest.Run shortPath = run("train", "--input", data, "--output", dir.resolve("h").toString(),
                "--reg-path", "1");
        assertEquals(ExitCodes.USAGE, shortPath.exitCode());
        assertTrue(shortPath.err().contains("--reg-path must be 0 (a single fit) or at least 2 penalties, got 1"),
                shortPath.err());
        for (String m : new String[] {"a", "b", "c", "e", "f", "g", "h"}) {
            assertFalse(Files.exists(dir.resolve(m)), m);
        }
    }

    /** --lower-bounds 0 through the command: no negative coefficient, some exactly 0, and no summary. */
    @Test
    void nonNegativeCoefficientsThroughTheCommand(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("bounded");
        TrainCommandTest.Run r = run("train", "--input", Datasets.path("heart_scale.csv").toString(), "--output",
                model.toString(), "--lower-bounds", "0");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        int zeros = 0;
        for (JsonNode w : json.get("coefficients")) {
            assertTrue(w.asDouble() >= 0, "coefficient " + w);
            zeros += w.asDouble() == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0, "x1, x6 and x8 are negative without the bound, so some coefficient sits at 0");
        assertFalse(Files.exists(model.resolve("summary.json")), "no Wald inference on a bound");
    }

    private static double[] sampleStdDevs(List<double[]> x) {
        int n = x.size();
        double[] sd = new double[13];
        for (int j = 0; j < 13; j++) {
            double mean = 0;
            for (double[] v : x) {
                mean += v[j] / n;
            }
            double ss = 0;
            for (double[] v : x) {
                ss += (v[j] - mean) * (v[j] - mean);
            }
            sd[j] = Math.sqrt(ss / (n - 1));
        }
        return sd;
    }

    /** mean BCE + λ((1−α)/2 Σ(wⱼσⱼ)² + α Σ|wⱼσⱼ|), computed directly. */
    private static double objective(double[] theta, List<double[]> x, double[] y, double lambda, double alpha,
                                    double[] sd) {
        double loss = 0;
        for (int i = 0; i < x.size(); i++) {
            double z = theta[13];
            for (int j = 0; j < 13; j++) {
                z += theta[j] * x.get(i)[j];
            }
            loss += Logistic.negLogLikelihood(z, y[i]);
        }
        double penalty = 0;
        for (int j = 0; j < 13; j++) {
            double v = theta[j] * sd[j];
            penalty += (1 - alpha) / 2 * v * v + alpha * Math.abs(v);
        }
        return loss / x.size() + lambda * penalty;
    }
}
