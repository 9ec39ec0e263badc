package org.bernoulli.cli;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.math.Logistic;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.Models;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models to and from Spark MLlib: probabilities agree to 1e-12 both ways. Both compute σ(b + w·x)
 * from the same doubles. The tolerance is absolute: MLlib forms P(y = 1) as 1 − P(y = 0), so below
 * about 1e-16 its probabilities round to 0 where σ keeps its relative precision (margin −50.4 gives
 * 1.3e-22 here, 0 in MLlib).
 */
class ModelInterchangeTest {

    private static Dataset<Row> vectors(SparkSession spark, List<double[]> rows) {
        List<Row> out = new ArrayList<>();
        for (double[] x : rows) {
            out.add(RowFactory.create(Vectors.dense(x)));
        }
        return spark.createDataFrame(out, new StructType().add("features",
                org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
    }

    private static void assertSameProbabilities(LogisticModel bernoulli, LogisticRegressionModel mllib, List<double[]> rows) {
        List<Row> scored = mllib.transform(vectors(SparkTestSession.get(), rows)).select("features", "probability")
                .collectAsList();
        assertEquals(rows.size(), scored.size());
        for (Row r : scored) {
            double[] x = r.<Vector>getAs("features").toArray();
            double expected = Logistic.sigmoid(bernoulli.margin(x));
            double actual = r.<Vector>getAs("probability").apply(1);
            assertEquals(expected, actual, 1e-12, "row " + java.util.Arrays.toString(x));
        }
    }

    @Test
    void exportedModelsGiveMllibTheSameProbabilities(@TempDir Path dir) {
        LogisticModel model = Models.write(dir.resolve("model"), -0.4, new double[] {2.5, -2.0, 1.5}, List.of("a", "b", "c"));
        Path mllibDir = dir.resolve("mllib");
        TrainCommandTest.Run r = TrainCommandTest.run("export", "--model", dir.resolve("model").toString(), "--to", "mllib",
                "--output", mllibDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        LogisticRegressionModel loaded = LogisticRegressionModel.load(mllibDir.toString());
        List<double[]> rows = List.of(new double[] {1, 0, 0.5}, new double[] {20, 0, 0}, new double[] {-20, 0, 0},
                new double[] {0.3, -0.7, 2.5}, new double[] {-1.5, 2, -3}, new double[] {0, 0, 0});
        assertSameProbabilities(model, loaded, rows);
        assertEquals(0.0, loaded.getRegParam());
    }

    @Test
    void importedMllibModelsGiveTheSameProbabilities(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        List<LabeledRow> heart = Datasets.csvRows("heart_scale.csv");
        List<Row> rows = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        for (LabeledRow r : heart) {
            double[] x = new double[13];
            for (int k = 0; k < r.indices().length; k++) {
                x[r.indices()[k]] = r.values()[k];
            }
            features.add(x);
            rows.add(RowFactory.create(r.label(), Vectors.dense(x)));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("label", DataTypes.DoubleType)
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        LogisticRegressionModel mllib = new LogisticRegression().setRegParam(0.01).setStandardization(false).fit(df);
        Path mllibDir = dir.resolve("mllib");
        mllib.write().save(mllibDir.toString());
        String names = String.join(",", IntStream.rangeClosed(1, 13).mapToObj(j -> "f" + j).toList());
        TrainCommandTest.Run r = TrainCommandTest.run("import", "--from", "mllib", "--input", mllibDir.toString(),
                "--output", dir.resolve("bernoulli").toString(), "--feature-names", names);
        assertEquals(0, r.exitCode(), r.err());
        LogisticModel imported = ModelDirectory.read(org.bernoulli.files.LocalFileStore.INSTANCE,
                dir.resolve("bernoulli").toString());
        assertEquals("f1", imported.featureNames().get(0));
        assertEquals(0.01, imported.regularization().regParam());
        assertEquals(mllib.intercept(), imported.intercept(), 0.0);
        assertSameProbabilities(imported, mllib, features);

        TrainCommandTest.Run missing = TrainCommandTest.run("import", "--input", dir.resolve("nothing").toString(),
                "--output", dir.resolve("x").toString());
        assertEquals(ExitCodes.FAILURE, missing.exitCode());
        assertTrue(missing.err().contains("no MLlib LogisticRegressionModel at"), missing.err());
    }

    /**
     * A multinomial MLlib model imported and exported again: Bernoulli's model of it gives MLlib's
     * probabilities for every class (1e-12), classes named by MLlib's indices, and its export gives
     * MLlib the same probabilities back.
     */
    @Test
    void multinomialModelsGoBothWaysWithTheSameProbabilities(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> plans = spark.read().option("header", true).option("inferSchema", true)
                .csv("src/data/multinomial/plans.csv").limit(300);
        List<double[]> features = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<String> classes = List.of("basic", "plus", "pro");
        for (Row r : plans.collectAsList()) {
            String channel = r.getString(2);
            double[] x = {r.getInt(0), r.getDouble(1), channel.equals("store") ? 1 : 0, channel.equals("web") ? 1 : 0};
            features.add(x);
            rows.add(RowFactory.create((double) classes.indexOf(r.getString(3)), Vectors.dense(x)));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("label", DataTypes.DoubleType)
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        LogisticRegressionModel mllib = new LogisticRegression().setFamily("multinomial").setRegParam(0.01)
                .setMaxIter(200).fit(df);
        Path mllibDir = dir.resolve("mllib");
        mllib.write().save(mllibDir.toString());
        Path imported = dir.resolve("imported");
        TrainCommandTest.Run r = TrainCommandTest.run("import", "--input", mllibDir.toString(), "--from", "mllib",
                "--output", imported.toString(), "--feature-names", "age,spend,store,web");
        assertEquals(0, r.exitCode(), r.err());
        org.bernoulli.model.CategoricalModel model = (org.bernoulli.model.CategoricalModel)
                org.bernoulli.model.ModelJson.readAny(java.nio.file.Files.readString(imported.resolve("model.json")),
                        "model.json");
        assertEquals(List.of("0", "1", "2"), model.classes());
        List<Row> scored = mllib.transform(vectors(spark, features)).select("features", "probability").collectAsList();
        for (Row s : scored) {
            double[] p = model.probabilities(s.<Vector>getAs(0).toArray());
            for (int k = 0; k < 3; k++) {
                assertEquals(s.<Vector>getAs(1).apply(k), p[k], 1e-12);
            }
        }
        Path exported = dir.resolve("exported");
        TrainCommandTest.Run e = TrainCommandTest.run("export", "--model", imported.toString(), "--to", "mllib",
                "--output", exported.toString());
        assertEquals(0, e.exitCode(), e.err());
        LogisticRegressionModel back = LogisticRegressionModel.load(exported.toString());
        assertEquals(3, back.numClasses());
        List<Row> again = back.transform(vectors(spark, features)).select("probability").collectAsList();
        for (int i = 0; i < scored.size(); i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(scored.get(i).<Vector>getAs(1).apply(k), again.get(i).<Vector>getAs(0).apply(k), 1e-12);
            }
        }
    }
}
