package org.bernoulli.local;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.CsvLineSplitter;
import org.bernoulli.data.ClusteredLines;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.CsvSchema;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LibSvmParser;
import org.bernoulli.data.LineParser;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.formula.BinomialTotals;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.Encoding;
import org.bernoulli.formula.Formula;
import org.bernoulli.formula.FormulaLineParser;
import org.bernoulli.formula.FormulaPlan;
import org.bernoulli.formula.LevelScan;
import org.bernoulli.formula.ModelFrame;
import org.bernoulli.formula.NaAction;
import org.bernoulli.formula.TextCells;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads LIBSVM and CSV files (numeric, or through a formula) on the driver into blocks, with the
 * parsers, block builder and statistics the Spark reader uses, and the same messages: a bad line is
 * named by file and line, a missing or empty input as Spark's reader names it. Through a formula
 * the input is read as often as on Spark — a level scan, the coding pass, and for binomial counts
 * their totals — each a sequential read of a local file.
 */
public final class LocalTextReader {

    private LocalTextReader() {
    }

    /** Reads the data {@code spec} names ({@code spec.format()} is LIBSVM or CSV). */
    public static LocalTrainingData read(InputSpec spec) {
        if (spec.format() != InputFormat.LIBSVM && spec.format() != InputFormat.CSV) {
            throw new IllegalArgumentException("the driver reads LIBSVM and CSV files, not " + spec.format());
        }
        List<Path> files = LocalFiles.list(spec.path());
        if (spec.formula() != null) {
            return readFormula(spec, files);
        }
        LineParser parser;
        List<String> csvNames = null;
        if (spec.format() == InputFormat.CSV) {
            Path first = files.get(0);
            CsvSchema schema = CsvSchema.resolve(csvHeader(first), spec.labelColumn(), spec.featureColumns(),
                    spec.weightColumn(), spec.offsetColumn(), spec.clusterColumn(), LocalFiles.name(first));
            csvNames = schema.featureNames();
            parser = ClusteredLines.of(new CsvRowParser(schema), spec.clusterColumn(), LocalFiles.name(first));
        } else {
            parser = new LibSvmParser(spec.numFeatures());
        }
        Blocks blocks = new Blocks(new BlockBuilder(BlockBuilder.DEFAULT_BLOCK_ROWS,
                BlockBuilder.DEFAULT_COLUMN_BLOCK_ROWS));
        for (Path file : files) {
            parse(file, parser, blocks);
        }
        List<FeatureBlock> read = blocks.finish(spec.path(), files.size(), null);
        FeatureSummarizer summary = LocalTrainingData.summarize(read);
        List<String> names = csvNames != null ? csvNames : LibSvmParser.featureNames(spec.numFeatures(),
                summary.width(), spec.path());
        return new LocalTrainingData(read, summary.result(names.size()), names, null);
    }

    private static LocalTrainingData readFormula(InputSpec spec, List<Path> files) {
        List<String> header = csvHeader(files.get(0));
        FormulaOptions options = spec.formula();
        NaAction naAction = NaAction.parse(options.naAction());
        FormulaPlan plan = FormulaPlan.of(Formula.parse(options.formula()), header, spec.weightColumn(),
                spec.clusterColumn());
        TextCells cells = new TextCells(header, plan.columns(), options.naValues());
        LevelScan scan = new LevelScan(plan.columns().size(), options.maxLevels() + 1);
        CsvLineSplitter splitter = new CsvLineSplitter(header.size());
        String[] values = new String[plan.columns().size()];
        for (Path file : files) {
            forEachDataCells(file, splitter, split -> {
                if (split.length == header.size()) { // a bad line is reported with its number by the coding pass
                    cells.reset(split).values(values);
                    scan.addText(values, LevelScan.complete(values));
                }
            });
        }
        Encoding encoding = plan.encoding(null, scan, options, naAction, options.naValues(), column -> {
            int at = header.indexOf(column);
            Set<String> distinct = new HashSet<>();
            for (Path file : files) {
                forEachDataCells(file, splitter, split -> {
                    if (split.length > at && split[at] != null) {
                        distinct.add(split[at]);
                    }
                });
            }
            return distinct.size();
        });
        Design design = new Design(encoding).requireIntercept();
        FormulaLineParser parser = new FormulaLineParser(header, design, naAction);
        LineParser clustered = ClusteredLines.of(parser, spec.clusterColumn(), LocalFiles.name(files.get(0)));
        Blocks blocks = new Blocks(new BlockBuilder(BlockBuilder.DEFAULT_BLOCK_ROWS,
                BlockBuilder.DEFAULT_COLUMN_BLOCK_ROWS, design.categoricalTerms()));
        for (Path file : files) {
            parse(file, clustered, blocks);
        }
        List<FeatureBlock> read = blocks.finish(spec.path(), files.size(), BadInputException.whyNoExamples(
                scan.rows(), scan.completeRows(), naAction == NaAction.OMIT));
        BinomialTotals counts = null;
        if (design.counts()) {
            BinomialTotals totals = new BinomialTotals();
            for (Path file : files) {
                LocalFiles.forEachLine(file, (number, line) -> {
                    if (number > 1 && !line.isBlank()) {
                        parser.addCounts(line, totals);
                    }
                });
            }
            counts = totals;
        }
        FeatureStatistics statistics = LocalTrainingData.summarize(read).result(design.numFeatures());
        ModelFrame frame = new ModelFrame(design, scan.rows(), scan.rows() - scan.completeRows(), counts);
        return new LocalTrainingData(read, statistics, design.featureNames(), frame);
    }

    /**
     * The cells of each data line of a file: not its header (line 1), not blank lines; a line that does
     * not split (an unclosed quote) is an error with its file and line.
     */
    private static void forEachDataCells(Path file, CsvLineSplitter splitter, Consumer<String[]> cells) {
        LocalFiles.forEachLine(file, (number, line) -> {
            if (number > 1 && !line.isBlank()) {
                String[] split;
                try {
                    split = splitter.split(line);
                } catch (org.bernoulli.data.RecordFormatException e) {
                    // Stops the run here, before levels from the other lines could make a misleading encoding.
                    throw new BadInputException(LocalFiles.name(file) + " line " + number + ": " + e.getMessage(), e);
                }
                cells.accept(split);
            }
        });
    }

    /**
     * Parses a file's lines into {@code rows}: its first line checked as the header where the format
     * has one, blank and comment lines skipped, a bad line stopping the read with file and line.
     */
    private static void parse(Path file, LineParser parser, Consumer<LabeledRow> rows) {
        String name = LocalFiles.name(file);
        LocalFiles.forEachLine(file, (number, line) -> {
            try {
                if (number == 1 && parser.hasHeader()) {
                    parser.checkHeader(line);
                } else if (!parser.isSkippable(line)) {
                    parser.parse(line, rows);
                }
            } catch (RecordFormatException e) {
                throw new BadInputException(name + " line " + number + ": " + e.getMessage(), e);
            }
        });
    }

    /** The column names in a CSV file's header line. */
    private static List<String> csvHeader(Path file) {
        String header = LocalFiles.firstLine(file);
        if (header == null || header.isBlank()) {
            throw new BadInputException(LocalFiles.name(file) + " line 1: expected a CSV header naming the columns, "
                    + "found " + (header == null ? "an empty file" : "a blank line"));
        }
        List<String> names;
        try {
            names = CsvLineSplitter.header(header);
        } catch (org.bernoulli.data.RecordFormatException e) {
            throw new BadInputException(LocalFiles.name(file) + " line 1: " + e.getMessage(), e);
        }
        org.bernoulli.data.ColumnNames.check(names, LocalFiles.name(file) + " line 1");
        return names;
    }

    /** Rows packed into blocks as they come. */
    private static final class Blocks implements Consumer<LabeledRow> {
        private final BlockBuilder builder;
        private final List<FeatureBlock> blocks = new ArrayList<>();

        Blocks(BlockBuilder builder) {
            this.builder = builder;
        }

        @Override
        public void accept(LabeledRow row) {
            builder.add(row);
            if (builder.isFull()) {
                blocks.add(builder.build());
            }
        }

        /**
         * The blocks, the last one completed.
         *
         * @throws BadInputException when no row was read
         */
        List<FeatureBlock> finish(String where, int files, String whyEmpty) {
            if (!builder.isEmpty()) {
                blocks.add(builder.build());
            }
            if (blocks.isEmpty()) {
                throw BadInputException.noExamples(where, files, whyEmpty);
            }
            return blocks;
        }
    }
}
