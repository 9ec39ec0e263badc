package org.bernoulli.local;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LineParser;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.read.LinePass;
import org.bernoulli.read.LineSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lines of local files as the driver engine reads them: file after file, line after line, on
 * the calling thread, each file one piece of a pass; a bad line is named by its file and line.
 */
final class LocalLines implements LineSource<List<FeatureBlock>> {
    private final String where;
    private final List<Path> files;

    LocalLines(String where, List<Path> files) {
        this.where = where;
        this.files = List.copyOf(files);
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

    @Override
    public Held<List<FeatureBlock>> parse(LineParser parser, int width, int[][] categorical, String whyEmpty) {
        BlockBuilder builder = new BlockBuilder(BlockBuilder.DEFAULT_BLOCK_ROWS, BlockBuilder.DEFAULT_COLUMN_BLOCK_ROWS,
                categorical);
        List<FeatureBlock> blocks = new ArrayList<>();
        Consumer<LabeledRow> rows = row -> {
            builder.add(row);
            if (builder.isFull()) {
                blocks.add(builder.build());
            }
        };
        for (Path file : files) {
            forEachLine(file, (first, line) -> parser.read(first, line, rows));
        }
        if (!builder.isEmpty()) {
            blocks.add(builder.build());
        }
        if (blocks.isEmpty()) {
            throw BadInputException.noExamples(where, files.size(), whyEmpty);
        }
        return new Held<>(blocks, LocalTrainingData.summarize(blocks));
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
