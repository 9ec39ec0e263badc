package org.bernoulli.jobs;

import org.bernoulli.data.ColumnLayout;
import org.bernoulli.data.CsvLineSplitter;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.FeatureSink;
import org.bernoulli.data.LibSvmParser;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.data.TextFormat;
import org.bernoulli.data.Values;
import org.bernoulli.math.MarginScorer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Scores text lines (LIBSVM, or CSV against a {@link ColumnLayout}) straight from the parsed
 * values: the parser hands each feature to the row's {@link MarginScorer} as it reads it, so no
 * feature vector is built for a row.
 */
final class TextRowScorer implements Serializable, FeatureSink, TextFormat {
    private static final long serialVersionUID = 1L;

    private final MarginScorer scorer;
    private final LibSvmParser libsvm;
    private final ColumnLayout layout;
    private final CsvLineSplitter splitter;
    private transient double label;
    private transient double marginStandardError;
    private transient String id;
    private transient String[] kept;
    /** For a model fitted through a formula: its design, and the line's cells as the design reads them. */
    private final org.bernoulli.formula.Design design;
    private final org.bernoulli.formula.TextCells cells;
    private transient org.bernoulli.formula.EncodedRow encoded;

    private TextRowScorer(double[] coefficients, double intercept, LibSvmParser libsvm, ColumnLayout layout,
                          double[] covariance) {
        this.scorer = new MarginScorer(coefficients.clone(), intercept, covariance);
        this.libsvm = libsvm;
        this.layout = layout;
        this.splitter = layout == null ? null : new CsvLineSplitter(layout.columns().size());
        this.design = null;
        this.cells = null;
    }

    private TextRowScorer(double[] coefficients, double intercept, ColumnLayout layout,
                          org.bernoulli.formula.Design design, double[] covariance) {
        this.scorer = new MarginScorer(coefficients.clone(), intercept, covariance);
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
    static TextRowScorer formula(double[] coefficients, double intercept, ColumnLayout layout,
                                 org.bernoulli.formula.Design design, double[] covariance) {
        return new TextRowScorer(coefficients, intercept, layout, design, covariance);
    }

    /** @param covariance I⁻¹ in packed order for standard errors of the margin, or null */
    static TextRowScorer libsvm(double[] coefficients, double intercept, double[] covariance) {
        return new TextRowScorer(coefficients, intercept,
                new LibSvmParser(coefficients.length, "the model's feature count", Double.MAX_VALUE), null, covariance);
    }

    /** @param covariance I⁻¹ in packed order for standard errors of the margin, or null */
    static TextRowScorer csv(double[] coefficients, double intercept, ColumnLayout layout, double[] covariance) {
        return new TextRowScorer(coefficients, intercept, null, layout, covariance);
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
        if (!Double.isFinite(scorer.margin())) {
            throw new RecordFormatException(MARGIN_NOT_FINITE + ": b + w·x = " + scorer.margin() + " (the products "
                    + "of the values and the coefficients overflow double precision)");
        }
        if (scorer.withStandardErrors()) {
            marginStandardError = scorer.standardError();
            if (!Double.isFinite(marginStandardError)) {
                throw new RecordFormatException("the margin's standard error is not finite (" + marginStandardError
                        + "): the values are too large for x'Cx in double precision");
            }
        }
    }

    private void parse(String line) {
        scorer.start();
        if (libsvm != null) {
            label = libsvm.parse(line, this);
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
        label = layout.hasLabel() ? Values.label(CsvRowParser.cell(cells, layout.labelColumn(), header)) : Double.NaN;
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

    /** The standard error of the last row's margin (with a covariance only). */
    double marginStandardError() {
        return marginStandardError;
    }

    boolean withStandardErrors() {
        return scorer.withStandardErrors();
    }

    double margin() {
        return scorer.margin();
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
