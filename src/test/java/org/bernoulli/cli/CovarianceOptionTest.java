package org.bernoulli.cli;

import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --covariance}: the table says which covariance its errors come from and summary.json
 * records it; a robust covariance with a penalty is a usage error (exit 2) before anything is read.
 */
class CovarianceOptionTest {

    @Test
    void theTableAndSummarySayWhichCovarianceAndPenaltiesAreRefused(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input",
                Datasets.path("formula/infert.csv").toString(), "--formula", "case ~ spontaneous + induced + education",
                "--covariance", "hc1", "--output", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Coefficients (maximum likelihood; robust standard errors, HC1):"), r.out());
        assertTrue(Files.readString(model.resolve("summary.json")).contains("\"covariance\" : \"hc1\""));
        TrainCommandTest.Run fisher = TrainCommandTest.run("train", "--input",
                Datasets.path("heart_scale.csv").toString(), "--output", dir.resolve("f").toString());
        assertTrue(fisher.out().contains("Coefficients (maximum likelihood):"), fisher.out());
        TrainCommandTest.Run penalized = TrainCommandTest.run("train", "--input",
                Datasets.path("heart_scale.csv").toString(), "--reg-param", "0.1", "--covariance", "hc0", "--output",
                dir.resolve("p").toString());
        assertEquals(ExitCodes.USAGE, penalized.exitCode(), penalized.err());
        assertTrue(penalized.err().startsWith("error: --covariance hc0: robust standard errors are computed for "
                + "maximum-likelihood fits with inference"), penalized.err());
        assertFalse(Files.exists(dir.resolve("p")));
    }
}
