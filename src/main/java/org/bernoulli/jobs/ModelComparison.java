package org.bernoulli.jobs;

import org.apache.hadoop.fs.Path;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.UsageException;
import org.bernoulli.files.FileStore;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.NestedComparison;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.FittedModel;
import org.bernoulli.model.TrainingProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bernoulli compare}: the likelihood-ratio test between two model directories
 * ({@link NestedComparison}), refused unless both were fitted by maximum likelihood to the same
 * rows — the same input, rows, total weight, positive rows, rows left out for missing values, and the
 * same likelihood terms: response, case and class weights and offsets, and the rows' digest of labels,
 * weights and offsets ({@link org.bernoulli.model.FittedData}) — and one is nested in the other. Reads
 * the directories only; no Spark.
 */
public final class ModelComparison {

    private ModelComparison() {
    }

    public static NestedComparison run(FileStore files, String first, String second) {
        FittedModel a = ModelDirectory.readAny(files, first);
        FittedModel b = ModelDirectory.readAny(files, second);
        List<String> differences = differences(a, b);
        if (!differences.isEmpty()) {
            throw new UsageException("{MODEL} " + first + " and {MODEL} " + second + " are not fits of the same data, "
                    + "so their likelihoods cannot be compared: " + String.join("; ", differences));
        }
        ModelSummary one = summary(files, first);
        ModelSummary other = summary(files, second);
        try {
            return NestedComparison.of(one, other);
        } catch (IllegalArgumentException e) {
            throw new UsageException("{MODEL} " + first + " and {MODEL} " + second + ": " + e.getMessage());
        }
    }

    private static ModelSummary summary(FileStore files, String dir) {
        String json = ModelDirectory.readOptional(files, dir, ModelDirectory.SUMMARY_FILE);
        if (json == null) {
            throw new BadInputException(dir + " has no " + ModelDirectory.SUMMARY_FILE + ": compare needs models trained "
                    + "with inference ({STATS=auto} or on)");
        }
        ModelSummary s = SummaryJson.readSummary(json, new Path(dir, ModelDirectory.SUMMARY_FILE).toString());
        if (!s.method().equals("maximum likelihood")) {
            throw new UsageException(dir + " is a " + s.method() + " fit: the likelihood-ratio test compares "
                    + "maximum-likelihood fits");
        }
        return s;
    }

    /** What tells the two models' data apart, or nothing. */
    private static List<String> differences(FittedModel a, FittedModel b) {
        TrainingProvenance x = a.training();
        TrainingProvenance y = b.training();
        List<String> out = new ArrayList<>();
        if (!java.util.Objects.equals(a.classes(), b.classes())) {
            out.add("classes " + (a.classes() == null ? "of a binary model" : a.classes()) + " and "
                    + (b.classes() == null ? "of a binary model" : b.classes()));
        }
        if (!x.inputPath().equals(y.inputPath())) {
            out.add("inputs " + x.inputPath() + " and " + y.inputPath());
        }
        if (x.rows() != y.rows()) {
            out.add(x.rows() + " and " + y.rows() + " rows");
        }
        if (Double.compare(x.weightSum(), y.weightSum()) != 0) {
            out.add("total weights " + x.weightSum() + " and " + y.weightSum());
        }
        if (x.positiveRows() != y.positiveRows()) {
            out.add(x.positiveRows() + " and " + y.positiveRows() + " positive rows");
        }
        long omittedA = a.encoding() == null ? 0 : a.encoding().rowsOmitted();
        long omittedB = b.encoding() == null ? 0 : b.encoding().rowsOmitted();
        if (omittedA != omittedB) {
            out.add(omittedA + " and " + omittedB + " rows omitted for missing values");
        }
        if (x.data() != null && y.data() != null) {
            out.addAll(x.data().differences(y.data()));
        } else if (x.data() != null || y.data() != null) {
            out.add("one model does not record what its likelihood is of (its labels, weights and offsets), so "
                    + "they cannot be checked to match; retrain it with this version");
        }
        return out;
    }
}
