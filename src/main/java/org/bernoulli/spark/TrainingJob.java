package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.InputSpec;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.Regularization;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.train.Fit;
import org.bernoulli.train.LogisticTrainer;
import org.bernoulli.train.TrainerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The whole training job on Spark: check the output, read and cache the data, fit, write the
 * model directory. Nothing is written unless the fit succeeds.
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    /**
     * @param input            the training data
     * @param outputDir        the model directory to write
     * @param overwrite        whether an existing model directory may be replaced
     * @param settings         penalty and stop rule
     * @param aggregationDepth treeAggregate depth
     */
    public record Request(InputSpec input, String outputDir, boolean overwrite, TrainerSettings settings,
                          int aggregationDepth) {
    }

    private TrainingJob() {
    }

    /** Runs the job and returns the model it wrote. */
    public static LogisticModel run(SparkSession spark, Request request) {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        StagedOutput.checkWritable(conf, request.outputDir(), request.overwrite());
        try (TrainingData data = TrainingDataReader.read(spark, request.input(), request.aggregationDepth())) {
            LOG.info("read {} rows, {} features, {} partitions from {}", data.statistics().rows(), data.numFeatures(),
                    data.partitions(), request.input().path());
            DistributedDataLoss loss = new DistributedDataLoss(data.blocks(), data.numFeatures(),
                    request.aggregationDepth());
            Fit fit = new LogisticTrainer(request.settings())
                    .fit(loss, data.statistics(), data.featureNames(), TrainingJob::logIteration);
            fit.warnings().forEach(w -> LOG.warn(w));
            LogisticModel model = new LogisticModel(LogisticModel.FORMAT_VERSION, fit.intercept(), fit.coefficients(),
                    data.numFeatures(), data.featureNames(), Regularization.l2(request.settings().regParam()),
                    provenance(spark, request, data, fit, (System.nanoTime() - start) / 1e9));
            ModelDirectory.write(conf, request.outputDir(), model, request.overwrite());
            LOG.info("model written to {}", request.outputDir());
            return model;
        }
    }

    private static boolean logIteration(IterationRecord r, double[] x) {
        LOG.info(String.format("iteration %4d  objective %.12g  |grad| %.3e  step %.3e  passes %d  %.2fs",
                r.iteration(), r.objective(), r.gradientNorm(), r.step(), r.passes(), r.seconds()));
        return true;
    }

    private static TrainingProvenance provenance(SparkSession spark, Request request, TrainingData data, Fit fit,
                                                 double seconds) {
        var opt = fit.optimization();
        var stop = request.settings().stopRule();
        double[] history = opt.history().stream().mapToDouble(IterationRecord::objective).toArray();
        String version = TrainingJob.class.getPackage().getImplementationVersion();
        return new TrainingProvenance(request.input().path(), request.input().format().name().toLowerCase(),
                data.statistics().rows(), data.statistics().weightSum(), data.statistics().positiveRows(),
                fit.optimizer(), stop.maxIterations(), stop.objectiveTol(), stop.gradientTol(), data.partitions(),
                opt.iterations(), opt.passes(), opt.stopReason().name(), opt.stopReason().converged(), opt.value(),
                fit.atSolution().meanLoss(), -fit.atSolution().negLogLikelihood(),
                opt.history().get(opt.history().size() - 1).gradientNorm(), history, fit.warnings(), spark.version(),
                version != null ? version : "development", System.getProperty("java.version"), seconds,
                Instant.now().toString());
    }
}
