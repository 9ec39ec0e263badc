package org.bernoulli.jobs;

import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.UsageException;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ENGINE auto} runs on the driver exactly when nothing needs Spark — an embedded master,
 * LIBSVM or CSV files of this machine, no {@code PARTITIONS} — and {@code ENGINE local} refuses,
 * naming why, what only Spark can do.
 */
class EngineChoiceTest {
    private static final String HEART = Datasets.path("heart_scale.libsvm").toString();

    private static InputSpec input(String path, InputFormat format, int partitions) {
        return new InputSpec(path, format, 0, "label", List.of(), null, partitions);
    }

    @Test
    void autoRunsOnTheDriverOnlyWhenNothingNeedsSpark() {
        assertEquals(EngineChoice.LOCAL, EngineChoice.AUTO.resolve(null, input(HEART, InputFormat.LIBSVM, 0)));
        assertEquals(EngineChoice.LOCAL, EngineChoice.AUTO.resolve("local[2]", input("file:" + HEART,
                InputFormat.LIBSVM, 0)));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolve("spark://127.0.0.1:7077",
                input(HEART, InputFormat.LIBSVM, 0)));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolve(null, input(HEART, InputFormat.LIBSVM, 4)));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolve(null, input("/data/x.parquet", InputFormat.PARQUET,
                0)));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolve(null, input("hdfs://nn/x.csv", InputFormat.CSV, 0)));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolve(null, input("/data/x.csv.bz2", InputFormat.CSV, 0)));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolve(null, input("/data/part-*.csv", InputFormat.CSV,
                0)));
        assertEquals(EngineChoice.SPARK, EngineChoice.SPARK.resolve(null, input(HEART, InputFormat.LIBSVM, 0)));
    }

    @Test
    void localRefusesWhatNeedsSparkNamingWhy() {
        UsageException parquet = assertThrows(UsageException.class, () -> EngineChoice.LOCAL.resolve(null,
                input("/data/x.parquet", InputFormat.PARQUET, 0)));
        assertEquals("{ENGINE=local} reads LIBSVM and CSV files of this machine on the driver; the input is read by "
                + "Spark's parquet reader: use {ENGINE=spark} or auto", parquet.getMessage());
        UsageException cluster = assertThrows(UsageException.class, () -> EngineChoice.LOCAL.resolve(
                "yarn", input(HEART, InputFormat.LIBSVM, 0)));
        assertTrue(cluster.getMessage().contains("the master yarn is a cluster"), cluster.getMessage());
        UsageException remote = assertThrows(UsageException.class, () -> EngineChoice.LOCAL.resolve(null,
                input("s3a://bucket/x.libsvm", InputFormat.LIBSVM, 0)));
        assertTrue(remote.getMessage().contains("s3a://bucket/x.libsvm is not on this machine's file system"),
                remote.getMessage());
    }

    @Test
    void scoringOnTheDriverWritesParquetOfThisMachineOnly() {
        ScoreSource source = new ScoreSource(HEART, InputFormat.LIBSVM, "label", null, List.of(), null);
        ScoringRequest parquet = new ScoringRequest("m", source, "/tmp/out", ScoringRequest.OutputFormat.PARQUET,
                0.5, BadRecordPolicy.FAIL, false);
        ScoringRequest csv = new ScoringRequest("m", source, "/tmp/out", ScoringRequest.OutputFormat.CSV, 0.5,
                BadRecordPolicy.FAIL, false);
        ScoringRequest remote = new ScoringRequest("m", source, "hdfs://nn/out",
                ScoringRequest.OutputFormat.PARQUET, 0.5, BadRecordPolicy.FAIL, false);
        assertEquals(EngineChoice.LOCAL, EngineChoice.AUTO.resolveScoring(null, parquet));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolveScoring(null, csv));
        assertEquals(EngineChoice.SPARK, EngineChoice.AUTO.resolveScoring(null, remote));
        assertEquals("{ENGINE=local} scores LIBSVM and CSV files of this machine into Parquet on the driver; "
                + "{OUTPUT_FORMAT} csv is written by Spark's writer: use {ENGINE=spark} or auto",
                assertThrows(UsageException.class, () -> EngineChoice.LOCAL.resolveScoring(null, csv)).getMessage());
        assertEquals(EngineChoice.LOCAL, EngineChoice.AUTO.resolveReading(null, null), "report without {DATA}");
        assertEquals(EngineChoice.LOCAL, EngineChoice.AUTO.resolveReading(null, source, (String) null));
    }
}
