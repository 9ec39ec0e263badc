package org.bernoulli.local;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.ByteLineParser;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LineParser;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.math.DriverThreads;
import org.bernoulli.read.LinePass;
import org.bernoulli.read.LineSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The lines of local files as the driver engine reads them: the scans (folds, distinct values) file
 * after file, line after line, on the calling thread, each file one piece of a pass; the parse into
 * blocks on every core. A bad line is named by its file and line.
 */
final class LocalLines implements LineSource<List<FeatureBlock>> {
    /** Bytes of a plain file that one thread parses at a time: large enough that a piece's set-up is noise. */
    static final long RANGE_BYTES = 8L << 20;

    private final String where;
    private final List<Path> files;
    private final long rangeBytes;

    LocalLines(String where, List<Path> files) {
        this(where, files, RANGE_BYTES);
    }

    /** Lines whose plain files are parsed in ranges of about {@code rangeBytes}. */
    LocalLines(String where, List<Path> files, long rangeBytes) {
        this.where = where;
        this.files = List.copyOf(files);
        this.rangeBytes = rangeBytes;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public int files() {
        return files.size();
    }

    @Override
    public String firstFile() {
        return LocalFiles.name(files.get(0));
    }

    @Override
    public String firstLine() {
        return LocalFiles.firstLine(files.get(0));
    }

    @Override
    public <A> A fold(LinePass<A> pass) {
        A result = null;
        for (Path file : files) {
            LinePass.Part<A> part = pass.start();
            forEachLine(file, part::line);
            result = result == null ? part.result() : pass.merge(result, part.result());
        }
        return result;
    }

    @Override
    public long countDistinct(LineKey key) {
        Set<String> distinct = new HashSet<>();
        for (Path file : files) {
            forEachLine(file, (first, line) -> {
                String value = key.of(first, line);
                if (value != null) {
                    distinct.add(value);
                }
            });
        }
        return distinct.size();
    }

    /**
     * The examples of every line, parsed on every core: each plain file is cut into ranges that begin at
     * line starts ({@link FileRanges}), each gzip file is one piece; the pieces are parsed at once, each
     * with a copy of the parser into blocks of its own, and their blocks kept in file order. A bad line
     * is named by its file and line: the first in file order, its number the lines of the file's earlier
     * pieces plus its number within its piece.
     */
    @Override
    public Held<List<FeatureBlock>> parse(LineParser parser, int width, int[][] categorical, String whyEmpty) {
        List<Piece> pieces = pieces();
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        List<Callable<Parsed>> work = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            int index = i;
            work.add(() -> index > firstFailed.get() ? Parsed.SKIPPED
                    : parse(pieces.get(index), index, copyOf(parser), categorical, firstFailed));
        }
        List<Parsed> parsed = inParallel(work);
        List<FeatureBlock> blocks = new ArrayList<>();
        FeatureSummarizer summary = new FeatureSummarizer();
        long linesBefore = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Parsed piece = parsed.get(i);
            if (pieces.get(i).startsFile()) {
                linesBefore = 0;
            }
            if (piece.failure() instanceof RecordFormatException bad) {
                String name = LocalFiles.name(pieces.get(i).file());
                throw new BadInputException(name + " line " + (linesBefore + piece.lines()) + ": " + bad.getMessage(),
                        bad);
            }
            if (piece.failure() != null) {
                throw piece.failure();
            }
            linesBefore += piece.lines();
            blocks.addAll(piece.blocks());
            summary.merge(piece.summary());
        }
        if (blocks.isEmpty()) {
            throw BadInputException.noExamples(where, files.size(), whyEmpty);
        }
        return new Held<>(blocks, summary);
    }

    /** A part of a file parsed by one thread: a byte range of a plain file, or a whole gzip file (range null). */
    private record Piece(Path file, FileRanges.Range range) {
        boolean startsFile() {
            return range == null || range.start() == 0;
        }
    }

    /**
     * What a piece gave: its blocks and its number of lines; or the line (within the piece) and the
     * problem of its first bad line ({@link RecordFormatException}), or why the file could not be read —
     * kept, not thrown, so that the first failure in file order is the one reported.
     */
    private record Parsed(List<FeatureBlock> blocks, FeatureSummarizer summary, long lines, RuntimeException failure) {
        static final Parsed SKIPPED = new Parsed(List.of(), new FeatureSummarizer(), 0, null);

        static Parsed failed(long lines, RuntimeException failure) {
            return new Parsed(List.of(), new FeatureSummarizer(), lines, failure);
        }
    }

    private List<Piece> pieces() {
        List<Piece> pieces = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                pieces.add(new Piece(file, null));
                continue;
            }
            try {
                for (FileRanges.Range range : FileRanges.of(file, rangeBytes)) {
                    pieces.add(new Piece(file, range));
                }
            } catch (IOException e) {
                throw BadInputException.unreadable(LocalFiles.name(file), e);
            }
        }
        return pieces;
    }

    private static Parsed parse(Piece piece, int index, LineParser parser, int[][] categorical,
                                AtomicInteger firstFailed) {
        BlockBuilder builder = new BlockBuilder(BlockBuilder.DEFAULT_BLOCK_ROWS, BlockBuilder.DEFAULT_COLUMN_BLOCK_ROWS,
                categorical);
        List<FeatureBlock> blocks = new ArrayList<>();
        Consumer<LabeledRow> rows = row -> {
            builder.add(row);
            if (builder.isFull()) {
                blocks.add(builder.build());
            }
        };
        long[] lines = {0};
        ByteLineParser plain = parser instanceof ByteLineParser bytes ? bytes : null;
        try {
            if (piece.range() == null) {
                LocalFiles.forEachLine(piece.file(), (number, line) -> {
                    lines[0] = number;
                    parser.read(number == 1, line, rows);
                });
            } else {
                // A plain line straight from its bytes into the block; any other decoded and read as text.
                FileRanges.forEachLine(piece.file(), piece.range(), (number, line, start, end) -> {
                    lines[0] = number;
                    boolean first = piece.startsFile() && number == 1;
                    if (!first && plain != null && plain.parse(line, start, end, builder)) {
                        if (builder.isFull()) {
                            blocks.add(builder.build());
                        }
                    } else {
                        parser.read(first, new String(line, start, end - start, StandardCharsets.UTF_8), rows);
                    }
                });
            }
        } catch (RecordFormatException e) {
            firstFailed.accumulateAndGet(index, Math::min);
            return Parsed.failed(lines[0], e);
        } catch (IOException | java.io.UncheckedIOException e) {
            firstFailed.accumulateAndGet(index, Math::min);
            return Parsed.failed(lines[0], BadInputException.unreadable(LocalFiles.name(piece.file()),
                    e instanceof java.io.UncheckedIOException u ? u.getCause() : e));
        } catch (BadInputException e) {
            firstFailed.accumulateAndGet(index, Math::min);
            return Parsed.failed(lines[0], e); // a gzip file that cannot be read, named by LocalFiles
        }
        if (!builder.isEmpty()) {
            blocks.add(builder.build());
        }
        // The statistics of the piece's blocks on the thread that built them (the reading's pass, not another).
        FeatureSummarizer summary = new FeatureSummarizer();
        for (FeatureBlock block : blocks) {
            summary.add(block);
        }
        return new Parsed(blocks, summary, lines[0], null);
    }

    /** Runs the work on every core ({@link DriverThreads}), results in the work's order. */
    private static <T> List<T> inParallel(List<Callable<T>> work) {
        return DriverThreads.inOrder(work, "parsing the input");
    }

    /**
     * A parser of its own for a thread: parsers keep per-line state (the cells split last), so each
     * piece parses with a copy, made as Spark makes a task's — by serialization.
     */
    private static LineParser copyOf(LineParser parser) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(parser);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (LineParser) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy the parser for a thread: " + e, e);
        }
    }

    /** What a pass does with one line. */
    private interface LineVisitor {
        void line(boolean firstOfFile, String line);
    }

    /** Every line of a file; a {@link RecordFormatException} becomes a bad input naming the file and line. */
    private static void forEachLine(Path file, LineVisitor visitor) {
        String name = LocalFiles.name(file);
        LocalFiles.forEachLine(file, (number, line) -> {
            try {
                visitor.line(number == 1, line);
            } catch (RecordFormatException e) {
                throw new BadInputException(name + " line " + number + ": " + e.getMessage(), e);
            }
        });
    }
}
