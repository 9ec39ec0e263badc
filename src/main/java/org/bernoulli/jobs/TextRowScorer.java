package org.bernoulli.jobs;

import org.bernoulli.data.ColumnLayout;
import org.bernoulli.data.CsvLineSplitter;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.FeatureSink;
import org.bernoulli.data.LibSvmParser;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.TextFormat;
import org.bernoulli.data.Values;
import org.bernoulli.math.RowMargins;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Scores text lines (LIBSVM, or CSV against a {@link ColumnLayout}) straight from the parsed
 * values: the parser hands each feature to the row's {@link RowMargins} as it reads it, so no
 * feature vector is built for a row.
 */
final class TextRowScorer implements Serializable, FeatureSink, TextFormat {
    private static final long serialVersionUID = 1L;

    private final RowMargins scorer;
    /** How a label column codes its class (without a formula), and the model's classes (2 for a binary one). */
    private final org.bernoulli.data.LabelCoding labels;
    private final int classes;
    private final LibSvmParser libsvm;
    private final ColumnLayout layout;
    private final CsvLineSplitter splitter;
    private transient double label;
    private transient String id;
    private transient String[] kept;
    /** For a model fitted through a formula: its design, and the line's cells as the design reads them. */
    private final org.bernoulli.formula.Design design;
    private final org.bernoulli.formula.TextCells cells;
    private transient org.bernoulli.formula.EncodedRow encoded;

    private TextRowScorer(RowMargins margins, LibSvmParser libsvm, ColumnLayout layout) {
        this.scorer = margins;
        this.classes = margins.count() + 1;
        this.labels = classes > 2 ? org.bernoulli.data.LabelCoding.CLASS_INDEX : org.bernoulli.data.LabelCoding.BINARY;
        this.libsvm = libsvm;
        this.layout = layout;
        this.splitter = layout == null ? null : new CsvLineSplitter(layout.columns().size());
        this.design = null;
        this.cells = null;
    }

    private TextRowScorer(RowMargins margins, ColumnLayout layout, org.bernoulli.formula.Design design) {
        this.scorer = margins;
        this.classes = margins.count() + 1;
        this.labels = org.bernoulli.data.LabelCoding.BINARY; // the design codes the response
        this.libsvm = null;
        this.layout = layout;
        this.splitter = new CsvLineSplitter(layout.columns().size());
        this.design = design;
        this.cells = new org.bernoulli.formula.TextCells(layout.columns(), design.columns(),
                design.encoding().naValues());
    }

    /**
     * Scores CSV lines through a model's formula: each line coded as in training (same levels,
     * same missing-value rules), a missing value or an unseen level a bad row with its reason.
     */
    static TextRowScorer formula(RowMargins margins, ColumnLayout layout, org.bernoulli.formula.Design design) {
        return new TextRowScorer(margins, layout, design);
    }

    /**
     * LIBSVM lines scored by {@code margins} (with standard errors when it has covariances); the labels
     * 0/1, or class indices for a model of more classes.
     */
    static TextRowScorer libsvm(RowMargins margins) {
        return new TextRowScorer(margins, new LibSvmParser(margins.numFeatures(), "the model's feature count",
                Double.MAX_VALUE, margins.count() > 1 ? org.bernoulli.data.LabelCoding.CLASS_INDEX
                : org.bernoulli.data.LabelCoding.BINARY), null);
    }

    /** CSV lines of {@code layout} scored by {@code margins}. */
    static TextRowScorer csv(RowMargins margins, ColumnLayout layout) {
        return new TextRowScorer(margins, null, layout);
    }

    @Override
    public boolean isSkippable(String line) {
        return libsvm != null ? libsvm.isSkippable(line) : line.isBlank();
    }

    @Override
    public boolean hasHeader() {
        return layout != null;
    }

    @Override
    public void checkHeader(String line) {
        List<String> found = Arrays.asList(splitter.split(line));
        if (!found.equals(layout.columns())) {
            throw new RecordFormatException("header " + Values.echo(found)
                    + " differs from the header of the first file " + Values.echo(layout.columns()));
        }
    }

    /** Why a row whose values are all finite cannot be scored: b + w·x overflowed. */
    static final String MARGIN_NOT_FINITE = "margin is not finite";

    /**
     * Parses and scores one line; afterwards {@link #margin()}, {@link #label()}, {@link #id()} and
     * {@link #kept()} describe it.
     *
     * @throws RecordFormatException when the line cannot be scored, its margin (or the margin's
     *                               standard error) not finite included
     */
    void score(String line) {
        parse(line);
        for (int k = 0; k < scorer.count(); k++) {
            if (!Double.isFinite(scorer.margin(k))) {
                throw new RecordFormatException(MARGIN_NOT_FINITE + ": b + w·x = " + scorer.margin(k) + " (the "
                        + "products of the values and the coefficients overflow double precision)");
            }
            if (scorer.withStandardErrors() && !Double.isFinite(scorer.standardError(k))) {
                throw new RecordFormatException("the margin's standard error is not finite ("
                        + scorer.standardError(k) + "): the values are too large for x'Cx in double precision");
            }
        }
    }

    private void parse(String line) {
        scorer.start();
        if (libsvm != null) {
            label = knownClass(libsvm.parse(line, this));
            return;
        }
        String[] cells = splitter.split(line);
        List<String> header = layout.columns();
        if (cells.length != header.size()) {
            throw new RecordFormatException("expected " + header.size() + " cells as in the header, found " + cells.length);
        }
        if (design != null) {
            parseThroughFormula(cells);
            return;
        }
        label = layout.hasLabel() ? knownClass(labels.parse(CsvRowParser.cell(cells, layout.labelColumn(), header)))
                : Double.NaN;
        CsvRowParser.parseFeatures(cells, header, layout.featureColumns(), this, Double.MAX_VALUE);
        if (layout.offsetColumn() >= 0) {
            scorer.addOffset(Values.feature(CsvRowParser.cell(cells, layout.offsetColumn(), header),
                    "offset '" + header.get(layout.offsetColumn()) + "'"));
        }
        id = layout.idColumn() >= 0 ? cells[layout.idColumn()] : null;
        int[] keep = layout.keepColumns();
        if (kept == null) {
            kept = new String[keep.length];
        }
        for (int k = 0; k < keep.length; k++) {
            kept[k] = cells[keep[k]];
        }
    }

    /** A class index the model knows (any label of a binary model, already 0 or 1). */
    private double knownClass(double label) {
        if (label >= classes) {
            throw new RecordFormatException("label " + (long) label + " is not a class of the model; its classes are 0 "
                    + "to " + (classes - 1));
        }
        return label;
    }

    private void parseThroughFormula(String[] split) {
        this.cells.reset(split);
        if (encoded == null) {
            encoded = new org.bernoulli.formula.EncodedRow();
        }
        if (!design.encodeForScoring(this.cells, encoded, Double.MAX_VALUE)) {
            throw new RecordFormatException(org.bernoulli.formula.FormulaLineParser.missingForScoring(encoded.missingColumn));
        }
        for (int k = 0; k < encoded.nnz; k++) {
            accept(encoded.indices[k], encoded.values[k]);
        }
        scorer.addOffset(encoded.offset);
        label = layout.hasLabel() ? design.label(this.cells) : Double.NaN;
        setIdAndKept(split);
    }

    private void setIdAndKept(String[] split) {
        id = layout.idColumn() >= 0 ? split[layout.idColumn()] : null;
        int[] keep = layout.keepColumns();
        if (kept == null) {
            kept = new String[keep.length];
        }
        for (int k = 0; k < keep.length; k++) {
            kept[k] = split[keep[k]];
        }
    }

    @Override
    public void accept(int index, double value) {
        scorer.accept(index, value);
    }

    /** The last row's margins (and their standard errors, with covariances). */
    RowMargins margins() {
        return scorer;
    }

    /** The label, or NaN when the input has none. */
    double label() {
        return label;
    }

    String id() {
        return id;
    }

    String[] kept() {
        return kept;
    }
}
