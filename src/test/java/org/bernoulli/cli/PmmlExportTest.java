package org.bernoulli.cli;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.PmmlScoring;
import org.bernoulli.testing.SparkTestSession;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.InputField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export --to pmml}: the document validates against the PMML 4.4 schema (as the JPMML
 * project ships it, which adds only {@code x-} names the documents do not use), and an independent
 * evaluator (JPMML-Evaluator) scores every row of the bundled data to the probabilities
 * {@code bernoulli score} writes, to 1e-12 absolute: both compute σ or the softmax of the same
 * doubles (the coefficients are written as decimals that parse back to the same bits), summed in
 * another order — a few roundings of margins of order 10, so about 1e-15. Rows {@code score}
 * rejects (a missing value) get no probability from the evaluator either. A term PMML cannot
 * compute the same way (a spline basis) is refused with exit 2, naming it, and nothing is written.
 */
class PmmlExportTest {
    private static final double TOLERANCE = 1e-12;

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    /** Trains on {@code data} (driver engine), exports the model as PMML and checks it against {@code score}. */
    private static String trainExportAndCompare(Path dir, Path data, List<String> probabilities, String... trainArgs)
            throws Exception {
        return trainExportAndCompare(dir, data, data, probabilities, trainArgs);
    }

    /** As above, the model trained on {@code training} and compared on the CSV file {@code data}. */
    private static String trainExportAndCompare(Path dir, Path training, Path data, List<String> probabilities,
                                                String... trainArgs) throws Exception {
        Path model = dir.resolve("model");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--input", training.toString(), "--output",
                model.toString(), "--engine", "local", "--no-report", "--quiet"));
        args.addAll(List.of(trainArgs));
        TrainCommandTest.Run trained = TrainCommandTest.run(args.toArray(new String[0]));
        assertEquals(0, trained.exitCode(), trained.err());
        Path pmml = dir.resolve("model.pmml");
        TrainCommandTest.Run exported = TrainCommandTest.run("export", "--model", model.toString(), "--to", "pmml",
                "--output", pmml.toString());
        assertEquals(0, exported.exitCode(), exported.err());
        assertEquals("PMML document written to " + pmml, exported.out().strip());
        String document = Files.readString(pmml);
        Evaluator evaluator = PmmlScoring.load(pmml);
        assertFalse(document.contains(" x-"), "only PMML 4.4's own names");

        Path scored = dir.resolve("scored");
        TrainCommandTest.Run score = TrainCommandTest.run("score", "--model", model.toString(), "--input",
                data.toString(), "--output", scored.toString(), "--engine", "local", "--bad-records", "skip");
        assertEquals(0, score.exitCode(), score.err());
        SparkSession spark = SparkTestSession.get();
        Map<Long, Row> byLine = new HashMap<>();
        for (Row r : spark.read().parquet(scored.toString()).collectAsList()) {
            byLine.put(r.<Long>getAs("source_line"), r);
        }
        List<Row> rows = spark.read().option("header", true).csv(data.toString()).collectAsList();
        int compared = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row expected = byLine.get(i + 2L);
            Row row = rows.get(i);
            Map<String, ?> result = PmmlScoring.evaluate(evaluator, row::getAs);
            if (expected == null) {
                if (missing(rows.get(i), evaluator.getInputFields().stream().map(InputField::getName).toList())) {
                    assertTrue(result == null || result.get(probabilities.get(0)) == null,
                            "line " + (i + 2) + " was rejected by score but scored by PMML: " + result);
                } else {
                    // Every input is there: score rejected the row for its missing response, which PMML does not read.
                    assertTrue(missing(rows.get(i), List.of(evaluator.getTargetFields().get(0).getName())),
                            "line " + (i + 2) + " was rejected by score with every input present");
                }
                continue;
            }
            assertNotNull(result, "line " + (i + 2));
            for (String p : probabilities) {
                assertEquals(expected.<Double>getAs(p), (Double) result.get(p), TOLERANCE, "line " + (i + 2) + ", " + p);
            }
            if (probabilities.size() > 1) {
                assertEquals(expected.<String>getAs("prediction"), result.get("prediction"), "line " + (i + 2));
            } else {
                // Each class's probability too, class 0's the complement; the predicted class the more probable.
                List<String> classes = evaluator.getTargetFields().get(0).getCategories().stream()
                        .map(Object::toString).toList();
                double p = expected.<Double>getAs("probability");
                assertEquals(1 - p, (Double) result.get("probability_" + classes.get(0)), TOLERANCE);
                assertEquals(p, (Double) result.get("probability_" + classes.get(1)), TOLERANCE);
                if (p != 0.5) {
                    assertEquals(classes.get(p > 0.5 ? 1 : 0), result.get("prediction"), "line " + (i + 2));
                }
            }
            compared++;
        }
        assertEquals(byLine.size(), compared, "every scored row compared");
        assertTrue(compared > 0);
        return document;
    }

    /** Whether one of the columns is empty or NA on the row. */
    private static boolean missing(Row row, List<String> columns) {
        return columns.stream().map(c -> row.<String>getAs(c)).anyMatch(v -> v == null || v.equals("NA"));
    }

    @Test
    void aModelOfNumericFeaturesScoresTheSameWithItsFeatureNames(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Datasets.path("heart_scale.csv"), List.of("probability"));
        assertTrue(document.contains("<NumericPredictor coefficient=") && document.contains("name=\"x13\""), document);
        assertTrue(document.contains("normalizationMethod=\"logit\""), document);
    }

    /** LIBSVM names its features x1 … xD; the CSV copy of the same data has those columns. */
    @Test
    void aModelOfLibsvmFeaturesExportsThemAsX1ToXd(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Datasets.path("heart_scale.libsvm"),
                Datasets.path("heart_scale.csv"), List.of("probability"));
        for (int j = 1; j <= 13; j++) {
            assertTrue(document.contains("<DataField dataType=\"double\" name=\"x" + j + "\" optype=\"continuous\"/>"),
                    "x" + j);
        }
    }

    @Test
    void factorsInteractionsFunctionsAndOffsetsScoreTheSame(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Path.of("src/data/formula/infert.csv"), List.of("probability"),
                "--formula", "case ~ spontaneous*induced + education + education:age + I(age^2/100) + log(parity)"
                        + " + offset(0.01 * age)");
        assertTrue(document.contains("<CategoricalPredictor"), "education's levels");
        assertTrue(document.contains("<PredictorTerm"), "the interactions");
        assertTrue(document.contains("function=\"pow\"") && document.contains("function=\"ln\""), "I() and log()");
        assertTrue(document.contains("<NormDiscrete field=\"education\""), "education coded in full in education:age");
        assertTrue(document.contains("name=\"offset(0.01 * age)\""), document);
    }

    @Test
    void missingValuesSumContrastsAndFactorInteractionsScoreTheSame(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Path.of("src/data/formula/survey.csv"), List.of("probability"),
                "--formula", "sex ~ height + w_hnd*exer + C(smoke, contr.sum) + sqrt(pulse) + abs(age - 20)",
                "--na-action", "omit");
        assertTrue(document.contains("<MapValues"), "the sum contrast");
        assertTrue(document.contains("<Value property=\"missing\" value=\"NA\"/>"), document);
    }

    @Test
    void factorsOfNumbersScoreTheSame(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Path.of("src/data/formula/birthwt.csv"), List.of("probability"),
                "--formula", "low ~ age*factor(ht) + lwt + factor(ftv) + C(factor(ptl), contr.helmert)", "--reg-param",
                "0.01");
        assertTrue(document.contains("<NormDiscrete field=\"ftv\" value=\"1\"/>"), document);
    }

    @Test
    void polynomialBasesScoreTheSame(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Path.of("src/data/formula/infert.csv"), List.of("probability"),
                "--formula", "case ~ poly(age, 3) + poly(parity, 2, raw = TRUE) + education + spontaneous:poly(age, 3)");
        assertTrue(document.contains("name=\"poly(age, 3) Z3\""), "the recurrence's third polynomial");
        assertTrue(document.contains("name=\"poly(parity, 2, raw = TRUE)2\""), document);
    }

    @Test
    void binomialCountsScoreTheSame(@TempDir Path dir) throws Exception {
        trainExportAndCompare(dir, Path.of("src/data/formula/ucb_admissions.csv"), List.of("probability"),
                "--formula", "cbind(admitted, rejected) ~ gender * dept");
    }

    @Test
    void aModelOfClassesScoresTheSameProbabilitiesAndClass(@TempDir Path dir) throws Exception {
        String document = trainExportAndCompare(dir, Path.of("src/data/multinomial/plans.csv"),
                List.of("probability_basic", "probability_plus", "probability_pro"), "--formula",
                "plan ~ age + spend + channel");
        assertTrue(document.contains("normalizationMethod=\"softmax\""), document);
    }

    @Test
    void aSplineTermIsRefusedNamingItAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        TrainCommandTest.Run trained = TrainCommandTest.run("train", "--input", "src/data/formula/infert.csv",
                "--formula", "case ~ ns(age, df = 3) + education", "--output", model.toString(), "--engine", "local",
                "--no-report", "--quiet");
        assertEquals(0, trained.exitCode(), trained.err());
        Path pmml = dir.resolve("model.pmml");
        TrainCommandTest.Run r = TrainCommandTest.run("export", "--model", model.toString(), "--to", "pmml",
                "--output", pmml.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertEquals("error: PMML cannot hold the term 'ns(age, df = 3)' exactly: ns(age, df = 3) is a basis of "
                + "splines, piecewise polynomials that PMML's built-in functions do not compute the same way; nothing "
                + "was written", r.err().lines().findFirst().orElse(""));
        assertFalse(Files.exists(pmml));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList(), "no file beside the model");
        }
    }

    @Test
    void anUnknownFormatIsAUsageError(@TempDir Path dir) {
        TrainCommandTest.Run r = TrainCommandTest.run("export", "--model", dir.toString(), "--to", "onnx",
                "--output", dir.resolve("m.onnx").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("--to must be mllib or pmml, got 'onnx'"), r.err());
    }
}
