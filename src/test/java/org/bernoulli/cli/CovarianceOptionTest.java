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

    /**
     * {@code --cluster-column}: hc1 by default, named in the table's title; refused with fisher and for
     * LIBSVM (exit 2); a column not in the header and an empty cluster cell are bad data (exit 1) naming
     * the file, the line and the column; no model is left behind.
     */
    @Test
    void clusterColumnOptionAndItsErrors(@TempDir Path dir) throws Exception {
        String infert = Datasets.path("formula/infert.csv").toString();
        String formula = "case ~ spontaneous + induced + education";
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--input", infert, "--formula", formula,
                "--cluster-column", "stratum", "--output", dir.resolve("m").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Coefficients (maximum likelihood; cluster-robust standard errors, HC1, 83 clusters "
                + "of stratum):"), r.out());
        assertTrue(Files.readString(dir.resolve("m").resolve("summary.json")).contains("\"clusters\" : 83"));

        TrainCommandTest.Run fisher = TrainCommandTest.run("train", "--input", infert, "--formula", formula,
                "--cluster-column", "stratum", "--covariance", "fisher", "--output", dir.resolve("f").toString());
        assertEquals(ExitCodes.USAGE, fisher.exitCode(), fisher.err());
        assertTrue(fisher.err().startsWith("error: --cluster-column 'stratum' gives cluster-robust standard errors"),
                fisher.err());
        TrainCommandTest.Run libsvm = TrainCommandTest.run("train", "--input",
                Datasets.path("heart_scale.libsvm").toString(), "--cluster-column", "id", "--output", dir.resolve("l").toString());
        assertEquals(ExitCodes.USAGE, libsvm.exitCode(), libsvm.err());
        assertTrue(libsvm.err().startsWith("error: --cluster-column reads CSV input; it is not supported for libsvm "
                + "input"), libsvm.err());

        TrainCommandTest.Run unknown = TrainCommandTest.run("train", "--input", infert, "--formula", formula,
                "--cluster-column", "site", "--output", dir.resolve("u").toString());
        assertEquals(ExitCodes.FAILURE, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("infert.csv line 1: no cluster column (--cluster-column) named 'site' in the "
                + "header"), unknown.err());
        Path holes = dir.resolve("holes.csv");
        Files.writeString(holes, "case,induced,site\n1,0,a\n0,1,b\n1,2,\n0,0,a\n");
        for (String engine : new String[] {"local", "spark"}) {
            TrainCommandTest.Run empty = TrainCommandTest.run("train", "--input", holes.toString(), "--label-column",
                    "case", "--cluster-column", "site", "--engine", engine, "--output", dir.resolve("e").toString());
            assertEquals(ExitCodes.FAILURE, empty.exitCode(), empty.err());
            assertTrue(empty.err().contains("holes.csv line 4: cluster column 'site' (--cluster-column) is missing (an "
                    + "empty cell); every row needs its cluster"), engine + ": " + empty.err());
        }
        // NA is a missing cluster too, never a cluster named "NA"; with a formula it follows --na-action.
        Path na = dir.resolve("na.csv");
        Files.writeString(na, "case,induced,site\n1,0,a\n0,1,b\n1,2,NA\n0,0,a\n1,1,b\n0,2,a\n1,0,b\n");
        for (String engine : new String[] {"local", "spark"}) {
            TrainCommandTest.Run numeric = TrainCommandTest.run("train", "--input", na.toString(), "--label-column",
                    "case", "--cluster-column", "site", "--engine", engine, "--output", dir.resolve("e").toString());
            assertEquals(ExitCodes.FAILURE, numeric.exitCode(), numeric.err());
            assertTrue(numeric.err().contains("na.csv line 4: cluster column 'site' (--cluster-column) is missing (NA); "
                    + "every row needs its cluster"), engine + ": " + numeric.err());
            TrainCommandTest.Run failed = TrainCommandTest.run("train", "--input", na.toString(), "--formula",
                    "case ~ induced", "--cluster-column", "site", "--engine", engine, "--output",
                    dir.resolve("e").toString());
            assertEquals(ExitCodes.FAILURE, failed.exitCode(), failed.err());
            assertTrue(failed.err().contains("na.csv line 4: column 'site' is missing (an empty cell, NA, a value given "
                    + "as missing, or a null); the fit uses it: give --na-action omit"), engine + ": " + failed.err());
            TrainCommandTest.Run omitted = TrainCommandTest.run("train", "--input", na.toString(), "--formula",
                    "case ~ induced", "--cluster-column", "site", "--na-action", "omit", "--engine", engine, "--output",
                    dir.resolve("o-" + engine).toString(), "--no-report");
            assertEquals(0, omitted.exitCode(), omitted.err());
            assertTrue(omitted.out().contains("1 row omitted for missing values (--na-action omit)"), omitted.out());
            assertTrue(omitted.out().contains("cluster-robust standard errors, HC1, 2 clusters of site"), omitted.out());
            assertTrue(omitted.out().contains("Residual deviance: ") && omitted.out().contains("on 4  degrees of freedom"),
                    "6 rows used: " + omitted.out());
        }
        for (String m : new String[] {"f", "l", "u", "e"}) {
            assertFalse(Files.exists(dir.resolve(m)), m);
        }
    }
}
