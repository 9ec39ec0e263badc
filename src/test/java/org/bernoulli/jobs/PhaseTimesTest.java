package org.bernoulli.jobs;

import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelJson;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.Datasets;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * model.json records where the training command's time went: every phase up to writing, in order,
 * each a non-negative number of seconds, and the phases of the job itself within its measured time.
 */
class PhaseTimesTest {

    @Test
    void modelJsonRecordsSecondsPerPhase(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m");
        TrainingJob.execute(SparkTestSession.get(), org.bernoulli.jobs.TrainingRequest.of(new InputSpec(
                Datasets.path("heart_scale.csv").toString(), InputFormat.CSV, 0, "label", List.of(), null, 0), out.toString(), false, new TrainerSettings(0, new StopRule(100, 1e-9, 1e-7)), 0));
        LogisticModel written = ModelJson.read(Files.readString(out.resolve("model.json")), "model.json");
        Map<String, Double> phases = written.training().phaseSeconds();
        assertEquals(List.of("start-up", "checking paths", "reading and statistics", "fit", "inference",
                        "evaluation and report"),
                List.copyOf(phases.keySet()));
        phases.values().forEach(s -> assertTrue(s >= 0 && Double.isFinite(s), phases.toString()));
        double job = phases.get("reading and statistics") + phases.get("fit") + phases.get("inference");
        assertTrue(job <= written.training().seconds() + 1e-3, "the timed phases lie within the job's "
                + written.training().seconds() + " s: " + phases);
        assertTrue(phases.get("fit") > 0 && phases.get("reading and statistics") > 0, phases.toString());
    }
}
