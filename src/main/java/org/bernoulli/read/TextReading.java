package org.bernoulli.read;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.ClusteredLines;
import org.bernoulli.data.ColumnNames;
import org.bernoulli.data.CsvLineSplitter;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.CsvSchema;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
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
import org.bernoulli.margins.MarginSums;

import java.util.List;

/**
 * Reads training data from text files — LIBSVM, numeric CSV, CSV through a formula — into blocks,
 * one routine per input kind whichever engine supplies the lines ({@link LineSource}):
 * <ul>
 *   <li>LIBSVM: one parsing pass; the width is the largest index (or the given feature count).</li>
 *   <li>numeric CSV: the first file's header resolves the label, feature, weight, offset and cluster
 *   columns; one parsing pass.</li>
 *   <li>CSV through a formula: a {@link LevelScan} pass for the columns' kinds and levels (a line
 *   that does not split stops it, before its levels could make a misleading encoding), the
 *   encoding, the coding pass, and for binomial counts one more pass for their totals.</li>
 * </ul>
 * Every pass reads each file's header line as its first and skips blank lines; a bad line stops the
 * run with its file and line.
 */
public final class TextReading {

    private TextReading() {
    }

    /**
     * The blocks read, their statistics, the feature names, and for a formula its frame.
     *
     * @param <B> how the engine holds the blocks
     */
    public record Read<B>(B blocks, FeatureStatistics statistics, List<String> featureNames, ModelFrame frame) {
        public Read {
            featureNames = List.copyOf(featureNames);
        }
    }

    /** Reads the data {@code spec} names ({@code spec.format()} LIBSVM or CSV) from {@code lines}. */
    public static <B> Read<B> read(LineSource<B> lines, InputSpec spec) {
        if (spec.format() != InputFormat.LIBSVM && spec.format() != InputFormat.CSV) {
            throw new IllegalArgumentException("text reading takes LIBSVM and CSV, not " + spec.format());
        }
        if (spec.formula() != null) {
            return formula(lines, spec);
        }
        if (spec.format() == InputFormat.CSV) {
            CsvSchema schema = CsvSchema.resolve(csvHeader(lines), spec.labelColumn(), spec.featureColumns(),
                    spec.weightColumn(), spec.offsetColumn(), spec.clusterColumn(), lines.firstFile());
            LineParser parser = ClusteredLines.of(new CsvRowParser(schema, spec.labels()), spec.clusterColumn(),
                    lines.firstFile());
            LineSource.Held<B> held = lines.parse(parser, spec.numFeatures(), null, null);
            List<String> names = schema.featureNames();
            return new Read<>(held.blocks(), held.summary().result(names.size()), names, null);
        }
        LineSource.Held<B> held = lines.parse(LibSvmParser.training(spec.numFeatures(), spec.labels()),
                spec.numFeatures(), null, null);
        List<String> names = LibSvmParser.featureNames(spec.numFeatures(), held.summary().width(), spec.path());
        return new Read<>(held.blocks(), held.summary().result(names.size()), names, null);
    }

    private static <B> Read<B> formula(LineSource<B> lines, InputSpec spec) {
        List<String> header = csvHeader(lines);
        FormulaOptions options = spec.formula();
        NaAction naAction = NaAction.parse(options.naAction());
        FormulaPlan plan = FormulaPlan.of(Formula.parse(options.formula()), header, spec.weightColumn(),
                spec.clusterColumn());
        LevelScan scan = lines.fold(new LevelPass(header, plan.columns(), options.naValues(),
                options.maxLevels() + 1, plan.basisColumns()));
        int columns = header.size();
        Encoding encoding = plan.encoding(null, scan, options, naAction, options.naValues(), column -> {
            int at = header.indexOf(column);
            CsvLineSplitter splitter = new CsvLineSplitter(columns);
            return lines.countDistinct((first, line) -> {
                String[] split = first || line.isBlank() ? null : splitOrNull(splitter, line);
                return split != null && split.length > at ? split[at] : null;
            });
        });
        Design design = new Design(encoding).requireIntercept();
        FormulaLineParser parser = new FormulaLineParser(header, design, naAction);
        LineParser clustered = ClusteredLines.of(parser, spec.clusterColumn(), lines.firstFile());
        LineSource.Held<B> held = lines.parse(clustered, 0, design.categoricalTerms(),
                BadInputException.whyNoExamples(scan.rows(), scan.completeRows(), naAction == NaAction.OMIT));
        BinomialTotals counts = design.counts() ? lines.fold(new CountsPass(parser)) : null;
        ModelFrame frame = new ModelFrame(design, scan.rows(), scan.rows() - scan.completeRows(), counts);
        return new Read<>(held.blocks(), held.summary().result(design.numFeatures()), design.featureNames(), frame);
    }

    /**
     * The sums of the average marginal effects over the data lines of a formula CSV input, each row
     * coded through the model's design ({@code zero}'s); a line that does not split stops the run with
     * its file and line.
     */
    public static MarginSums margins(LineSource<?> lines, MarginSums zero) {
        List<String> header = csvHeader(lines);
        for (String c : zero.design().columns()) {
            if (!header.contains(c) && !c.equals(zero.design().responseColumn())) {
                throw new BadInputException(lines.firstFile() + ": no column '" + c + "', which the model's formula "
                        + "uses; the columns are " + org.bernoulli.data.Values.echo(header));
            }
        }
        return lines.fold(new MarginPass(header, zero));
    }

    /** The column names of the first file's header line, checked. */
    static List<String> csvHeader(LineSource<?> lines) {
        return csvHeader(lines.firstLine(), lines.firstFile());
    }

    /**
     * The column names of a CSV header line, checked (not blank, splits, names unique and usable).
     *
     * @param header the file's first line, or null when the file is empty
     * @param file   the file, as messages name it
     */
    public static List<String> csvHeader(String header, String file) {
        String where = file + " line 1";
        if (header == null || header.isBlank()) {
            throw new BadInputException(where + ": expected a CSV header naming the columns, found "
                    + (header == null ? "an empty file" : "a blank line"));
        }
        List<String> names;
        try {
            names = CsvLineSplitter.header(header);
        } catch (RecordFormatException e) {
            throw new BadInputException(where + ": " + e.getMessage(), e);
        }
        ColumnNames.check(names, where);
        return names;
    }

    /** A line's cells, or null when it does not split (the coding pass reports it with its line). */
    private static String[] splitOrNull(CsvLineSplitter splitter, String line) {
        try {
            return splitter.split(line);
        } catch (RecordFormatException e) {
            return null;
        }
    }

    /** The levels and kinds of the formula's columns, over the data lines. */
    private record LevelPass(List<String> header, List<String> columns, List<String> naValues, int cap,
                             int[] basisColumns) implements LinePass<LevelScan> {
        @Override
        public Part<LevelScan> start() {
            LevelScan scan = new LevelScan(columns.size(), cap, basisColumns);
            CsvLineSplitter splitter = new CsvLineSplitter(header.size());
            TextCells cells = new TextCells(header, columns, naValues);
            String[] values = new String[columns.size()];
            return new Part<>() {
                @Override
                public void line(boolean firstOfFile, String line) {
                    if (firstOfFile || line.isBlank()) {
                        return;
                    }
                    // A line that does not split stops the run here, before levels from the other lines
                    // could make a misleading encoding.
                    String[] split = splitter.split(line);
                    if (split.length == header.size()) { // else reported with its line by the coding pass
                        cells.reset(split).values(values);
                        scan.addText(values, LevelScan.complete(values));
                    }
                }

                @Override
                public LevelScan result() {
                    return scan;
                }
            };
        }

        @Override
        public LevelScan merge(LevelScan left, LevelScan right) {
            return left.merge(right);
        }
    }

    /** The sums of the average marginal effects, over the data lines. */
    private record MarginPass(List<String> header, MarginSums zero) implements LinePass<MarginSums> {
        @Override
        public Part<MarginSums> start() {
            MarginSums sums = zero.zero();
            FormulaLineParser parser = new FormulaLineParser(header, zero.design(), NaAction.OMIT);
            return new Part<>() {
                @Override
                public void line(boolean firstOfFile, String line) {
                    if (!firstOfFile && !line.isBlank()) {
                        sums.add(parser.rowCells(line));
                    }
                }

                @Override
                public MarginSums result() {
                    return sums;
                }
            };
        }

        @Override
        public MarginSums merge(MarginSums left, MarginSums right) {
            return left.merge(right);
        }
    }

    /** The totals of binomial counts, over the data lines. */
    private record CountsPass(FormulaLineParser parser) implements LinePass<BinomialTotals> {
        @Override
        public Part<BinomialTotals> start() {
            BinomialTotals totals = new BinomialTotals();
            return new Part<>() {
                @Override
                public void line(boolean firstOfFile, String line) {
                    if (!firstOfFile && !line.isBlank()) {
                        parser.addCounts(line, totals);
                    }
                }

                @Override
                public BinomialTotals result() {
                    return totals;
                }
            };
        }

        @Override
        public BinomialTotals merge(BinomialTotals left, BinomialTotals right) {
            return left.merge(right);
        }
    }
}
