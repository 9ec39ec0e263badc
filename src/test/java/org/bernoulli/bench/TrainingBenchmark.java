package org.bernoulli.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LibSvmParser;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.optim.StopRule;
import org.bernoulli.spark.SparkBlocks;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.spark.TrainingData;
import org.bernoulli.train.Fit;
import org.bernoulli.train.LogisticTrainer;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.TrainerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training speed, Bernoulli against MLlib {@code LogisticRegression}, in one JVM and one run, on the
 * same cached data and the same objective: mean BCE + λ((1−α)/2‖w‖² + α‖w‖₁), intercept unpenalized
 * (MLlib with elasticNetParam = α, standardization = false; α from BENCH_ALPHA, default 0). Each tool runs to tight tolerances; the target is
 * the best objective either reached, plus 1e-6 relative; the time to reach it is read from the
 * per-iteration history (Bernoulli: measured per iteration; MLlib: its fit time prorated by the
 * iteration at which its objective history first meets the target). The floor is one plain,
 * single-threaded in-memory pass over the same blocks.
 *
 * <p>Arguments: dataset (dense, sparse, heart_scale, breast_cancer), rows, features, non-zeros per
 * row (sparse), λ, repetitions, optimizer (auto), partitions of the cached data (8; both tools use
 * the same).
 */
public final class TrainingBenchmark {

    public static void main(String[] args) {
        String dataset = args.length > 0 ? args[0] : "dense";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int nnz = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        double lambda = args.length > 4 ? Double.parseDouble(args[4]) : 1e-4;
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        OptimizerChoice optimizer = OptimizerChoice.valueOf((args.length > 6 ? args[6] : "auto").toUpperCase());
        int partitions = args.length > 7 ? Integer.parseInt(args[7]) : 8;
        SparkSession spark = SparkSession.builder().appName("bernoulli-training-benchmark").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.task.maxDirectResultSize", "64m") // as conf/spark-defaults.conf
                .getOrCreate();
        try {
            if (dataset.equals("scale")) {
                scale(spark);
            } else {
                run(spark, dataset, rows, d, nnz, lambda, reps, optimizer, partitions);
            }
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, String dataset, long n, int d, int nnz, double lambda, int reps,
                            OptimizerChoice optimizer, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<LabeledRow> generated = rows(jsc, dataset, n, d, nnz);
        JavaRDD<LabeledRow> rows = generated.getNumPartitions() > partitions ? generated.coalesce(partitions, false)
                : generated;
        int width = dataset.equals("heart_scale") ? 13 : dataset.equals("breast_cancer") ? 30 : d;
        JavaRDD<FeatureBlock> blocks = rows.mapPartitions(BlockBuilder::blocks, true)
                .persist(StorageLevel.MEMORY_ONLY());
        StructType schema = new StructType().add("label", DataTypes.DoubleType)
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        int dim = width;
        Dataset<Row> df = spark.createDataFrame(rows.map(r -> RowFactory.create(r.label(),
                Vectors.sparse(dim, r.indices(), r.values()).compressed())), schema).persist(StorageLevel.MEMORY_ONLY());
        long count = df.count();
        long t0 = System.nanoTime();
        FeatureSummarizer summary = blocks.treeAggregate(new FeatureSummarizer(), FeatureSummarizer::add,
                FeatureSummarizer::merge, 2);
        double firstPass = (System.nanoTime() - t0) / 1e9; // reads, blocks and caches: not timed below
        FeatureStatistics stats = summary.result(width);
        System.out.printf("%s: %,d rows x %d features, %d partitions, lambda %g, first (caching) pass %.2f s%n",
                dataset, count, width, blocks.getNumPartitions(), lambda, firstPass);
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= width; j++) {
            names.add("x" + j);
        }

        // BENCH_ALPHA: the elastic-net mixing of both tools' penalty (0, the default, is L2).
        double alpha = Double.parseDouble(System.getenv().getOrDefault("BENCH_ALPHA", "0"));
        double[] bernoulliTotal = new double[reps];
        double[] mllibTotal = new double[reps];
        List<double[]> bernoulliHistories = new ArrayList<>();
        List<double[]> bernoulliSeconds = new ArrayList<>();
        List<double[]> mllibHistories = new ArrayList<>();
        int[] passes = new int[reps];
        String used = "";
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            FeatureStatistics timedStats = blocks.treeAggregate(new FeatureSummarizer(), FeatureSummarizer::add,
                    FeatureSummarizer::merge, 2).result(width); // the statistics pass is part of Bernoulli's fit
            double statsSeconds = (System.nanoTime() - t) / 1e9;
            // As the train command: small data is summed on the driver (TrainingData.dataLoss).
            org.bernoulli.math.DataLoss loss = (long) count * (width + 1) <= TrainingData.DRIVER_PASS_MAX_VALUES
                    ? BlockDataLoss.inMemory(blocks.collect(), width) : new BlockDataLoss(SparkBlocks.of(blocks, 2), width);
            Fit fit = new LogisticTrainer(new TrainerSettings(new org.bernoulli.model.Regularization(lambda, alpha),
                    new StopRule(1000, 1e-14, 1e-10), optimizer, 10)).fit(loss, timedStats, names, IterationMonitor.NONE);
            bernoulliTotal[r] = (System.nanoTime() - t) / 1e9;
            used = fit.optimizer();
            passes[r] = fit.optimization().passes() + 1;
            bernoulliHistories.add(fit.optimization().history().stream().mapToDouble(IterationRecord::objective).toArray());
            bernoulliSeconds.add(fit.optimization().history().stream()
                    .mapToDouble(h -> h.seconds() + statsSeconds).toArray());

            if (System.getenv("BENCH_HISTORY") != null) {
                for (IterationRecord h : fit.optimization().history()) {
                    System.out.printf("  iteration %d: passes %d, objective %.12g, %.3f s%n", h.iteration(), h.passes(),
                            h.objective(), h.seconds() + statsSeconds);
                }
            }
            t = System.nanoTime();
            LogisticRegressionModel model = new LogisticRegression().setRegParam(lambda).setElasticNetParam(alpha)
                    .setStandardization(false).setMaxIter(1000).setTol(1e-12).setAggregationDepth(2).fit(df);
            mllibTotal[r] = (System.nanoTime() - t) / 1e9;
            mllibHistories.add(model.summary().objectiveHistory());
            System.out.printf("repetition %d: Bernoulli (%s) %.2f s (statistics pass %.2f s), %d passes, objective %.12g; "
                            + "MLlib %.2f s, %d iterations, objective %.12g%n", r + 1, used, bernoulliTotal[r], statsSeconds,
                    passes[r],
                    last(bernoulliHistories.get(r)), mllibTotal[r], model.summary().totalIterations(),
                    last(mllibHistories.get(r)));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            best = Math.min(best, Math.min(min(bernoulliHistories.get(r)), min(mllibHistories.get(r))));
        }
        double target = best + 1e-6 * Math.abs(best);
        double[] bernoulliToTarget = new double[reps];
        double[] mllibToTarget = new double[reps];
        double[] perPass = new double[reps];
        for (int r = 0; r < reps; r++) {
            int k = firstAtOrBelow(bernoulliHistories.get(r), target);
            bernoulliToTarget[r] = k < 0 ? Double.NaN : bernoulliSeconds.get(r)[k];
            double[] mh = mllibHistories.get(r);
            int m = firstAtOrBelow(mh, target);
            mllibToTarget[r] = m < 0 ? Double.NaN : mllibTotal[r] * (m + 1) / mh.length;
            perPass[r] = bernoulliTotal[r] / passes[r];
        }
        List<FeatureBlock> local = blocks.collect();
        double[] x = new double[width + 1];
        Arrays.fill(x, 0.01);
        BlockDataLoss inMemory = BlockDataLoss.inMemory(local, width);
        double[] floor = new double[5];
        for (int i = 0; i < floor.length; i++) {
            long t = System.nanoTime();
            inMemory.evaluate(x);
            floor[i] = (System.nanoTime() - t) / 1e9;
        }
        double mb = median(bernoulliToTarget);
        double mm = median(mllibToTarget);
        System.out.printf("RESULT dataset=%s rows=%d features=%d lambda=%g alpha=%g optimizer=%s target=%.12g "
                        + "bernoulli_to_target_s=%.3f mllib_to_target_s=%.3f time_ratio=%.3f bernoulli_passes=%d "
                        + "bernoulli_s_per_pass=%.4f floor_s_per_pass=%.4f pass_vs_floor=%.2f bernoulli_total_s=%.2f "
                        + "mllib_total_s=%.2f%n", dataset, count, width, lambda, alpha, used, target, mb, mm, mb / mm,
                passes[0], median(perPass), median(floor), median(perPass) / median(floor), median(bernoulliTotal),
                median(mllibTotal));
        blocks.unpersist(true);
        df.unpersist(true);
    }

    /**
     * How a distributed pass (loss and gradient) grows with rows, features and partitions, three
     * sizes each around 1,000,000 × 100 on 8 partitions, and the bytes the tasks send back to the
     * driver per pass (task result sizes, from a listener).
     */
    private static void scale(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long[] resultBytes = new long[1];
        spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    synchronized (resultBytes) {
                        resultBytes[0] += end.taskMetrics().resultSize();
                    }
                }
            }
        });
        int[][] configs = {
            {250_000, 100, 8}, {500_000, 100, 8}, {1_000_000, 100, 8},
            {1_000_000, 25, 8}, {1_000_000, 50, 8},
            {1_000_000, 100, 2}, {1_000_000, 100, 4}};
        for (int[] c : configs) {
            JavaRDD<FeatureBlock> blocks = rows(jsc, "dense", c[0], c[1], 0)
                    .mapPartitions(BlockBuilder::blocks, true)
                    .coalesce(c[2], false).persist(StorageLevel.MEMORY_ONLY());
            blocks.count();
            SparkBlocks<FeatureBlock> passes = SparkBlocks.of(blocks, SparkBlocks.AUTO_DEPTH);
            BlockDataLoss loss = new BlockDataLoss(passes, c[1]);
            double[] x = new double[c[1] + 1];
            Arrays.fill(x, 0.01);
            loss.evaluate(x);
            double[] seconds = new double[5];
            long bytes = 0;
            for (int i = 0; i < seconds.length; i++) {
                synchronized (resultBytes) {
                    resultBytes[0] = 0;
                }
                long t = System.nanoTime();
                loss.evaluate(x);
                seconds[i] = (System.nanoTime() - t) / 1e9;
                try {
                    Thread.sleep(200); // let the listener bus deliver the task-end events
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (resultBytes) {
                    bytes = resultBytes[0];
                }
            }
            System.out.printf("SCALE rows=%d features=%d partitions=%d depth=%d s_per_pass=%.4f result_bytes_per_pass=%d "
                    + "broadcast_bytes=%d%n", c[0], c[1], c[2], passes.depth(16L * (c[1] + 1)), median(seconds), bytes, 8L * (c[1] + 1));
            blocks.unpersist(true);
        }
    }

    /** Rows generated on the executors (or the bundled data), deterministic per partition. */
    private static JavaRDD<LabeledRow> rows(JavaSparkContext jsc, String dataset, long n, int d, int nnz) {
        if (dataset.equals("heart_scale") || dataset.equals("breast_cancer")) {
            try {
                List<String> lines = Files.readAllLines(Path.of("src/data/" + dataset + ".libsvm"));
                LibSvmParser parser = new LibSvmParser(0);
                return jsc.parallelize(lines, 2).map(parser::parse);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        boolean sparse = dataset.equals("sparse");
        int partitions = 8;
        long perPartition = (n + partitions - 1) / partitions;
        List<Integer> seeds = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            seeds.add(p);
        }
        return jsc.parallelize(seeds, partitions).flatMap(p -> {
            Random random = new Random(1000 + p);
            Random truth = new Random(7);
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = truth.nextGaussian() * (sparse ? 1.0 : 0.2);
            }
            List<LabeledRow> out = new ArrayList<>();
            for (long i = 0; i < perPartition; i++) {
                int[] idx;
                double[] val;
                if (sparse) {
                    java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
                    while (set.size() < nnz) {
                        set.add(random.nextInt(d));
                    }
                    idx = set.stream().mapToInt(Integer::intValue).toArray();
                    val = new double[nnz];
                    Arrays.fill(val, 1.0);
                } else {
                    idx = new int[d];
                    val = new double[d];
                    for (int j = 0; j < d; j++) {
                        idx[j] = j;
                        val[j] = random.nextGaussian() + (j % 5);
                    }
                }
                double z = -0.5;
                for (int k = 0; k < idx.length; k++) {
                    z += w[idx[k]] * (val[k] - (sparse ? 0 : idx[k] % 5));
                }
                double y = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                out.add(new LabeledRow(y, 1.0, idx, val));
            }
            return out.iterator();
        });
    }

    private static int firstAtOrBelow(double[] history, double target) {
        for (int i = 0; i < history.length; i++) {
            if (history[i] <= target) {
                return i;
            }
        }
        return -1;
    }

    private static double last(double[] v) {
        return v[v.length - 1];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
