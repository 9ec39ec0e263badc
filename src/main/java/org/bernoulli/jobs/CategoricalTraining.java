package org.bernoulli.jobs;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabelCoding;
import org.bernoulli.data.Setting;
import org.bernoulli.data.UsageException;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.ParameterCovariance;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.math.BlockReduction;
import org.bernoulli.math.CategoricalDataLoss;
import org.bernoulli.model.CategoricalModel;
import org.bernoulli.report.ClassEvaluation;
import org.bernoulli.report.HtmlReport;
import org.bernoulli.report.ReportJson;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.train.CategoricalFit;
import org.bernoulli.train.CategoricalFitting;
import org.bernoulli.train.ModelFitting;
import org.bernoulli.train.TrainingSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training job's fit and artifacts for a response of more than two classes: the categorical
 * fit stage ({@link CategoricalFitting}) over the same counted passes, then the model directory —
 * {@code model.json} (a {@link CategoricalModel}), {@code summary.json} and {@code covariance.json} —
 * written all or nothing. The reading, checks and phases are the training job's.
 */
final class CategoricalTraining {
    private static final Logger LOG = LoggerFactory.getLogger(CategoricalTraining.class);

    private CategoricalTraining() {
    }

    /** The model written and, when inference ran, its summary and (with drop1) the tests per term. */
    record Result(CategoricalModel model, ModelSummary summary, org.bernoulli.train.Drop1.Table drop1,
                  List<org.bernoulli.inference.AverageMarginalEffect> margins) {
    }

    /**
     * The classes of the data's response when it has more than two, the reference first; null for two.
     * A formula's design knows them; labels of class indices ({@link LabelCoding#CLASS_INDEX}, no formula)
     * are 0 … K − 1 with K one more than the largest label (one pass over the cached blocks), as MLlib's.
     *
     * @throws org.bernoulli.data.BadInputException when class indices hold fewer than three classes
     */
    static List<String> classes(TrainingRequest request, TrainingSet data) {
        if (data.frame() != null) {
            return data.frame().design().classes();
        }
        if (request.input().labels() != LabelCoding.CLASS_INDEX) {
            return null;
        }
        double largest = data.passes(request.aggregationDepth(), () -> "classes").reduce("the largest class index",
                0, 64, v -> new double[1], (a, block, v) -> {
                    for (int i = 0; i < block.rows(); i++) {
                        a[0] = Math.max(a[0], block.label(i));
                    }
                    return a;
                }, (a, b) -> {
                    a[0] = Math.max(a[0], b[0]);
                    return a;
                })[0];
        int k = (int) largest + 1;
        if (k < 3) {
            throw new org.bernoulli.data.BadInputException("input " + request.inputName() + ": the labels are class "
                    + "indices up to " + (int) largest + "; {FAMILY=multinomial} needs three classes or more (0, 1, 2, "
                    + "…); two are fitted by {FAMILY=binomial}");
        }
        List<String> classes = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add(Integer.toString(c));
        }
        return classes;
    }

    /**
     * Refuses what the training job offers only for two classes.
     *
     * @throws UsageException naming the setting
     */
    static void check(TrainingRequest request, int classes) {
        String why = " applies to a response of two classes; this one has " + classes;
        if (request.classWeights() != null) {
            throw new UsageException("{CLASS_WEIGHT}" + why);
        }
        if (request.sampling() != null) {
            throw new UsageException("the correction for sampled negatives ({NEGATIVE_SAMPLING_RATE})" + why);
        }
        if (request.checkpoints() != null) {
            throw new UsageException("checkpoints ({CHECKPOINT_DIR}, {RESUME})" + why);
        }
        if (request.input().offsetColumn() != null) {
            throw new UsageException("an offset ({OFFSET_COLUMN})" + why);
        }
        CategoricalFitting.check(request.fit(), classes, request.input().clusterColumn());
    }

    /**
     * Fits the data and writes the model directory.
     *
     * @param passes   the data's passes, counted by the caller's clock
     * @param progress the run's progress (iterations logged, stages labelling the passes, phases timed)
     * @param start    when the run began ({@link System#nanoTime})
     */
    static Result run(TrainingEngine engine, TrainingRequest request, TrainingSet data, List<String> classes,
                      BlockReduction<FeatureBlock> passes, ModelFitting.Progress progress, PhaseClock clock,
                      Setting.Wording words, long start) {
        check(request, classes.size());
        if (data.statistics().offsetRows() > 0) {
            throw new UsageException("offsets (offset() in {FORMULA}) apply to a response of two classes; this one "
                    + "has " + classes.size());
        }
        CategoricalDataLoss loss = new CategoricalDataLoss(passes, classes.size(), data.numFeatures());
        org.bernoulli.formula.Design design = data.frame() == null ? null : data.frame().design();
        CategoricalFitting.Fitted fitted;
        try {
            fitted = CategoricalFitting.fit(loss, data.statistics(), data.featureNames(), classes, design,
                    request.fit(), request.input().clusterColumn(), progress)
                    .mapText(text -> Setting.render(text, words));
        } catch (org.bernoulli.train.ModelInference.OneCluster e) { // the rows' clusters: named with the input
            throw new org.bernoulli.data.BadInputException("input " + request.inputName() + ": " + e.getMessage(), e);
        }
        clock.end();
        CategoricalFit fit = fitted.fit();
        fit.warnings().forEach(LOG::warn);
        CategoricalModel model = fit.model(data.featureNames(), fitted.settings().penalty(),
                fit.provenance(data.statistics().rows(), data.statistics().weightSum(),
                        request.settings().stopRule(), request.inputName(),
                        request.input().format().name().toLowerCase(Locale.ROOT), data.partitions(),
                        engine.sparkVersion(), (System.nanoTime() - start) / 1e9),
                design == null ? null : design.encoding());
        model = model.withTraining(model.training().withData(request.fittedData(data, null)));
        Map<String, String> files = new LinkedHashMap<>();
        ModelSummary summary = fitted.summary() == null ? null : fitted.summary().summary();
        if (summary != null) {
            files.put(ModelDirectory.SUMMARY_FILE, SummaryJson.write(summary));
            files.put(ModelDirectory.COVARIANCE_FILE, SummaryJson.write(ParameterCovariance.ofClasses(
                    fitted.summary().covariance(), classes, data.featureNames())));
        }
        if (fitted.drop1() != null) {
            files.put(ModelDirectory.DROP1_FILE, SummaryJson.write(fitted.drop1()));
        }
        List<org.bernoulli.inference.AverageMarginalEffect> margins = null;
        if (request.fit().inference().margins()) {
            if (summary == null) {
                throw new UsageException("{MARGINS}: the effects' standard errors need inference, which is off for "
                        + data.numFeatures() + " features; give {STATS=on}");
            }
            clock.begin("marginal effects");
            margins = MarginsStep.compute(engine, request.input(), design, model.packedByPredictor(),
                    fitted.summary().covariance(), true, request.fit().inference().marginsAtMeans()).effects();
            files.put(ModelDirectory.MARGINS_FILE, SummaryJson.write(margins));
        }
        if (request.report()) {
            clock.begin("evaluation and report");
            int k = classes.size();
            double[] packed = fit.packed();
            org.bernoulli.stats.ClassTally tally = passes.reduce("evaluate the model (log loss, AUC, calibration)",
                    packed, 64L * 1024 + 8L * k * data.statistics().rows(), v -> new org.bernoulli.stats.ClassTally(k),
                    (t, block, v) -> t.addBlock(block, v), org.bernoulli.stats.ClassTally::merge);
            ClassEvaluation evaluation = new ClassEvaluation("the training data, " + request.inputName(),
                    tally.metrics(classes, 0), tally.calibration());
            List<org.bernoulli.optim.IterationRecord> history = fit.optimization().history();
            files.put(ModelDirectory.HISTORY_FILE, ReportJson.writeHistory(history));
            files.put(ModelDirectory.EVALUATION_FILE, ReportJson.writeEvaluation(evaluation));
            files.put(ModelDirectory.REPORT_FILE, HtmlReport.render(new HtmlReport.Content(request.outputDir(), model,
                    summary, history, null, List.of(), null, java.time.Instant.now().toString(), fitted.drop1(),
                    evaluation, margins)));
        }
        clock.begin("writing");
        CategoricalModel timed = model.withTraining(model.training().withPhaseSeconds(clock.ended()));
        ModelDirectory.write(engine.files(request.outputDir()), request.outputDir(), timed, files, request.overwrite());
        return new Result(timed, summary, fitted.drop1(), margins);
    }
}
