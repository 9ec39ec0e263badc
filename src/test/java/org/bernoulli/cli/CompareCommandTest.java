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

    private static Path train(Path dir, String name, String input, String formula) {
        Path out = dir.resolve(name);
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", input, "--formula", formula, "--tol", "1e-15",
                "--grad-tol", "1e-10", "--no-report", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    void compareIsRsAnovaOfNestedFits(@TempDir Path dir) throws Exception {
        String infert = Datasets.path("formula/infert.csv").toString();
        Path big = train(dir, "big", infert, "case ~ spontaneous + induced + education");
        Path small = train(dir, "small", infert, "case ~ spontaneous + induced");
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/infert.json"));
        JsonNode education = ref.get("drop1_lrt").get(2);
        assertEquals("education", education.get("term").asText());
        NestedComparison c = ModelComparison.run(new org.apache.hadoop.conf.Configuration(), big.toString(),
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
        assertTrue(different.err().contains("were not fitted to the same rows"), different.err());
        Path sideways = train(dir, "sideways", infert, "case ~ spontaneous + age");
        TrainCommandTest.Run notNested = TrainCommandTest.run("compare", "--model", small.toString(), "--model",
                sideways.toString());
        assertEquals(ExitCodes.USAGE, notNested.exitCode(), notNested.err());
        assertTrue(notNested.err().contains("the models are not nested"), notNested.err());
    }
}
