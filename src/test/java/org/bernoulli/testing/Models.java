package org.bernoulli.testing;

import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.files.ModelDirectory;

import java.nio.file.Path;
import java.util.List;

/** Model directories with chosen coefficients, for scoring tests. */
public final class Models {
    private Models() {
    }

    public static LogisticModel model(double intercept, double[] coefficients, List<String> names) {
        TrainingProvenance t = new TrainingProvenance(new TrainingProvenance.Input("test", "csv", 1, 1, 1),
                new TrainingProvenance.Solver("gd", 1, 0, 0), new TrainingProvenance.Course(1, 1, "GRADIENT_TOLERANCE",
                true, 0, 0, 0, 0, new double[] {0}), List.of(), new TrainingProvenance.Run(1, "4.2.0", "test", "17", 0,
                "2026-11-25T00:00:00Z", null), null);
        return new LogisticModel(1, intercept, coefficients, coefficients.length, names, Regularization.l2(0), t);
    }

    public static LogisticModel write(Path dir, double intercept, double[] coefficients, List<String> names) {
        LogisticModel m = model(intercept, coefficients, names);
        ModelDirectory.write(org.bernoulli.files.LocalFileStore.INSTANCE, dir.toString(), m, false);
        return m;
    }
}
