package org.bernoulli.spark;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingDataReaderTest {

    private static InputSpec spec(Path path, InputFormat format, int partitions) {
        return new InputSpec(path.toString(), format, 0, "label", List.of(), null, partitions);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7, 64})
    void libsvmAndCsvReadTheSameExamplesForAnyPartitioning(int partitions) {
        double[] packed = {0.1, -0.2, 0.3, 0.1, 0.2, -0.1, 0.05, -0.3, 0.2, 0.1, 0, 0.4, 0.2, -0.5};
        LossEvaluation expected = BlockDataLoss.inMemory(BlockBuilder.blocks(Datasets.csvRows("heart_scale.csv"), 4096), 13)
                .evaluate(packed);
        for (String file : new String[] {"heart_scale.libsvm", "heart_scale.csv"}) {
            InputFormat format = file.endsWith(".csv") ? InputFormat.CSV : InputFormat.LIBSVM;
            try (TrainingData data = TrainingDataReader.read(SparkTestSession.get(),
                    spec(Datasets.path(file), format, partitions), 2)) {
                assertEquals(partitions, data.partitions(), file);
                assertEquals(270, data.statistics().rows());
                assertEquals(120, data.statistics().positiveRows());
                assertEquals(13, data.numFeatures());
                assertEquals(format == InputFormat.CSV ? "x1" : "x1", data.featureNames().get(0));
                LossEvaluation e = new BlockDataLoss(SparkBlocks.of(data.blocks(), 2), 13).evaluate(packed);
                assertEquals(expected.meanLoss(), e.meanLoss(), 1e-12 * expected.meanLoss(), file);
                for (int j = 0; j < packed.length; j++) {
                    assertEquals(expected.gradient()[j], e.gradient()[j], 1e-12 * Math.abs(expected.gradient()[j]),
                            file + " gradient " + j);
                }
                // Small data is summed on the driver, from the same blocks: the same numbers.
                var onDriver = data.dataLoss(2);
                assertTrue(data.passesOnTheDriver() && onDriver.blocks() instanceof org.bernoulli.math.LocalBlocks,
                        "270 x 14 values are summed on the driver");
                LossEvaluation d = onDriver.evaluate(packed);
                assertEquals(expected.meanLoss(), d.meanLoss(), 1e-12 * expected.meanLoss(), file);
                for (int j = 0; j < packed.length; j++) {
                    assertEquals(expected.gradient()[j], d.gradient()[j], 1e-12 * Math.abs(expected.gradient()[j]),
                            file + " driver gradient " + j);
                }
            }
        }
    }

    @Test
    void badLineInALaterSplitIsReportedWithItsLineNumber(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            text.append(i == 33 ? "1 1:0.5 0:2\n" : (i % 2) + " 1:" + i + " 3:0.25\n");
        }
        Path file = dir.resolve("bad.libsvm");
        Files.writeString(file, text);
        BadInputException e = assertThrows(BadInputException.class,
                () -> TrainingDataReader.read(SparkTestSession.get(), spec(file, InputFormat.LIBSVM, 4), 2));
        assertTrue(e.getMessage().contains("bad.libsvm line 33: feature index 0, indices start at 1"), e.getMessage());
    }

    @Test
    void directoriesOfPartFilesAreReadAndMetadataFilesSkipped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("part-00000.csv"), "label,a,b\n1,1,2\n0,3,4\n");
        Files.writeString(dir.resolve("part-00001.csv"), "label,a,b\n1,5,6\n");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        try (TrainingData data = TrainingDataReader.read(SparkTestSession.get(), spec(dir, InputFormat.CSV, 0), 2)) {
            assertEquals(3, data.statistics().rows());
            assertEquals(List.of("a", "b"), data.featureNames());
            assertEquals(3.0, data.statistics().means()[0], 1e-15);
        }
        Files.writeString(dir.resolve("part-00002.csv"), "label,b,a\n1,5,6\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> TrainingDataReader.read(SparkTestSession.get(), spec(dir, InputFormat.CSV, 0), 2));
        assertTrue(e.getMessage().contains("part-00002.csv line 1") && e.getMessage().contains("differs"),
                e.getMessage());
    }
}
