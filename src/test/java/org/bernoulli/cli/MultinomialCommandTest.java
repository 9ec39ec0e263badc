package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SaveMode;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train} of a response of more than two classes from the command line: the model, summary
 * and covariance against R's {@code multinom} polished to its optimum (coefficients and standard
 * errors to 1e-6 relative, the log-likelihood to 1e-9), both engines equal to 1e-12, CSV and
 * Parquet alike; and the exit codes and messages of what it refuses, nothing written.
 */
class MultinomialCommandTest {
    private static final String PLANS = Path.of("src/data/multinomial/plans.csv").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    private static JsonNode reference(String name) throws IOException {
        return JSON.readTree(new File("src/test/resources/multinomial/" + name + ".json"));
    }

    private static TrainCommandTest.Run train(Path out, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "train";
        args[1] = "--output";
        args[2] = out.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return TrainCommandTest.run(args);
    }

    private static String errorLine(TrainCommandTest.Run r, int exitCode) {
        assertEquals(exitCode, r.exitCode(), r.err());
        return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("no error line: " + r.err());
    }

    /** summary.json's coefficients against the reference, by class and R's name. */
    private static void assertSummaryMatches(JsonNode ref, Path model) throws IOException {
        JsonNode summary = JSON.readTree(model.resolve("summary.json").toFile());
        assertEquals(ref.get("classes"), summary.get("classes"));
        assertEquals(ref.get("reference").asText(), summary.get("referenceClass").asText());
        int names = ref.get("coef_names").size();
        JsonNode rows = summary.get("coefficients");
        assertEquals(ref.get("class_rows").size() * names, rows.size());
        for (int k = 0; k < ref.get("class_rows").size(); k++) {
            for (int j = 0; j < names; j++) {
                JsonNode c = rows.get(k * names + j);
                assertEquals(ref.get("class_rows").get(k).asText(), c.get("class").asText());
                assertEquals(ref.get("coef_names").get(j).asText(), c.get("name").asText());
                double estimate = ref.get("estimate").get(k).get(j).asDouble();
                double se = ref.get("std_error").get(k).get(j).asDouble();
                assertEquals(estimate, c.get("estimate").asDouble(), 1e-6 * Math.abs(estimate), c.toString());
                assertEquals(se, c.get("stdError").asDouble(), 1e-6 * se, c.toString());
            }
        }
        for (String[] f : new String[][] {{"loglik", "logLikelihood"}, {"deviance", "residualDeviance"},
                {"aic", "aic"}}) {
            double expected = ref.get(f[0]).asDouble();
            assertEquals(expected, summary.get(f[1]).asDouble(), 1e-9 * Math.abs(expected), f[1]);
        }
    }

    @Test
    void bothEnginesFitRsMultinomAndWriteItsSummary(@TempDir Path dir) throws IOException {
        JsonNode ref = reference("plans");
        Path local = dir.resolve("local");
        TrainCommandTest.Run r = train(local, "--input", PLANS, "--formula", "plan ~ age + spend + channel",
                "--engine", "local", "--grad-tol", "1e-10", "--no-report", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Multinomial logistic regression (3 classes) on 5000 rows x 4 features"), r.out());
        assertTrue(r.out().contains("response plan: 3 classes [basic, plus, pro], each against the reference class "
                + "'basic'"), r.out());
        assertTrue(r.out().contains("class 'plus' against 'basic':\n(Intercept)       -1.25802     0.13381    -9.401"),
                r.out());
        assertTrue(r.out().contains("Residual deviance: 10466.9  on 9990  degrees of freedom"), r.out());
        assertSummaryMatches(ref, local);
        Path spark = dir.resolve("spark");
        TrainCommandTest.Run s = train(spark, "--input", PLANS, "--formula", "plan ~ age + spend + channel",
                "--engine", "spark", "--partitions", "3", "--grad-tol", "1e-10", "--no-report", "--quiet");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode a = JSON.readTree(local.resolve("model.json").toFile());
        JsonNode b = JSON.readTree(spark.resolve("model.json").toFile());
        assertEquals("multinomial", a.get("family").asText());
        assertEquals(a.get("classes"), b.get("classes"));
        for (int k = 0; k < 2; k++) {
            assertEquals(a.get("intercepts").get(k).asDouble(), b.get("intercepts").get(k).asDouble(),
                    1e-12 * Math.abs(a.get("intercepts").get(k).asDouble()));
            for (int j = 0; j < 4; j++) {
                double x = a.get("coefficients").get(k).get(j).asDouble();
                assertEquals(x, b.get("coefficients").get(k).get(j).asDouble(), 1e-12 * Math.abs(x) + 1e-15);
            }
        }
        JsonNode covariance = JSON.readTree(local.resolve("covariance.json").toFile());
        assertEquals("plus:(Intercept)", covariance.get("parameters").get(0).asText());
        assertEquals("pro:channelweb", covariance.get("parameters").get(9).asText());
        double se = ref.get("std_error").get(1).get(4).asDouble();
        assertEquals(se * se, covariance.get("matrix").get(9).get(9).asDouble(), 2e-6 * se * se);
    }

    @Test
    void aWeightedTableAndANumberResponseFromParquet(@TempDir Path dir) throws IOException {
        Path hair = dir.resolve("hair");
        TrainCommandTest.Run r = train(hair, "--input", "src/data/multinomial/hair_eye.csv", "--formula",
                "hair ~ eye + sex", "--weight-column", "count", "--grad-tol", "1e-10", "--no-report", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertSummaryMatches(reference("hair_eye"), hair);
        Path parquet = dir.resolve("gear.parquet");
        SparkTestSession.get().read().option("header", true).option("inferSchema", true)
                .csv("src/data/multinomial/mtcars_gear.csv").write().mode(SaveMode.Overwrite).parquet(parquet.toString());
        Path gear = dir.resolve("gear");
        TrainCommandTest.Run g = train(gear, "--input", parquet.toString(), "--formula", "gear ~ mpg", "--grad-tol",
                "1e-10", "--no-report", "--quiet");
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(g.out().contains("response gear: 3 classes [3, 4, 5]"), g.out());
        assertSummaryMatches(reference("mtcars_gear"), gear);
    }

    @Test
    void aChosenReferenceClassComesFirst(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m");
        TrainCommandTest.Run r = train(out, "--input", PLANS, "--formula", "plan ~ age + spend + channel",
                "--reference-class", "pro", "--no-report", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("[\"pro\",\"basic\",\"plus\"]", summary.get("classes").toString());
        assertEquals("basic", summary.get("coefficients").get(0).get("class").asText());
    }

    @Test
    void whatItRefusesIsNamedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m");
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "y,x\na,1\na,2\na,3\n");
        assertEquals("error: response 'y' has 1 value [a] in the 3 rows used; a binomial model needs exactly two",
                errorLine(train(out, "--input", one.toString(), "--formula", "y ~ x"), 1));
        assertEquals("error: response 'y' has 1 value [a] in the 3 rows used; a multinomial model needs three classes "
                + "or more", errorLine(train(out, "--input", one.toString(), "--formula", "y ~ x", "--family",
                "multinomial"), 1));
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "y,x\na,1\nb,2\na,3\nb,1\n");
        assertEquals("error: response 'y' has 2 values [a, b] in the 4 rows used; a multinomial model needs three "
                + "classes or more (two are fitted by --family binomial)", errorLine(train(out, "--input",
                two.toString(), "--formula", "y ~ x", "--family", "multinomial"), 1));
        assertEquals("error: --reference-class 'gold' is not a class of response 'plan'; its classes are [basic, "
                + "plus, pro]", errorLine(train(out, "--input", PLANS, "--formula", "plan ~ age", "--reference-class",
                "gold"), 2));
        assertEquals("error: response 'plan' has 3 values [basic, plus, pro] in the 5000 rows used; a binomial model needs "
                + "exactly two (--family multinomial fits more)", errorLine(train(out, "--input", PLANS, "--formula",
                "plan ~ age", "--family", "binomial"), 1));
        assertEquals("error: --firth applies to a response of two classes; this one has 3", errorLine(train(out,
                "--input", PLANS, "--formula", "plan ~ age", "--firth"), 2));
        assertEquals("error: --profile-ci applies to a response of two classes; this one has 3", errorLine(train(out,
                "--input", PLANS, "--formula", "plan ~ age", "--profile-ci"), 2));
        assertEquals("error: --class-weight applies to a response of two classes; this one has 3",
                errorLine(train(out, "--input", PLANS, "--formula", "plan ~ age", "--class-weight", "balanced"), 2));
        Path half = dir.resolve("half.csv");
        Files.writeString(half, "y,x\n0,1\n0.5,2\n1,3\n1,1\n");
        assertEquals("error: file:" + half.toAbsolutePath() + " line 3: response 'y' is 0.5; expected 0 or 1 (or -1/+1)",
                errorLine(train(out, "--input", half.toString(), "--formula", "y ~ x"), 1),
                "a number response of values other than whole numbers is not taken for classes");
        assertEquals("error: --family must be auto, binomial or multinomial, got 'poisson'",
                errorLine(train(out, "--input", PLANS, "--formula", "plan ~ age", "--family", "poisson"), 2));
        assertFalse(Files.exists(out), "nothing written");
    }

    /**
     * Cluster-robust errors of more classes: the sandwich of the clusters' summed scores (HC1 by
     * default with clusters, and HC0), equal to the reference computed in R around the polished fit
     * (1e-6 relative), on both engines.
     */
    @Test
    void clusterRobustErrorsEqualTheReference(@TempDir Path dir) throws IOException {
        JsonNode ref = reference("plans_cluster");
        for (String[] run : new String[][] {{"hc1", "local"}, {"hc0", "spark"}}) {
            Path out = dir.resolve(run[0]);
            TrainCommandTest.Run r = train(out, "--input", "src/data/multinomial/plans_clustered.csv", "--formula",
                    "plan ~ age + spend + channel", "--cluster-column", "household", "--covariance", run[0],
                    "--engine", run[1], "--grad-tol", "1e-10", "--no-report", "--quiet");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            assertEquals(250, summary.get("clustering").get("clusters").asInt());
            assertEquals(run[0], summary.get("covariance").asText());
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 5; j++) {
                    double se = ref.get("std_error_" + run[0]).get(k).get(j).asDouble();
                    JsonNode c = summary.get("coefficients").get(k * 5 + j);
                    assertEquals(ref.get("coef_names").get(j).asText(), c.get("name").asText());
                    assertEquals(se, c.get("stdError").asDouble(), 1e-6 * se, run[0] + " " + c);
                }
            }
        }
    }

    /**
     * The training report of more classes: the evaluation on the training data (scikit-learn's metrics
     * of R's fit: log loss to 1e-9, accuracy and counts exactly), the per-class table, the confusion
     * matrix shaded by row and each class's reliability line, the coefficients by class.
     */
    @Test
    void theReportShowsTheClassesEvaluation(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m");
        TrainCommandTest.Run r = train(out, "--input", PLANS, "--formula", "plan ~ age + spend + channel", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode metrics = JSON.readTree(new File("src/test/resources/multinomial/plans_metrics.json"));
        JsonNode evaluation = JSON.readTree(out.resolve("evaluation.json").toFile());
        assertEquals(metrics.get("logLoss").asDouble(), evaluation.get("logLoss").asDouble(), 1e-9);
        assertEquals(metrics.get("accuracy").asDouble(), evaluation.get("accuracy").asDouble(), 1e-12);
        assertEquals(metrics.get("confusion"), evaluation.get("confusionMatrix").get("counts"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h1>Multinomial logistic regression (3 classes): "), html.substring(0, 2000));
        assertTrue(html.contains("data-table=\"confusion\"") && html.contains("data-table=\"per-class\"")
                && html.contains("data-chart=\"reliability\""), "the evaluation's parts");
        assertTrue(html.contains("<td>plus</td><td>age</td>"), "coefficients by class");
        for (String c : List.of("basic", "plus", "pro")) {
            assertTrue(html.contains("class=\"curve class-" + List.of("basic", "plus", "pro").indexOf(c) + "\""),
                    "a reliability line for " + c);
        }
        assertTrue(Files.exists(out.resolve("history.json")));
        // report remakes the page from the stored evaluation, or evaluates other labelled data (both engines).
        TrainCommandTest.Run again = TrainCommandTest.run("report", "--model", out.toString(), "--output",
                dir.resolve("again.html").toString());
        assertEquals(0, again.exitCode(), again.err());
        String remade = Files.readString(dir.resolve("again.html"));
        assertTrue(remade.contains("data-table=\"confusion\"") && remade.contains("<td>plus</td><td>age</td>"),
                "the stored evaluation and the coefficients by class");
        assertTrue(again.out().contains("accuracy           0.464200"), again.out());
        for (String engine : List.of("local", "spark")) {
            Path page = dir.resolve(engine + ".html");
            TrainCommandTest.Run onData = TrainCommandTest.run("report", "--model", out.toString(), "--data",
                    "src/data/multinomial/plans_clustered.csv", "--output", page.toString(), "--engine", engine);
            assertEquals(0, onData.exitCode(), onData.err());
            assertTrue(onData.out().contains("accuracy           0.464200"), onData.out());
            assertTrue(Files.readString(page).contains("plans_clustered.csv"), engine);
        }
        // compare: the likelihood-ratio test of nested fits of more classes is drop1's of the term left out.
        Path small = dir.resolve("small");
        assertEquals(0, train(small, "--input", PLANS, "--formula", "plan ~ age + spend", "--no-report", "--quiet",
                "--grad-tol", "1e-10").exitCode());
        TrainCommandTest.Run compare = TrainCommandTest.run("compare", "--model", out.toString(), "--model",
                small.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        JsonNode channel = reference("plans").get("drop1").get(2);
        assertEquals("channel", channel.get("term").asText());
        assertTrue(compare.out().contains(String.format(java.util.Locale.ROOT, "%.4f", channel.get("lrt").asDouble()))
                && compare.out().contains(" 4 "), compare.out());
        assertEquals(0, TrainCommandTest.run("train", "--input", "src/data/heart_scale.csv", "--output",
                dir.resolve("binary").toString(), "--quiet", "--no-report").exitCode());
        TrainCommandTest.Run mixed = TrainCommandTest.run("compare", "--model", out.toString(), "--model",
                dir.resolve("binary").toString());
        assertEquals(2, mixed.exitCode(), mixed.err());
        assertTrue(mixed.err().contains("classes [basic, plus, pro] and of a binary model"), mixed.err());
    }
}
