package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.files.StagedOutput;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.jobs.ParquetRowWriter.Column;
import org.bernoulli.local.LocalFiles;
import org.bernoulli.spark.HadoopFileStore;
import org.bernoulli.spark.InputFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scoring on the driver alone, with no Spark session ({@code score ENGINE local}, or
 * {@code auto} for LIBSVM and CSV files of this machine written as Parquet): the files read line by
 * line on this thread in batches ({@link ScoredBatch}), the batches scored on the other cores by the
 * {@link TextRowScorer} the Spark path uses, one per thread, and written back here in the order of
 * their lines by Parquet's own writer into one file — the same columns, values, line numbers (counted as
 * the lines are read, so the input is read once), row accounting, bad-record policies and staged,
 * all-or-nothing output as {@link ScoringJob}.
 */
final class DriverScoring implements ScoringRun.Engine {

    /** The one data file of a driver run's output (Spark's part files are named alike). */
    static final String PART_FILE = "part-00000.snappy.parquet";

    private final Configuration conf;

    DriverScoring(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Configuration hadoopConfiguration() {
        return conf;
    }


    /** Why the driver cannot run a scoring request, or null when it can (the master is checked apart). */
    static String whyNot(ScoringRequest request) {
        if (request.outputFormat() != ScoringRequest.OutputFormat.PARQUET) {
            return "{OUTPUT_FORMAT} " + request.outputFormat().name().toLowerCase(java.util.Locale.ROOT)
                    + " is written by Spark's writer";
        }
        return whyNot(request.source(), request.output(), request.policy().quarantinePath());
    }

    /**
     * Why the driver cannot read a source (and write the outputs named), or null when it can: LIBSVM
     * or CSV files of this machine, plain or gzip.
     */
    static String whyNot(ScoreSource source, String... outputs) {
        if (source.format() != InputFormat.LIBSVM && source.format() != InputFormat.CSV) {
            return "the input is read by Spark's " + source.format().name().toLowerCase(java.util.Locale.ROOT)
                    + " reader";
        }
        List<String> paths = new ArrayList<>(java.util.Arrays.asList(outputs));
        paths.add(source.path());
        for (String path : paths) {
            String why = path == null ? null : LocalFiles.whyNotLocal(path);
            if (why != null) {
                return path + " is " + why;
            }
        }
        return null;
    }

    @Override
    public RowAccounting score(ScoringRequest request, ScoringChecks.Checked checked, StagedOutput out,
                               PhaseClock clock) {
        List<FileStatus> files = InputFiles.list(conf, request.source().path());
        ScoringInput.TextScoring text = ScoringInput.textScoring(conf, files, request.source(), checked.model(),
                checked.covariances());
        BadRecordPolicy policy = request.policy();
        Layout layout = new Layout(text, request.source().idColumn() != null, checked.covariances() != null,
                checked.classes());
        try (Quarantine rejected = policy.mode() == BadRecordPolicy.Mode.QUARANTINE
                ? new Quarantine(conf, policy.quarantinePath(), request.overwrite()) : null) {
            mkdirs(out);
            clock.begin(ScoringChecks.SCORING_PHASE);
            Sink sink;
            try (ParquetRowWriter writer = new ParquetRowWriter(conf, new Path(out.staging(), PART_FILE),
                    layout.columns)) {
                sink = new Sink(writer, layout, policy, rejected, org.bernoulli.math.Logistic.logit(request.threshold()));
                read(conf, files, request.source(), checked, text, sink);
            } catch (IOException | UncheckedIOException | org.apache.hadoop.fs.FSError
                     | org.apache.parquet.ParquetRuntimeException e) {
                throw org.bernoulli.data.WriteFailedException.writing(request.output(), e);
            }
            RowAccounting accounting = new RowAccounting(sink.read, sink.scored, sink.read - sink.scored);
            if (rejected != null && accounting.rowsRejected() > 0) {
                rejected.commit();
            }
            touch(out, "_SUCCESS");
            return accounting;
        }
    }

    /** Receives an input's scored lines in the order of the lines, and each file's first line when it is a header. */
    interface LineSink {
        /** A file's first line, to be checked as its header. */
        void header(TextRowScorer scorer, String file, String line);

        /** The next batch of scored lines. */
        void write(ScoredBatch batch);
    }

    /**
     * Reads the files' lines in batches on this thread, scores the batches on the other cores (each
     * thread its own scorer: a scorer keeps the row it is reading) and hands them to {@code sink} in
     * the order of their lines.
     */
    static void read(Configuration conf, List<FileStatus> files, ScoreSource source, ScoringChecks.Checked checked,
                     ScoringInput.TextScoring text, LineSink sink) {
        ThreadLocal<TextRowScorer> scorers = ThreadLocal.withInitial(() -> ScoringInput.textScoring(conf, files,
                source, checked.model(), checked.covariances()).scorer());
        int predictors = reader(text).margins().count();
        boolean withStandardErrors = checked.covariances() != null;
        int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bernoulli-scoring");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<ScoredBatch>> inFlight = new ArrayDeque<>();
            TextRowScorer reader = reader(text);
            for (FileStatus status : files) {
                String file = status.getPath().toString();
                ScoredBatch[] batch = {new ScoredBatch(file, predictors, withStandardErrors)};
                LocalFiles.forEachLine(java.nio.file.Path.of(status.getPath().toUri()), (number, line) -> {
                    switch (reader.role(number == 1, line)) {
                        case HEADER -> sink.header(reader, file, line);
                        case DATA -> {
                            batch[0].add(number, line);
                            if (batch[0].isFull()) {
                                submit(pool, scorers, batch[0], inFlight, sink, 2 * threads);
                                batch[0] = new ScoredBatch(file, predictors, withStandardErrors);
                            }
                        }
                        case SKIP -> { }
                    }
                });
                submit(pool, scorers, batch[0], inFlight, sink, 0);
            }
            while (!inFlight.isEmpty()) {
                sink.write(take(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static TextRowScorer reader(ScoringInput.TextScoring text) {
        return text.scorer();
    }

    /** Scoring threads at most: reading and writing stay on the calling thread. */
    private static final int MAX_THREADS = 4;

    /**
     * Hands a batch to the scoring threads and, while more than {@code limit} are in flight, writes
     * the oldest: batches are written in the order of their lines.
     */
    private static void submit(ExecutorService pool, ThreadLocal<TextRowScorer> scorers, ScoredBatch batch,
                               Deque<Future<ScoredBatch>> inFlight, LineSink sink, int limit) {
        if (batch.size > 0) {
            inFlight.add(pool.submit(() -> batch.score(scorers.get())));
        }
        while (inFlight.size() > limit && !inFlight.isEmpty()) {
            sink.write(take(inFlight.poll()));
        }
    }

    private static ScoredBatch take(Future<ScoredBatch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw org.bernoulli.math.DriverThreads.unwrap(e, "scoring");
        }
    }

    /** Where scored lines go, in order: the output, or under the bad-record policy the failure or the quarantine. */
    private static final class Sink implements LineSink {
        private final ParquetRowWriter writer;
        private final Layout layout;
        private final BadRecordPolicy policy;
        private final Quarantine quarantine;
        private final double cut;
        private String file;
        private Binary fileName;
        long read;
        long scored;

        Sink(ParquetRowWriter writer, Layout layout, BadRecordPolicy policy, Quarantine quarantine, double cut) {
            this.writer = writer;
            this.layout = layout;
            this.policy = policy;
            this.quarantine = quarantine;
            this.cut = cut;
        }

        /** A file's first line, checked as its header; a bad header is a bad line 1. */
        @Override
        public void header(TextRowScorer scorer, String file, String line) {
            try {
                scorer.checkHeader(line);
            } catch (RecordFormatException e) {
                read++;
                reject(file, 1, e.getMessage(), line);
            }
        }

        @Override
        public void write(ScoredBatch batch) {
            if (!batch.file.equals(file)) {
                file = batch.file;
                fileName = Binary.fromString(file);
            }
            try {
                for (int i = 0; i < batch.size; i++) {
                    read++;
                    if (batch.reasons[i] != null) {
                        reject(file, batch.numbers[i], batch.reasons[i], batch.lines[i]);
                    } else {
                        layout.write(writer, batch, i, fileName, cut);
                        scored++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void reject(String file, long line, String reason, String raw) {
            if (policy.mode() == BadRecordPolicy.Mode.FAIL) {
                throw new BadInputException(file + " line " + line + ": " + reason);
            }
            if (quarantine != null) {
                quarantine.add(file, line, reason, raw);
            }
        }
    }

    /** The output's columns ({@link ScoredColumn#output}) and how a scored line fills them. */
    private static final class Layout {
        final List<Column> columns = new ArrayList<>();
        /** What each column holds, in order. */
        private final ScoredColumn.Slot[] slots;

        /** For a model of more than two classes, its classes (else null) and one row's probabilities. */
        private final List<String> classes;
        private final double[] probabilities;
        private final double[] eta;

        Layout(ScoringInput.TextScoring text, boolean byId, boolean withStandardErrors, List<String> classes) {
            List<ScoredColumn.Slot> output = ScoredColumn.output(byId ? textIdName(text) : null,
                    ScoredColumn.SOURCE_LINE, text.hasLabel(), withStandardErrors, text.keepNames(), classes);
            slots = output.toArray(new ScoredColumn.Slot[0]);
            for (ScoredColumn.Slot slot : slots) {
                columns.add(new Column(slot.name(), slot.column().kind()));
            }
            this.classes = classes;
            this.probabilities = classes == null ? null : new double[classes.size()];
            this.eta = classes == null ? null : new double[classes.size() - 1];
        }

        private static String textIdName(ScoringInput.TextScoring text) {
            return text.layout().columns().get(text.layout().idColumn());
        }

        void write(ParquetRowWriter writer, ScoredBatch batch, int i, Binary file, double cut) throws IOException {
            double z = batch.margins[0][i];
            double se = batch.standardErrors == null ? Double.NaN : batch.standardErrors[0][i];
            if (classes != null) {
                for (int k = 0; k < eta.length; k++) {
                    eta[k] = batch.margins[k][i];
                }
                org.bernoulli.math.Softmax.probabilities(eta, probabilities);
            }
            for (int c = 0; c < slots.length; c++) {
                int index = slots[c].index();
                switch (slots[c].column()) {
                    case ID -> writer.setString(c, batch.ids[i]);
                    case SOURCE_FILE -> writer.setString(c, file);
                    case SOURCE_LINE, SOURCE_ROW -> writer.setLong(c, batch.numbers[i]);
                    case LABEL -> {
                        if (!Double.isNaN(batch.labels[i])) {
                            writer.setDouble(c, batch.labels[i]);
                        }
                    }
                    case MARGIN -> writer.setDouble(c, z);
                    case PROBABILITY -> writer.setDouble(c, probability(z));
                    case PREDICTION -> writer.setDouble(c, z >= cut ? 1.0 : 0.0);
                    case MARGIN_SE -> writer.setDouble(c, se);
                    case PROBABILITY_LOW -> writer.setDouble(c, probability(z - se * WaldInference.Z_975));
                    case PROBABILITY_HIGH -> writer.setDouble(c, probability(z + se * WaldInference.Z_975));
                    case CLASS_LABEL -> {
                        if (!Double.isNaN(batch.labels[i])) {
                            writer.setString(c, classes.get((int) batch.labels[i]));
                        }
                    }
                    case CLASS_PROBABILITY -> writer.setDouble(c, probabilities[index]);
                    case CLASS_PREDICTION -> writer.setString(c, classes.get(
                            org.bernoulli.math.Softmax.mostProbable(eta, classes.size())));
                    case CLASS_MARGIN -> writer.setDouble(c, batch.margins[index - 1][i]);
                    case CLASS_MARGIN_SE -> writer.setDouble(c, batch.standardErrors[index - 1][i]);
                    case KEPT -> writer.setString(c, batch.kept[i][index]);
                    case REASON, LINE -> throw new IllegalStateException(slots[c].column() + " is not a scored column");
                }
            }
            writer.endRow();
        }
    }

    /**
     * σ(z) as {@link ScoredRows#probability} computes it on Spark, to the bit: on the side where the
     * exponential cannot overflow, with {@link StrictMath#exp}, which Spark's {@code exp} is.
     */
    static double probability(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1.0 + e);
    }

    /**
     * The rejected rows as JSON lines, in Spark's JSON writer's form (one object per line), written
     * aside as they come and moved into place by {@link #commit()} — only when some row was
     * rejected, as on Spark; else closing removes them.
     */
    private static final class Quarantine implements AutoCloseable {
        private static final List<ScoredColumn.Slot> COLUMNS = ScoredColumn.quarantine(ScoredColumn.SOURCE_LINE);
        private final ObjectMapper json = new ObjectMapper();
        private final StagedOutput output;
        private final BufferedWriter writer;

        Quarantine(Configuration conf, String path, boolean overwrite) {
            output = StagedOutput.begin(new HadoopFileStore(conf), path, overwrite);
            mkdirs(output);
            try {
                writer = new BufferedWriter(new OutputStreamWriter(
                        output.fileStore().create(output.staged("part-00000.json")), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.close();
                throw org.bernoulli.data.WriteFailedException.writing(path, e);
            }
        }

        void add(String file, long line, String reason, String raw) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(COLUMNS.get(0).name(), file);
            row.put(COLUMNS.get(1).name(), line);
            row.put(COLUMNS.get(2).name(), reason);
            row.put(COLUMNS.get(3).name(), raw);
            try {
                writer.write(json.writeValueAsString(row));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void commit() {
            try {
                writer.close();
            } catch (IOException | org.apache.hadoop.fs.FSError e) {
                throw org.bernoulli.data.WriteFailedException.writing(
                        org.bernoulli.files.StagedOutput.targetOf(output.staging()), e);
            }
            touch(output, "_SUCCESS");
            output.commit();
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException ignored) {
                // The staged rows are removed below either way.
            }
            output.close();
        }
    }

    private static void mkdirs(StagedOutput out) {
        try {
            out.fileStore().mkdirs(out.staging());
        } catch (IOException e) {
            throw org.bernoulli.data.WriteFailedException.writing(
                    org.bernoulli.files.StagedOutput.targetOf(out.staging()), e);
        }
    }

    private static void touch(StagedOutput out, String name) {
        try {
            out.fileStore().create(out.staged(name)).close();
        } catch (IOException e) {
            throw org.bernoulli.data.WriteFailedException.writing(
                    org.bernoulli.files.StagedOutput.targetOf(out.staged(name)), e);
        }
    }
}
