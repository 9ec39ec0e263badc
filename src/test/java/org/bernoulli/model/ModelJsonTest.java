package org.bernoulli.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelJsonTest {

    static LogisticModel model() {
        TrainingProvenance t = new TrainingProvenance(new TrainingProvenance.Input("data.csv", "csv", 3, 3.0, 1),
                new TrainingProvenance.Solver("gd", 100, 1e-9, 1e-7), new TrainingProvenance.Course(5, 7,
                "GRADIENT_TOLERANCE", true, 0.5, 0.5, -1.5, 1e-8, new double[] {0.69, 0.6, 0.5}), List.of("w"),
                new TrainingProvenance.Run(2, "4.2.0", "dev", "17", 1.25, "2026-11-25T00:00:00Z", null), null);
        return new LogisticModel(1, -0.1 / 3, new double[] {Math.PI, -1e-300, 12345.678901234567}, 3,
                List.of("a", "b", "c"), Regularization.l2(0.01), t);
    }

    @Test
    void roundTripIsExact() {
        LogisticModel m = model();
        LogisticModel back = ModelJson.read(ModelJson.write(m), "test");
        assertEquals(m.intercept(), back.intercept(), 0.0);
        assertArrayEquals(m.coefficients(), back.coefficients(), 0.0);
        assertEquals(m.featureNames(), back.featureNames());
        assertEquals(m.regularization(), back.regularization());
        assertArrayEquals(m.training().objectiveHistory(), back.training().objectiveHistory(), 0.0);
        assertEquals(m.training().warnings(), back.training().warnings());
    }

    @Test
    void phaseTimesRoundTripAndModelsWrittenBeforeThemStillRead() {
        LogisticModel m = model().withTraining(model().training().withPhaseSeconds(
                new java.util.LinkedHashMap<>(java.util.Map.of("start-up", 5.5))));
        String json = ModelJson.write(m);
        assertEquals(java.util.Map.of("start-up", 5.5), ModelJson.read(json, "test").training().phaseSeconds());
        String older = json.replaceAll("(?s),\\s*\"phaseSeconds\" : \\{[^}]*\\}", "");
        assertTrue(!older.contains("phaseSeconds"), older);
        assertEquals(java.util.Map.of(), ModelJson.read(older, "older").training().phaseSeconds());
        assertThrows(IllegalArgumentException.class, () -> model().training().withPhaseSeconds(
                java.util.Map.of("fit", -1.0)));
    }

    @Test
    void corruptOrInconsistentFilesAreRejectedWithTheirSource() {
        ModelFormatException notJson = assertThrows(ModelFormatException.class, () -> ModelJson.read("{oops", "m/model.json"));
        assertTrue(notJson.getMessage().startsWith("m/model.json is not a valid Bernoulli model"), notJson.getMessage());
        String wrongCount = ModelJson.write(model()).replace("\"numFeatures\" : 3", "\"numFeatures\" : 4");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.read(wrongCount, "m/model.json"));
        assertTrue(e.getMessage().contains("numFeatures is 4 but there are 3 coefficients"), e.getMessage());
        String missing = ModelJson.write(model()).replace("\"intercept\"", "\"interceptX\"");
        assertThrows(ModelFormatException.class, () -> ModelJson.read(missing, "m/model.json"));
    }

    @Test
    void probabilityUsesTheStableSigmoid() {
        LogisticModel m = model();
        double z = m.margin(new double[] {0, 0, 0});
        assertEquals(-0.1 / 3, z, 0.0);
        assertEquals(1 / (1 + Math.exp(0.1 / 3)), m.probability(new double[] {0, 0, 0}), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> m.margin(new double[2]));
    }
}
