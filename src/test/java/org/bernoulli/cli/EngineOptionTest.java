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
 * {@code --engine local} on what only Spark can do is a usage error (exit 2) that says why, before
 * anything is read or written; {@code --engine} takes only auto, local and spark.
 */
class EngineOptionTest {

    @Test
    void engineLocalRefusesWhatNeedsSpark(@TempDir Path dir) {
        TrainCommandTest.Run parquet = TrainCommandTest.run("train", "--engine", "local", "--input",
                dir.resolve("x.parquet").toString(), "--format", "parquet", "--output", dir.resolve("m").toString());
        assertEquals(ExitCodes.USAGE, parquet.exitCode(), parquet.err());
        assertTrue(parquet.err().startsWith("error: --engine local reads LIBSVM and CSV files of this machine on the "
                + "driver; the input is read by Spark's parquet reader: use --engine spark or auto"), parquet.err());
        TrainCommandTest.Run score = TrainCommandTest.run("score", "--engine", "local", "--model",
                dir.resolve("m").toString(), "--input", Datasets.path("heart_scale.libsvm").toString(), "--output",
                dir.resolve("s").toString(), "--output-format", "csv");
        assertEquals(ExitCodes.USAGE, score.exitCode(), score.err());
        assertTrue(score.err().contains("--output-format csv is written by Spark's writer"), score.err());
        TrainCommandTest.Run unknown = TrainCommandTest.run("train", "--engine", "gpu", "--input",
                Datasets.path("heart_scale.libsvm").toString(), "--output", dir.resolve("m").toString());
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("--engine"), unknown.err());
        assertFalse(Files.exists(dir.resolve("m")) || Files.exists(dir.resolve("s")), "nothing written");
    }
}
