package org.bernoulli.jobs;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.DataLoss;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.math.BlockFoldedDataLoss;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.report.PathPoint;
import org.bernoulli.train.CrossValidation;
import org.bernoulli.train.DataRequirements;
import org.bernoulli.train.Fit;
import org.bernoulli.train.RegularizationPath;
import org.bernoulli.train.TrainerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The regularization path and its cross-validation within a training job: the penalties from λmax
 * down, each fit logged and labelled in the Spark UI, the folds on the driver or on Spark as the data
 * size asks, and the path as {@code path.json} records.
 */
final class PathTraining {
    // Its lines are part of the training job's progress, under the job's logger.
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    private PathTraining() {
    }

    /** The path from λmax down to the settings' penalty, each fit logged on one line. */
    static List<RegularizationPath.Step> fitPath(TrainingJob.PathSpec spec, TrainerSettings settings, DataLoss loss,
                                                 FeatureStatistics statistics, List<String> names,
                                                 AtomicReference<String> stage, IterationMonitor monitor) {
        Regularization r = settings.penalty();
        double max = RegularizationPath.lambdaMax(statistics, r.elasticNetParam(), r.standardization());
        double min = r.regParam() > 0 ? r.regParam() : max * spec.minRatio();
        if (!(min < max)) {
            throw new IllegalArgumentException("{REG_PARAM} " + r.regParam() + " is at or above lambda max " + max
                    + ", where every coefficient is 0: a path needs a smaller penalty");
        }
        double[] lambdas = RegularizationPath.sequence(max, min, spec.length());
        LOG.info("regularization path: {} penalties from lambda max {} down to {}", lambdas.length, max, min);
        int[] step = {1};
        IterationMonitor labelled = (rec, x) -> {
            boolean go = monitor.accept(rec, x);
            stage.set("path " + step[0] + "/" + lambdas.length + ", iteration " + (rec.iteration() + 1));
            return go;
        };
        return RegularizationPath.fit(loss, statistics, names, new boolean[statistics.numFeatures()],
                settings, lambdas, true, labelled, (k, n, s) -> {
                    step[0] = k + 2;
                    LOG.info(String.format(java.util.Locale.ROOT, "path %d/%d  lambda %.6g  nonzero %d  objective %.12g"
                            + "  iterations %d  passes %d", k + 1, n, s.regParam(), s.nonZero(),
                            s.fit().optimization().value(), s.fit().optimization().iterations(),
                            s.fit().optimization().passes()));
                });
    }

    /**
     * The folds of a cross-validation and the statistics of their training rows, checked; close it to
     * release the folds' cache.
     */
    record Folds(BlockFoldedDataLoss data, List<FeatureStatistics> trainingStatistics) implements AutoCloseable {
        @Override
        public void close() {
            data.close();
        }
    }

    /**
     * The path's folds with their statistics (one pass), or null without cross-validation.
     *
     * @throws org.bernoulli.data.BadInputException when a fold has no held-out rows or training rows of one
     *                                              class only ({@link DataRequirements#checkFolds})
     */
    static Folds folds(TrainingJob.PathSpec spec, BlockDataLoss data, FeatureStatistics statistics) {
        if (spec.folds() == 0) {
            return null;
        }
        // The same passes as the path's (on the driver or on Spark): the blocks are not collected twice.
        BlockFoldedDataLoss folded = new BlockFoldedDataLoss(data.blocks(), data.numFeatures(), spec.folds(),
                spec.seed());
        Folds folds = new Folds(folded, folded.trainingStatistics());
        try {
            DataRequirements.checkFolds(folds.trainingStatistics(), statistics);
        } catch (RuntimeException e) {
            folds.close();
            throw e;
        }
        return folds;
    }

    /** K-fold cross-validation of the path's penalties, all folds in one pass per round. */
    static CrossValidation.Curve crossValidate(TrainingJob.PathSpec spec, TrainerSettings settings, Folds folds,
                                               List<RegularizationPath.Step> path, List<String> names) {
        double[] lambdas = path.stream().mapToDouble(RegularizationPath.Step::regParam).toArray();
        CrossValidation.Curve curve = CrossValidation.run(folds.data(), folds.trainingStatistics(), settings,
                lambdas, names, spec.seed());
        LOG.info(String.format(java.util.Locale.ROOT, "%d-fold cross-validation (%d passes): lambda %.6g has the "
                + "lowest held-out mean BCE %.8g (+- %.2g); within one standard error: lambda %.6g", spec.folds(),
                curve.passes(), curve.bestRegParam(), curve.meanLoss()[curve.best()],
                curve.standardError()[curve.best()], lambdas[curve.oneStandardError()]));
        return curve;
    }

    static List<PathPoint> pathPoints(List<RegularizationPath.Step> path, FeatureStatistics statistics) {
        double[] sd = statistics.sampleStdDevs();
        List<PathPoint> points = new java.util.ArrayList<>();
        for (RegularizationPath.Step s : path) {
            Fit f = s.fit();
            double[] standardized = new double[sd.length];
            for (int j = 0; j < sd.length; j++) {
                standardized[j] = f.coefficients()[j] * sd[j];
            }
            points.add(new PathPoint(s.regParam(), f.optimization().value(), f.atSolution().meanLoss(), s.nonZero(),
                    f.optimization().iterations(), f.optimization().passes(), f.optimization().stopReason().converged(),
                    f.intercept(), f.coefficients(), standardized));
        }
        return points;
    }
}
