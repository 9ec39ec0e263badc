package org.bernoulli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.inference.NestedComparison;
import org.bernoulli.jobs.ModelComparison;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} is R's {@code anova(small, big, test = "LRT")}: on infert, the model without
 * education against the full one gives the difference of the two residual deviances and R's p (the
 * same test as R's drop1 row for education, in the reference); models of different rows or not
 * nested are refused with exit 2.
 */
class CompareCommandTest {

    private static Path train(Path dir, String name, String input, String formula, String... more) {
        Path out = dir.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--input", input, "--formula",
                formula, "--tol", "1e-15", "--grad-tol", "1e-10", "--no-report", "--output", out.toString()));
        args.addAll(java.util.List.of(more));
        TrainCommandTest.Run r = TrainCommandTest.run(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /**
     * Fits whose likelihoods are of different things are refused (exit 2, saying what differs) even
     * when their rows, total weight and positives agree: case weights that sum to the row count, class
     * weights, offsets, a response coded the other way round, and — the settings alike — rows whose
     * weights differ (their digests). A model without a summary is exit 1.
     */
    @Test
    void fitsOfDifferentLikelihoodsAreRefused(@TempDir Path dir) throws Exception {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(Datasets.path("formula/infert.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append(",\"w\",\"v\",\"o\",\"status\"\n");
        for (int i = 1; i < lines.size(); i++) {
            // w and v both sum to the row count (248, an even number of rows): only the digest tells them apart.
            csv.append(lines.get(i)).append(i % 2 == 0 ? ",0.5,1.5," : ",1.5,0.5,").append((i % 5) / 10.0)
                    .append(lines.get(i).startsWith("1,") ? ",yes" : ",no").append('\n');
        }
        Path data = dir.resolve("infert_w.csv");
        java.nio.file.Files.writeString(data, csv);
        String small = "case ~ spontaneous + induced";
        String big = "case ~ spontaneous + induced + education";
        Path plain = train(dir, "plain", data.toString(), small);
        Path weightedSmall = train(dir, "weightedSmall", data.toString(), small, "--weight-column", "w");
        String[][] cases = {
            {"weighted", big, "case weights differ (none; column 'w')", "--weight-column", "w"},
            {"balanced", big, "class weights differ (none; label 0 x ", "--class-weight", "balanced"},
            {"offset", big + " + offset(o)", "offsets differ (none; offset(o))"},
        };
        for (String[] c : cases) {
            Path other = train(dir, c[0], data.toString(), c[1], java.util.Arrays.copyOfRange(c, 3, c.length));
            TrainCommandTest.Run r = TrainCommandTest.run("compare", "--model", plain.toString(), "--model",
                    other.toString());
            assertEquals(ExitCodes.USAGE, r.exitCode(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith("error: --model " + plain + " and --model " + other + " are not fits of the "
                    + "same data, so their likelihoods cannot be compared: " + c[2]), r.err());
        }
        // The same weight column's name but other weights: the rows' digests differ.
        Path otherWeights = dir.resolve("infert_v.csv");
        java.nio.file.Files.writeString(otherWeights, csv.toString().replaceFirst("\"w\",\"v\"", "\"v\",\"w\""));
        Path swapped = train(dir, "swapped", otherWeights.toString(), big, "--weight-column", "w");
        TrainCommandTest.Run digest = TrainCommandTest.run("compare", "--model", weightedSmall.toString(), "--model",
                swapped.toString());
        assertEquals(ExitCodes.USAGE, digest.exitCode(), digest.err());
        assertTrue(digest.err().contains("inputs ") && digest.err().contains("the rows' labels, case weights or "
                + "offsets differ (digests "), digest.err());
        // The response coded the other way round.
        Path yes = train(dir, "yes", data.toString(), "status ~ spontaneous + induced");
        Path no = train(dir, "no", data.toString(), "status ~ spontaneous + induced + education", "--positive-label",
                "no");
        TrainCommandTest.Run response = TrainCommandTest.run("compare", "--model", yes.toString(), "--model",
                no.toString());
        assertEquals(ExitCodes.USAGE, response.exitCode(), response.err());
        assertTrue(response.err().contains("responses differ (response status: 'yes' is 1, 'no' is 0; response "
                + "status: 'no' is 1, 'yes' is 0)"), response.err());
        Path off = train(dir, "off", data.toString(), big, "--stats", "off");
        TrainCommandTest.Run noSummary = TrainCommandTest.run("compare", "--model", plain.toString(), "--model",
                off.toString());
        assertEquals(ExitCodes.FAILURE, noSummary.exitCode(), noSummary.err());
        assertTrue(noSummary.err().startsWith("error: " + off + " has no summary.json: compare needs models trained "
                + "with inference"), noSummary.err());
    }

    @Test
    void compareIsRsAnovaOfNestedFits(@TempDir Path dir) throws Exception {
        String infert = Datasets.path("formula/infert.csv").toString();
        Path big = train(dir, "big", infert, "case ~ spontaneous + induced + education");
        Path small = train(dir, "small", infert, "case ~ spontaneous + induced");
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/infert.json"));
        JsonNode education = ref.get("drop1_lrt").get(2);
        assertEquals("education", education.get("term").asText());
        NestedComparison c = ModelComparison.run(org.bernoulli.files.LocalFileStore.INSTANCE, big.toString(),
                small.toString());
        JsonNode bigSummary = new ObjectMapper().readTree(big.resolve("summary.json").toFile());
        JsonNode smallSummary = new ObjectMapper().readTree(small.resolve("summary.json").toFile());
        assertEquals(smallSummary.get("residualDeviance").asDouble() - bigSummary.get("residualDeviance").asDouble(),
                c.deviance(), 0.0, "the difference of the two residual deviances");
        assertEquals(2, c.df());
        assertEquals(ref.get("df_residual").asLong(), c.big().dfResidual());
        assertEquals(education.get("lrt").asDouble(), c.deviance(), 1e-6 * education.get("lrt").asDouble());
        assertEquals(education.get("p").asDouble(), c.p(), 1e-6 * education.get("p").asDouble());
        TrainCommandTest.Run printed = TrainCommandTest.run("compare", "--model", small.toString(), "--model",
                big.toString());
        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().contains("Analysis of deviance (likelihood-ratio test):"), printed.out());
        assertTrue(printed.out().contains(String.format("%10.4f", c.deviance())), printed.out());

        Path other = train(dir, "other", Datasets.path("heart_scale.csv").toString(), "label ~ x1 + x2");
        TrainCommandTest.Run different = TrainCommandTest.run("compare", "--model", big.toString(), "--model",
                other.toString());
        assertEquals(ExitCodes.USAGE, different.exitCode(), different.err());
        assertTrue(different.err().contains("are not fits of the same data"), different.err());
        Path sideways = train(dir, "sideways", infert, "case ~ spontaneous + age");
        TrainCommandTest.Run notNested = TrainCommandTest.run("compare", "--model", small.toString(), "--model",
                sideways.toString());
        assertEquals(ExitCodes.USAGE, notNested.exitCode(), notNested.err());
        assertTrue(notNested.err().contains("the models are not nested"), notNested.err());
    }
}
