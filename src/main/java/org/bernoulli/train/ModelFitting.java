package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.Setting;
import org.bernoulli.data.UsageException;
import org.bernoulli.inference.BinomialCounts;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.BlockFoldedDataLoss;
import org.bernoulli.math.FirthDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The fit stage, the same for the training job and the spark.ml estimator: the columns held at 0
 * (aliased, constant), separation within a factor, then Firth's fit with its penalized tests, a
 * regularization path (cross-validated or not) or a single fit, and the inference after it — the
 * Wald summary (robust or cluster-robust), the terms' joint tests, profile intervals, drop1. Plain
 * Java: the passes go through the data term given, wherever its blocks are.
 */
public final class ModelFitting {

    private ModelFitting() {
    }

    /** What the run is doing and where it is: the doors log, time and label it as they do. */
    public interface Progress {
        /** Receives each iteration of every fit (and may stop it). */
        IterationMonitor monitor();

        /** What the run is doing now ("inference", "path 3/20, iteration 4"), for labels of its passes. */
        void stage(String what);

        /** A new timed phase of the run ("inference", "drop1"). */
        void phase(String name);

        /** A line for the run's log. */
        void info(String line);

        /** Progress that goes nowhere. */
        Progress NONE = new Progress() {
            @Override
            public IterationMonitor monitor() {
                return IterationMonitor.NONE;
            }

            @Override
            public void stage(String what) {
            }

            @Override
            public void phase(String name) {
            }

            @Override
            public void info(String line) {
            }
        };
    }

    /**
     * What the fit stage fitted.
     *
     * @param fit      the model's fit
     * @param summary  its inference, or null when off
     * @param path     the regularization path, or null
     * @param curve    the cross-validation curve, or null
     * @param settings the settings of the model's fit (at the chosen penalty on a path)
     * @param drop1    the tests of each term, or null
     */
    public record Fitted(Fit fit, WaldInference.Result summary, List<RegularizationPath.Step> path,
                         CrossValidation.Curve curve, TrainerSettings settings, Drop1.Table drop1) {

        /** The same with each warning and note rewritten. */
        public Fitted mapText(UnaryOperator<String> f) {
            WaldInference.Result s = summary == null ? null
                    : new WaldInference.Result(summary.summary().mapNotes(f), summary.inverse());
            return new Fitted(fit.mapWarnings(f), s, path, curve, settings, drop1);
        }

        /** The same with the settings its warnings and notes name worded as a door says. */
        public Fitted worded(Setting.Wording words) {
            return mapText(text -> Setting.render(text, words));
        }

        /** The same with one more warning, also a note of the summary when there is one. */
        public Fitted withNote(String note) {
            return withWarningAndNote(note, note);
        }

        /** The same with one more warning of the fit, and a note of the summary (when there is one). */
        public Fitted withWarningAndNote(String warning, String note) {
            WaldInference.Result s = summary == null ? null
                    : new WaldInference.Result(summary.summary().withNote(note), summary.inverse());
            return new Fitted(fit.withWarning(warning), s, path, curve, settings, drop1);
        }

        /** The same with one more warning of the fit only. */
        public Fitted withWarning(String warning) {
            return new Fitted(fit.withWarning(warning), summary, path, curve, settings, drop1);
        }

        /** The same with the fit and summary as {@code sampling} corrects them (the intercept). */
        public Fitted corrected(NegativeSampling sampling) {
            WaldInference.Result s = summary == null ? null
                    : new WaldInference.Result(sampling.correct(summary.summary()), summary.inverse());
            return new Fitted(sampling.correct(fit), s, path, curve, settings, drop1);
        }

        /** The coefficients then the intercept, as the passes take them. */
        public double[] packed() {
            return fit.packed();
        }
    }

    /**
     * Fits the data.
     *
     * @param data          the data's statistics, names and (for a formula) frame
     * @param loss          the data term every pass goes through (counted, checkpointed, as the caller wants)
     * @param passes        the same blocks as a data term of folds can use, for cross-validation
     * @param clusterColumn the column the rows' clusters came from (cluster-robust errors), or null
     */
    public static Fitted fit(TrainingSet data, FirthDataLoss loss, BlockDataLoss passes, FitSpec spec,
                             String clusterColumn, Progress progress) {
        FeatureStatistics statistics = data.statistics();
        List<String> names = data.featureNames();
        TrainerSettings settings = spec.settings();
        IterationMonitor monitor = (r, x) -> {
            progress.stage("iteration " + (r.iteration() + 1));
            return progress.monitor().accept(r, x);
        };
        boolean inference = spec.inferenceFor(data.numFeatures());
        boolean[] aliased = new boolean[data.numFeatures()];
        if (inference && settings.regParam() == 0 && spec.path() == null) {
            progress.stage("aliasing check");
            // The check's pass at the start point is the one Newton's first step needs: kept, not repeated.
            loss = new FirstEvaluationKept(loss);
            aliased = ModelInference.aliasedColumns(loss, statistics);
        }
        if (!spec.firth() && settings.regParam() == 0 && settings.bounds() == null && spec.path() == null
                && data.frame() != null) {
            FactorSeparation.check(statistics, aliased, data.frame().design());
        }
        progress.stage("iteration 1");
        if (spec.firth()) {
            return firth(loss, statistics, names, aliased, settings, monitor, progress);
        }
        Fit fit;
        List<RegularizationPath.Step> path = null;
        CrossValidation.Curve curve = null;
        if (spec.path() != null) {
            int chosen;
            // The folds are checked before the path is fitted, so that a fold without rows or classes
            // stops the run before its longest part.
            progress.stage("cross-validation folds");
            try (BlockFoldedDataLoss folds = folds(spec.path(), passes, statistics)) {
                path = path(spec.path(), settings, loss, statistics, names, monitor, progress);
                chosen = path.size() - 1;
                if (folds != null) {
                    progress.stage("cross-validation");
                    curve = crossValidate(spec.path(), settings, folds, path, names, progress);
                    chosen = curve.best();
                }
            }
            RegularizationPath.Step step = path.get(chosen);
            fit = step.fit();
            settings = settings.withRegParam(step.regParam());
        } else {
            fit = new LogisticTrainer(settings).fit(loss, statistics, names, aliased, monitor);
        }
        WaldInference.Result summary = null;
        if (inference && FitSpec.inferenceApplies(settings)) {
            progress.stage("inference");
            progress.phase("inference");
            summary = ModelInference.summarize(loss, statistics, fit, names, settings.regParam(), aliased,
                    binomialCounts(data), spec.inference().covariance(), clusterColumn);
            if (data.frame() != null) {
                summary = ModelInference.withTermTests(summary, fit, aliased, statistics, data.frame().design());
            }
        }
        if (summary != null && spec.inference().profileCi() != null) {
            progress.stage("profile intervals");
            progress.phase("profile intervals");
            summary = profileIntervals(loss, fit, aliased, names, summary, spec.inference().profileCi());
        }
        Drop1.Table drop1 = null;
        if (summary != null && spec.inference().drop1()) {
            progress.stage("drop1");
            progress.phase("drop1");
            drop1 = Drop1.of(loss, statistics, names, aliased, settings, fit, summary.summary(),
                    data.frame() != null ? data.frame().design().droppableTerms() : Drop1.columnTerms(names));
        }
        return new Fitted(fit, summary, path, curve, settings, drop1);
    }

    /** Firth's fit, its summary and logistf's penalized likelihood-ratio tests. */
    private static Fitted firth(FirthDataLoss loss, FeatureStatistics statistics, List<String> names, boolean[] aliased,
                                TrainerSettings settings, IterationMonitor monitor, Progress progress) {
        var stop = settings.stopRule();
        FirthFitter fitter = new FirthFitter(stop.maxIterations(), stop.gradientTol());
        FirthFitter.Result firth = fitter.fit(loss, statistics, aliased, monitor);
        Fit fit = new Fit(firth.intercept(), firth.coefficients(), "firth", firth.optimization(), firth.atSolution(),
                firth.optimization().stopReason().converged() ? List.of()
                        : List.of("Firth's iterations " + firth.optimization().stopReason().description()));
        WaldInference.Result summary = ModelInference.summarize(firth, statistics, names, aliased);
        progress.stage("penalized likelihood-ratio tests");
        progress.phase("penalized likelihood-ratio tests");
        FirthFitter.PenalizedTests tests = fitter.penalizedLrTests(loss, statistics, aliased, firth, names);
        ModelSummary tested = summary.summary().withPenalizedLrTests(tests.tests());
        for (String note : tests.notes()) {
            tested = tested.withNote(note);
        }
        return new Fitted(fit, new WaldInference.Result(tested, summary.inverse()), null, null, settings, null);
    }

    /** For data of binomial counts, what the summary needs of them; null for Bernoulli rows. */
    static BinomialCounts binomialCounts(TrainingSet data) {
        if (data.frame() == null || data.frame().counts() == null) {
            return null;
        }
        org.bernoulli.formula.BinomialTotals t = data.frame().counts();
        return new BinomialCounts(t.observations(), t.saturatedLogLikelihood(), t.logBinomialCoefficients());
    }

    /** The path from λmax down to the settings' penalty, each fit on one line of the log. */
    private static List<RegularizationPath.Step> path(PathSpec spec, TrainerSettings settings, FirthDataLoss loss,
                                                      FeatureStatistics statistics, List<String> names,
                                                      IterationMonitor monitor, Progress progress) {
        Regularization r = settings.penalty();
        double max = RegularizationPath.lambdaMax(statistics, r.elasticNetParam(), r.standardization());
        double min = r.regParam() > 0 ? r.regParam() : max * spec.minRatio();
        if (!(min < max)) {
            throw new IllegalArgumentException("{REG_PARAM} " + r.regParam() + " is at or above lambda max " + max
                    + ", where every coefficient is 0: a path needs a smaller penalty");
        }
        double[] lambdas = RegularizationPath.sequence(max, min, spec.length());
        progress.info(String.format(Locale.ROOT, "regularization path: %d penalties from lambda max %s down to %s",
                lambdas.length, max, min));
        int[] step = {1};
        IterationMonitor labelled = (rec, x) -> {
            boolean go = monitor.accept(rec, x);
            progress.stage("path " + step[0] + "/" + lambdas.length + ", iteration " + (rec.iteration() + 1));
            return go;
        };
        return RegularizationPath.fit(loss, statistics, names, new boolean[statistics.numFeatures()], settings,
                lambdas, true, labelled, (k, n, s) -> {
                    step[0] = k + 2;
                    progress.info(String.format(Locale.ROOT, "path %d/%d  lambda %.6g  nonzero %d  objective %.12g"
                            + "  iterations %d  passes %d", k + 1, n, s.regParam(), s.nonZero(),
                            s.fit().optimization().value(), s.fit().optimization().iterations(),
                            s.fit().optimization().passes()));
                });
    }

    /**
     * The path's folds (their statistics from one pass, checked), or null without cross-validation;
     * close them to release the folds' cache.
     *
     * @throws org.bernoulli.data.BadInputException when a fold has no held-out rows or training rows of
     *                                              one class only ({@link DataRequirements#checkFolds})
     */
    private static BlockFoldedDataLoss folds(PathSpec spec, BlockDataLoss data, FeatureStatistics statistics) {
        if (spec.folds() == 0) {
            return null;
        }
        // The same passes as the path's (on the driver or on Spark): the blocks are not collected twice.
        BlockFoldedDataLoss folded = new BlockFoldedDataLoss(data.blocks(), data.numFeatures(), spec.folds(),
                spec.seed());
        try {
            DataRequirements.checkFolds(folded.trainingStatistics(), statistics);
        } catch (RuntimeException e) {
            folded.close();
            throw e;
        }
        return folded;
    }

    /** K-fold cross-validation of the path's penalties, all folds in one pass per round. */
    private static CrossValidation.Curve crossValidate(PathSpec spec, TrainerSettings settings,
                                                       BlockFoldedDataLoss folds, List<RegularizationPath.Step> path,
                                                       List<String> names, Progress progress) {
        double[] lambdas = path.stream().mapToDouble(RegularizationPath.Step::regParam).toArray();
        CrossValidation.Curve curve = CrossValidation.run(folds, folds.trainingStatistics(), settings, lambdas, names,
                spec.seed());
        progress.info(String.format(Locale.ROOT, "%d-fold cross-validation (%d passes): lambda %.6g has the lowest "
                + "held-out mean BCE %.8g (+- %.2g); within one standard error: lambda %.6g", spec.folds(),
                curve.passes(), curve.bestRegParam(), curve.meanLoss()[curve.best()],
                curve.standardError()[curve.best()], lambdas[curve.oneStandardError()]));
        return curve;
    }

    /**
     * The summary with profile-likelihood intervals for the coefficients named (all when none is
     * named), and a note for each bound that could not be computed.
     *
     * @throws UsageException naming a coefficient that is not estimated
     */
    private static WaldInference.Result profileIntervals(FirthDataLoss loss, Fit fit, boolean[] aliased,
                                                         List<String> names, WaldInference.Result summary,
                                                         List<String> wanted) {
        int d = names.size();
        ModelSummary s = summary.summary();
        Set<String> estimated = new HashSet<>();
        s.estimatedCoefficients().forEach(c -> estimated.add(c.name()));
        for (String w : wanted) {
            if (!estimated.contains(w)) {
                throw new UsageException("{PROFILE_CI} " + w + ": not an estimated coefficient; the coefficients are "
                        + String.join(", ", estimated));
            }
        }
        ProfileLikelihood profile = new ProfileLikelihood(loss, fit.packed(), aliased);
        List<CoefficientEstimate> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CoefficientEstimate c : s.coefficients()) {
            if (!c.estimated() || !wanted.isEmpty() && !wanted.contains(c.name())) {
                rows.add(c);
                continue;
            }
            int j = c.name().equals("(Intercept)") ? d : names.indexOf(c.name());
            ProfileLikelihood.Interval interval = profile.interval(j, c.stdError());
            if (interval.low() == null || interval.high() == null) {
                notes.add("the profile-likelihood interval of " + c.name() + " could not be computed "
                        + (interval.low() == null && interval.high() == null ? "on either side"
                        : interval.low() == null ? "below" : "above")
                        + ": the constrained fits did not converge (fitted probabilities numerically 0 or 1); the "
                        + "Wald interval stands alone there");
            }
            rows.add(c.withProfile(interval.low(), interval.high()));
        }
        ModelSummary withProfiles = s.withCoefficients(rows);
        for (String note : notes) {
            withProfiles = withProfiles.withNote(note);
        }
        return new WaldInference.Result(withProfiles, summary.inverse());
    }
}
