package org.bernoulli.data;

import java.util.Arrays;
import java.util.List;

/**
 * What every parser of CSV data lines shares: the header every file starts with (checked against
 * the first file's), blank lines holding no row, and the cells of a line split by
 * {@link CsvLineSplitter} and counted against the header.
 */
public abstract class CsvLines implements LineParser {
    private static final long serialVersionUID = 1L;

    private final List<String> header;
    private final CsvLineSplitter splitter;
    /** The cells {@link #dataCells} split last, for a reader of the same line's other cells. */
    private transient String[] lastCells;

    protected CsvLines(List<String> header) {
        this.header = List.copyOf(header);
        this.splitter = new CsvLineSplitter(header.size());
    }

    /** The header's columns. */
    public List<String> header() {
        return header;
    }

    /** Splits one line into cells. */
    public String[] cells(String line) {
        return splitter.split(line);
    }

    /**
     * The cells of a data line, as many as the header has.
     *
     * @throws RecordFormatException when there are more or fewer
     */
    protected String[] dataCells(String line) {
        String[] cells = cells(line);
        if (cells.length != header.size()) {
            throw new RecordFormatException("expected " + header.size() + " cells as in the header, found " + cells.length);
        }
        lastCells = cells;
        return cells;
    }

    /**
     * The cells of the data line parsed last (while its rows are handed out, the line's), so that a
     * reader of another column of the same line ({@link ClusteredLines}) need not split it again.
     */
    String[] lastCells() {
        return lastCells;
    }

    /** Blank lines hold no example. */
    @Override
    public boolean isSkippable(String line) {
        return line.isBlank();
    }

    @Override
    public boolean hasHeader() {
        return true;
    }

    /** Each file of a CSV input starts with the same header. */
    @Override
    public void checkHeader(String line) {
        List<String> found = Arrays.asList(cells(line));
        if (!found.equals(header)) {
            throw new RecordFormatException("header " + Values.echo(found)
                    + " differs from the header of the first file " + Values.echo(header));
        }
    }
}
