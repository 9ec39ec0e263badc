package org.bernoulli.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.spark.SparkBlocks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One distributed pass (loss and gradient) over ROWS × FEATURES dense rows cached on
 * {@code local[2]} in 2 partitions, against two floors measured in the same run over the same
 * blocks (generated again on the driver: the same values in the same layout), on two threads, one
 * per partition's blocks:
 * <ul>
 *   <li>the fused-loop floor: each row swept once — margin with four accumulators, loss and
 *       residual from one exponential, gradient added plainly, no compensation at all — and the
 *       same without the loss (margin, residual and gradient only: less than a pass must do);</li>
 *   <li>the streaming floor: every value read once and summed (four accumulators), the memory
 *       bandwidth bound.</li>
 * </ul>
 * Medians of REPS timed repetitions after two warm-ups of each. Prints a RESULT line.
 * Arguments: ROWS (1000000), FEATURES (100), REPS (7).
 *
 * <p>{@code spill ROWS FEATURES REPS}: the cost of a pass when the cached blocks exceed the storage
 * memory (run it with the embedded driver's default heap, 4 GiB): ROWS/10 rows first, which fit in
 * memory, then ROWS, cached {@code MEMORY_AND_DISK} in 8 partitions, each with the seconds per pass,
 * per million rows, the cache's bytes in memory and on disk, and a whole fit (statistics pass and
 * optimizer, defaults) over the same cache. Prints a SPILL line per size.
 *
 * <p>{@code hessian ROWS FEATURES REPS} (1,000,000 × 20 × 7): Newton's pass on the driver engine —
 * loss, gradient and Hessian over ROWS × FEATURES dense rows held in the heap, reduced on every core
 * ({@link org.bernoulli.math.LocalBlocks}) — against its fused-loop floor over the same blocks on as
 * many threads: each row swept once, margin, loss, residual and curvature from one exponential, the
 * gradient and the upper triangle of the Hessian (a rank-1 update per row) added plainly, nothing
 * compensated. Prints a RESULT line.
 *
 * <p>{@code hessian-vector ROWS FEATURES REPS} (1,000,000 × 100 × 7): trust-region Newton's pass on the
 * driver engine — the data Hessian times a direction, H·u, without forming H — against its fused-loop
 * floor over the same blocks on as many threads: each row's margins at θ and along u, its curvature
 * from one exponential, and c·x̃ added plainly. Prints a RESULT line.
 *
 * <p>{@code sparse ROWS FEATURES NNZ REPS} (1,000,000 × 1,000, 20 non-zeros per row, 7): the loss and
 * gradient pass of the driver engine over rows stored sparse (compressed rows), against its fused-loop
 * floor over the same blocks on as many threads: each row's margin from its non-zeros, loss and
 * residual from one exponential, the gradient scattered plainly. Prints a RESULT line.
 */
public final class PassBenchmark {

    private PassBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hessian")) {
            hessian(args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L,
                    args.length > 2 ? Integer.parseInt(args[2]) : 20, args.length > 3 ? Integer.parseInt(args[3]) : 7);
            return;
        }
        if (args.length > 0 && args[0].equals("hessian-vector")) {
            hessianVector(args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L,
                    args.length > 2 ? Integer.parseInt(args[2]) : 100, args.length > 3 ? Integer.parseInt(args[3]) : 7);
            return;
        }
        if (args.length > 0 && args[0].equals("sparse")) {
            sparse(args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L, args.length > 2 ? Integer.parseInt(args[2]) : 1000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 20, args.length > 4 ? Integer.parseInt(args[4]) : 7);
            return;
        }
        if (args.length > 0 && args[0].equals("spill")) {
            spill(Long.parseLong(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        SparkSession spark = SparkSession.builder().appName("bernoulli-pass-benchmark").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<Integer> parts = List.of(0, 1);
            long half = n / 2;
            JavaRDD<FeatureBlock> blocks = jsc.parallelize(parts, 2)
                    .mapPartitions(p -> generate(p.next(), half, d).iterator(), true)
                    .persist(StorageLevel.MEMORY_ONLY());
            blocks.count();
            // The floors' blocks: the same generator on the driver, the same arrays' contents.
            List<FeatureBlock> all = new ArrayList<>(generate(0, half, d));
            all.addAll(generate(1, half, d));
            BlockDataLoss loss = new BlockDataLoss(SparkBlocks.of(blocks, SparkBlocks.AUTO_DEPTH), d);
            double[] theta = new double[d + 1];
            Arrays.fill(theta, 0.01);
            List<List<FeatureBlock>> halves = List.of(all.subList(0, all.size() / 2), all.subList(all.size() / 2,
                    all.size()));
            double[] pass = new double[reps];
            double[] fused = new double[reps];
            double[] fusedNoLoss = new double[reps];
            double[] stream = new double[reps];
            double[] sink = new double[1];
            for (int r = -2; r < reps; r++) {
                double p = seconds(() -> sink[0] += loss.evaluate(theta, false).meanLoss());
                double f = seconds(() -> sink[0] += parallel(threads, halves, h -> fusedFloor(h, theta, true)));
                double g = seconds(() -> sink[0] += parallel(threads, halves, h -> fusedFloor(h, theta, false)));
                double m = seconds(() -> sink[0] += parallel(threads, halves, PassBenchmark::streamFloor));
                if (r >= 0) {
                    pass[r] = p;
                    fused[r] = f;
                    fusedNoLoss[r] = g;
                    stream[r] = m;
                }
            }
            System.out.printf(Locale.ROOT, "RESULT pass rows=%d features=%d reps=%d pass_s=%.4f fused_floor_s=%.4f "
                    + "fused_floor_without_loss_s=%.4f stream_floor_s=%.4f pass_over_fused_floor=%.2f "
                    + "pass_over_floor_without_loss=%.2f (checksum %.3g)%n", n, d, reps, median(pass), median(fused),
                    median(fusedNoLoss), median(stream), median(pass) / median(fused),
                    median(pass) / median(fusedNoLoss), sink[0]);
        } finally {
            threads.shutdown();
            spark.stop();
        }
    }

    /** ROWS × FEATURES dense rows in the driver's heap, generated in one share per core. */
    private static List<FeatureBlock> driverBlocks(long n, int d, int cores) {
        List<FeatureBlock> all = new ArrayList<>();
        for (int p = 0; p < cores; p++) {
            all.addAll(generate(p, n / cores, d));
        }
        return all;
    }

    private static void hessian(long n, int d, int reps) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<FeatureBlock> all = driverBlocks(n, d, cores);
        BlockDataLoss loss = new BlockDataLoss(new org.bernoulli.math.LocalBlocks<>(all), d);
        double[] theta = new double[d + 1];
        Arrays.fill(theta, 0.01);
        List<List<FeatureBlock>> parts = split(all, cores);
        double[] t = againstFloor(reps, parts, () -> loss.evaluate(theta, true).hessian()[1],
                b -> hessianFloor(b, theta));
        System.out.printf(Locale.ROOT, "RESULT hessian rows=%d features=%d threads=%d reps=%d pass_s=%.4f "
                + "fused_floor_s=%.4f pass_over_fused_floor=%.2f (checksum %.3g)%n", n, d, cores, reps, t[0], t[1],
                t[0] / t[1], t[2]);
    }

    private static void hessianVector(long n, int d, int reps) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<FeatureBlock> all = driverBlocks(n, d, cores);
        BlockDataLoss loss = new BlockDataLoss(new org.bernoulli.math.LocalBlocks<>(all), d);
        double[] theta = new double[d + 1];
        double[] direction = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            theta[j] = 0.01;
            direction[j] = j % 2 == 0 ? 0.1 : -0.05;
        }
        List<List<FeatureBlock>> parts = split(all, cores);
        double[] t = againstFloor(reps, parts, () -> loss.hessianVector(theta, direction)[1],
                b -> hessianVectorFloor(b, theta, direction));
        System.out.printf(Locale.ROOT, "RESULT hessian-vector rows=%d features=%d threads=%d reps=%d pass_s=%.4f "
                + "fused_floor_s=%.4f pass_over_fused_floor=%.2f (checksum %.3g)%n", n, d, cores, reps, t[0], t[1],
                t[0] / t[1], t[2]);
    }

    /** Each row's margins at θ and along u, its curvature from one exponential, c·x added; plain sums. */
    private static double hessianVectorFloor(List<FeatureBlock> blocks, double[] theta, double[] direction) {
        int d = theta.length - 1;
        double[] hv = new double[d + 1];
        for (FeatureBlock block : blocks) {
            double[] x = ((DenseMatrix) block.matrix()).values();
            int rows = block.labels().length;
            for (int i = 0, base = 0; i < rows; i++, base += d) {
                double z = denseMargin(theta, x, base, d);
                double zu = denseMargin(direction, x, base, d);
                double e = Math.exp(-Math.abs(z));
                double c = e / ((1 + e) * (1 + e)) * zu;
                hv[d] += c;
                for (int k = 0; k < d; k++) {
                    hv[k] += c * x[base + k];
                }
            }
        }
        return hv[0] + hv[1];
    }

    /**
     * The medians of REPS timed runs of a pass and of its floor (on one thread per part), after two
     * warm-ups of each, and a checksum of their results (so that neither is optimized away).
     */
    private static double[] againstFloor(int reps, List<List<FeatureBlock>> parts,
                                         java.util.function.DoubleSupplier pass, Kernel floor) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(parts.size());
        try {
            double[] passes = new double[reps];
            double[] floors = new double[reps];
            double[] sink = new double[1];
            for (int r = -2; r < reps; r++) {
                double p = seconds(() -> sink[0] += pass.getAsDouble());
                double f = seconds(() -> sink[0] += parallel(threads, parts, floor));
                if (r >= 0) {
                    passes[r] = p;
                    floors[r] = f;
                }
            }
            return new double[] {median(passes), median(floors), sink[0]};
        } finally {
            threads.shutdown();
        }
    }

    private static void sparse(long n, int d, int nnz, int reps) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<FeatureBlock> all = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (long done = 0; done < n; ) {
            int rows = (int) Math.min(BlockBuilder.DEFAULT_BLOCK_ROWS, n - done);
            int[] start = new int[rows + 1];
            int[] idx = new int[rows * nnz];
            double[] val = new double[rows * nnz];
            double[] labels = new double[rows];
            double[] weights = new double[rows];
            Arrays.fill(weights, 1.0);
            for (int i = 0; i < rows; i++) {
                start[i + 1] = start[i] + nnz;
                java.util.TreeSet<Integer> picked = new java.util.TreeSet<>();
                while (picked.size() < nnz) {
                    picked.add(random.nextInt(d));
                }
                int k = i * nnz;
                for (int j : picked) {
                    idx[k] = j;
                    val[k++] = random.nextGaussian();
                }
                labels[i] = random.nextBoolean() ? 1 : 0;
            }
            all.add(new FeatureBlock(labels, weights, new org.bernoulli.data.SparseRowMatrix(start, idx, val, d)));
            done += rows;
        }
        BlockDataLoss loss = new BlockDataLoss(new org.bernoulli.math.LocalBlocks<>(all), d);
        double[] theta = new double[d + 1];
        Arrays.fill(theta, 0.01);
        List<List<FeatureBlock>> parts = split(all, cores);
        double[] t = againstFloor(reps, parts, () -> loss.evaluate(theta, false).meanLoss(), b -> sparseFloor(b, theta));
        System.out.printf(Locale.ROOT, "RESULT sparse rows=%d features=%d nnz_per_row=%d threads=%d reps=%d "
                + "pass_s=%.4f fused_floor_s=%.4f pass_over_fused_floor=%.2f (checksum %.3g)%n", n, d, nnz, cores,
                reps, t[0], t[1], t[0] / t[1], t[2]);
    }

    /** Margin from the row's non-zeros, loss and residual from one exponential, gradient scattered; plain sums. */
    private static double sparseFloor(List<FeatureBlock> blocks, double[] theta) {
        int d = theta.length - 1;
        double[] g = new double[d + 1];
        double lossSum = 0;
        for (FeatureBlock block : blocks) {
            org.bernoulli.data.SparseRowMatrix m = (org.bernoulli.data.SparseRowMatrix) block.matrix();
            int[] start = m.rowStart();
            int[] idx = m.indices();
            double[] x = m.values();
            double[] y = block.labels();
            for (int i = 0; i < y.length; i++) {
                double z = theta[d];
                for (int k = start[i]; k < start[i + 1]; k++) {
                    z += theta[idx[k]] * x[k];
                }
                double u = y[i] > 0.5 ? -z : z;
                double e = Math.exp(-Math.abs(u));
                lossSum += Math.max(u, 0) + Math.log1p(e);
                double sigma = u >= 0 ? 1 / (1 + e) : e / (1 + e);
                double r = y[i] > 0.5 ? -sigma : sigma;
                g[d] += r;
                for (int k = start[i]; k < start[i + 1]; k++) {
                    g[idx[k]] += r * x[k];
                }
            }
        }
        return lossSum + g[0];
    }

    /** The blocks cut into {@code cores} consecutive parts, one per floor thread. */
    private static List<List<FeatureBlock>> split(List<FeatureBlock> all, int cores) {
        List<List<FeatureBlock>> parts = new ArrayList<>();
        for (int p = 0; p < cores; p++) {
            parts.add(all.subList(p * all.size() / cores, (p + 1) * all.size() / cores));
        }
        return parts;
    }

    /** Margin, loss, residual, curvature, gradient and the Hessian's upper triangle in one sweep per row; plain sums. */
    private static double hessianFloor(List<FeatureBlock> blocks, double[] theta) {
        int d = theta.length - 1;
        int n = d + 1;
        double[] g = new double[n];
        double[] h = new double[n * n];
        double lossSum = 0;
        for (FeatureBlock block : blocks) {
            double[] x = ((DenseMatrix) block.matrix()).values();
            double[] y = block.labels();
            for (int i = 0, base = 0; i < y.length; i++, base += d) {
                double z = denseMargin(theta, x, base, d);
                double u = y[i] > 0.5 ? -z : z;
                double e = Math.exp(-Math.abs(u));
                lossSum += Math.max(u, 0) + Math.log1p(e);
                double sigma = u >= 0 ? 1 / (1 + e) : e / (1 + e);
                double c = e / ((1 + e) * (1 + e));
                double r = y[i] > 0.5 ? -sigma : sigma;
                g[d] += r;
                for (int k = 0; k < d; k++) {
                    double xk = x[base + k];
                    g[k] += r * xk;
                    double a = c * xk;
                    int row = k * n;
                    for (int m = k; m < d; m++) {
                        h[row + m] += a * x[base + m];
                    }
                    h[row + d] += a;
                }
                h[d * n + d] += c;
            }
        }
        return lossSum + g[0] + h[1];
    }

    private static void spill(long rows, int d, int reps) {
        SparkSession spark = SparkSession.builder().appName("bernoulli-spill-benchmark").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            for (long n : new long[] {rows / 10, rows}) {
                int partitions = 8;
                long perPartition = n / partitions;
                List<Integer> parts = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    parts.add(p);
                }
                JavaRDD<FeatureBlock> blocks = jsc.parallelize(parts, partitions)
                        .flatMap(p -> generate(p, perPartition, d).iterator())
                        .persist(StorageLevel.MEMORY_AND_DISK());
                long filled = System.nanoTime();
                blocks.count();
                double fill = (System.nanoTime() - filled) / 1e9;
                long memory = 0;
                long disk = 0;
                for (org.apache.spark.storage.RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
                    if (info.id() == blocks.id()) {
                        memory = info.memSize();
                        disk = info.diskSize();
                    }
                }
                BlockDataLoss loss = new BlockDataLoss(SparkBlocks.of(blocks, SparkBlocks.AUTO_DEPTH), d);
                double[] theta = new double[d + 1];
                Arrays.fill(theta, 0.01);
                double[] pass = new double[reps];
                for (int r = -1; r < reps; r++) {
                    long t = System.nanoTime();
                    loss.evaluate(theta, false);
                    if (r >= 0) {
                        pass[r] = (System.nanoTime() - t) / 1e9;
                    }
                }
                // And a whole fit over the same cache: the statistics pass, then the optimizer's passes.
                long fitStart = System.nanoTime();
                org.bernoulli.data.FeatureStatistics statistics = org.bernoulli.spark.TrainingDataReader.summarize(
                        blocks, 0, d, "statistics").result(d);
                org.bernoulli.train.Fit fit = new org.bernoulli.train.LogisticTrainer(
                        new org.bernoulli.train.TrainerSettings(0, new org.bernoulli.optim.StopRule(100, 1e-9, 1e-7)))
                        .fit(loss, statistics, names(d), org.bernoulli.optim.IterationMonitor.NONE);
                double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
                System.out.printf(Locale.ROOT, "SPILL rows=%d features=%d heap_gib=%.1f cached_mib_memory=%.0f "
                        + "cached_mib_disk=%.0f fill_s=%.1f pass_s=%.3f pass_s_per_million_rows=%.4f fit=%s "
                        + "fit_iterations=%d fit_passes=%d fit_s=%.1f mean_bce=%.12g%n", n, d,
                        Runtime.getRuntime().maxMemory() / 1073741824.0, memory / 1048576.0, disk / 1048576.0, fill,
                        median(pass), median(pass) / (n / 1e6), fit.optimization().stopReason(),
                        fit.optimization().iterations(), fit.optimization().passes(), fitSeconds,
                        fit.optimization().value());
                blocks.unpersist(true);
            }
        } finally {
            spark.stop();
        }
    }

    private static List<String> names(int d) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return names;
    }

    /** One partition's blocks: {@code rows} rows of standard normal features and logistic labels. */
    private static List<FeatureBlock> generate(int part, long rows, int d) {
        java.util.Random random = new java.util.Random(100 + part);
        List<FeatureBlock> out = new ArrayList<>();
        for (long done = 0; done < rows; ) {
            int n = (int) Math.min(BlockBuilder.DEFAULT_BLOCK_ROWS, rows - done);
            double[] values = new double[n * d];
            double[] labels = new double[n];
            double[] weights = new double[n];
            Arrays.fill(weights, 1.0);
            for (int i = 0; i < n; i++) {
                double z = -0.5;
                for (int j = 0; j < d; j++) {
                    double x = random.nextGaussian();
                    values[i * d + j] = x;
                    z += (j % 7 - 3) * 0.05 * x;
                }
                labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            }
            out.add(new FeatureBlock(labels, weights, new DenseMatrix(n, d, values)));
            done += n;
        }
        return out;
    }

    @FunctionalInterface
    private interface Timed {
        void run() throws Exception;
    }

    private static double seconds(Timed timed) throws Exception {
        long t = System.nanoTime();
        timed.run();
        return (System.nanoTime() - t) / 1e9;
    }

    @FunctionalInterface
    private interface Kernel {
        double run(List<FeatureBlock> blocks);
    }

    private static double parallel(ExecutorService threads, List<List<FeatureBlock>> halves, Kernel kernel)
            throws Exception {
        List<Future<Double>> results = new ArrayList<>();
        for (List<FeatureBlock> h : halves) {
            results.add(threads.submit(() -> kernel.run(h)));
        }
        double s = 0;
        for (Future<Double> f : results) {
            s += f.get();
        }
        return s;
    }

    /** A dense row's margin θ·x + b with four independent partial sums, as the fused pass computes it. */
    private static double denseMargin(double[] theta, double[] x, int base, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += theta[j] * x[base + j];
            s1 += theta[j + 1] * x[base + j + 1];
            s2 += theta[j + 2] * x[base + j + 2];
            s3 += theta[j + 3] * x[base + j + 3];
        }
        for (; j < d; j++) {
            s0 += theta[j] * x[base + j];
        }
        return theta[d] + (s0 + s1) + (s2 + s3);
    }

    /** Margin, loss, residual and gradient in one sweep per row; plain sums only. */
    private static double fusedFloor(List<FeatureBlock> blocks, double[] theta, boolean withLoss) {
        int d = theta.length - 1;
        double[] g = new double[d + 1];
        double lossSum = 0;
        for (FeatureBlock block : blocks) {
            double[] x = ((DenseMatrix) block.matrix()).values();
            double[] y = block.labels();
            for (int i = 0, base = 0; i < y.length; i++, base += d) {
                double z = denseMargin(theta, x, base, d);
                double u = y[i] > 0.5 ? -z : z;
                double e = Math.exp(-Math.abs(u));
                if (withLoss) {
                    lossSum += Math.max(u, 0) + Math.log1p(e);
                }
                double sigma = u >= 0 ? 1 / (1 + e) : e / (1 + e);
                double r = y[i] > 0.5 ? -sigma : sigma;
                g[d] += r;
                for (int k = 0; k < d; k++) {
                    g[k] += r * x[base + k];
                }
            }
        }
        return lossSum + g[0];
    }

    /** Every value read once. */
    private static double streamFloor(List<FeatureBlock> blocks) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (FeatureBlock block : blocks) {
            double[] x = ((DenseMatrix) block.matrix()).values();
            int j = 0;
            for (; j + 3 < x.length; j += 4) {
                s0 += x[j];
                s1 += x[j + 1];
                s2 += x[j + 2];
                s3 += x[j + 3];
            }
            for (; j < x.length; j++) {
                s0 += x[j];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
