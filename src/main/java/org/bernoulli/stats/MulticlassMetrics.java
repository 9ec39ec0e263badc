package org.bernoulli.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a model of K classes fits labelled rows: the mean categorical cross-entropy (the log
 * loss −(1/n) Σ log p_{i,yᵢ}), the multi-class Brier score (1/n) Σᵢ Σₖ (pᵢₖ − [yᵢ = k])², accuracy,
 * the confusion matrix of the most probable class, and per class its support, precision, recall,
 * F1 and the exact one-vs-rest area under the ROC curve (the class's rows against all others, ranked
 * by log pₖ); then their macro averages (each class alike) and weighted averages (by support), as
 * scikit-learn's {@code classification_report} gives them: a ratio that is undefined for a class
 * (no row predicted or labelled so) is null in the class's row and counts 0 in the averages, as
 * scikit-learn's {@code zero_division=0}; an AUC undefined for a class (no row of it) is left out
 * of both averages.
 *
 * @param rows         rows evaluated
 * @param rowsRejected input rows that could not be evaluated (skipped)
 * @param classes      the classes, the reference first
 * @param logLoss      mean categorical cross-entropy
 * @param brierScore   multi-class Brier score
 * @param confusion    {@code confusion[actual][predicted]} row counts, in the order of {@code classes}
 * @param areasUnderROC one-vs-rest AUC per class (NaN when the class or its complement has no row)
 */
public record MulticlassMetrics(long rows, long rowsRejected, List<String> classes, double logLoss,
                               double brierScore, long[][] confusion, double[] areasUnderROC) implements Metrics {

    public MulticlassMetrics {
        classes = List.copyOf(classes);
        if (confusion.length != classes.size() || areasUnderROC.length != classes.size()) {
            throw new IllegalArgumentException("a " + confusion.length + "-row confusion matrix and "
                    + areasUnderROC.length + " areas for " + classes.size() + " classes");
        }
    }

    /** One class's row of the report. */
    public record ClassMetrics(String name, long support, double precision, double recall, double f1,
                               double areaUnderROC) {
    }

    /** log L = −n · logLoss. */
    public double logLikelihood() {
        return -rows * logLoss;
    }

    /** The share of rows whose most probable class is their class. */
    public double accuracy() {
        long right = 0;
        for (int k = 0; k < confusion.length; k++) {
            right += confusion[k][k];
        }
        return (double) right / rows;
    }

    /** Each class's support, precision, recall, F1 and AUC. */
    public List<ClassMetrics> perClass() {
        List<ClassMetrics> out = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            long support = 0;
            long predicted = 0;
            for (int l = 0; l < classes.size(); l++) {
                support += confusion[k][l];
                predicted += confusion[l][k];
            }
            double precision = (double) confusion[k][k] / predicted;
            double recall = (double) confusion[k][k] / support;
            double f1 = 2 * precision * recall / (precision + recall);
            out.add(new ClassMetrics(classes.get(k), support, precision, recall, f1, areasUnderROC[k]));
        }
        return out;
    }

    /** The unweighted (macro) averages of precision, recall, F1 and AUC over the classes. */
    public ClassMetrics macro() {
        return average(false);
    }

    /** The averages weighted by each class's support. */
    public ClassMetrics weighted() {
        return average(true);
    }

    private ClassMetrics average(boolean bySupport) {
        double[] sums = new double[3];
        double auc = 0;
        double aucWeight = 0;
        double total = 0;
        for (ClassMetrics c : perClass()) {
            double w = bySupport ? c.support() : 1.0;
            sums[0] += w * zeroIfUndefined(c.precision());
            sums[1] += w * zeroIfUndefined(c.recall());
            sums[2] += w * zeroIfUndefined(c.f1());
            total += w;
            if (!Double.isNaN(c.areaUnderROC())) {
                auc += w * c.areaUnderROC();
                aucWeight += w;
            }
        }
        return new ClassMetrics(bySupport ? "weighted" : "macro", rows, sums[0] / total, sums[1] / total,
                sums[2] / total, aucWeight > 0 ? auc / aucWeight : Double.NaN);
    }

    private static double zeroIfUndefined(double v) {
        return Double.isNaN(v) ? 0.0 : v;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("rowsRejected", rowsRejected);
        m.put("classes", classes);
        m.put("logLoss", finite(logLoss));
        m.put("logLikelihood", finite(logLikelihood()));
        m.put("brierScore", finite(brierScore));
        m.put("accuracy", finite(accuracy()));
        List<Map<String, Object>> rowsOfClasses = new ArrayList<>();
        for (ClassMetrics c : perClass()) {
            rowsOfClasses.add(row(c, "class"));
        }
        m.put("perClass", rowsOfClasses);
        m.put("macroAverage", row(macro(), null));
        m.put("weightedAverage", row(weighted(), null));
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] r : confusion) {
            List<Long> counts = new ArrayList<>();
            for (long v : r) {
                counts.add(v);
            }
            matrix.add(counts);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rows", "actual class, in the order of classes");
        c.put("columns", "predicted class (the most probable), in the same order");
        c.put("counts", matrix);
        m.put("confusionMatrix", c);
        return m;
    }

    private static Map<String, Object> row(ClassMetrics c, String nameField) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (nameField != null) {
            r.put(nameField, c.name());
            r.put("support", c.support());
        }
        r.put("precision", finite(c.precision()));
        r.put("recall", finite(c.recall()));
        r.put("f1", finite(c.f1()));
        r.put("areaUnderROC", finite(c.areaUnderROC()));
        return r;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
