package org.bernoulli.data;

import java.util.List;
import java.util.function.Consumer;

/**
 * CSV lines whose rows belong to clusters ({@code train CLUSTER_COLUMN}): each row a line holds
 * is read by the wrapped parser and marked with the line's cell of the cluster column, taken as
 * text — {@code 7}, {@code store-12} — so that rows with the same cell are one cluster. A row of
 * binomial counts gives both its rows the cluster. A kept row whose cluster cell is missing (empty or
 * {@code NA}) is an error naming the column: a row outside every cluster has no place in the cluster
 * sums. (With a formula the cluster column is one the fit reads, so such a row is already failed or
 * omitted by the NA action.)
 */
public final class ClusteredLines implements LineParser {
    private static final long serialVersionUID = 1L;

    private final CsvLines rows;
    private final int column;
    private final String name;

    private ClusteredLines(CsvLines rows, int column) {
        this.rows = rows;
        this.column = column;
        this.name = rows.header().get(column);
    }

    /**
     * The parser's rows with their clusters, or the parser itself when {@code clusterColumn} is null.
     *
     * @param source the file the header came from, for the message when the column is not there
     * @throws BadInputException when the header has no such column
     */
    public static LineParser of(CsvLines parser, String clusterColumn, String source) {
        if (clusterColumn == null) {
            return parser;
        }
        int at = parser.header().indexOf(clusterColumn);
        if (at < 0) {
            throw new BadInputException(source + " line 1: no cluster column ({CLUSTER_COLUMN}) named '"
                    + clusterColumn + "' in the header; the columns are " + Values.echo(parser.header()));
        }
        return new ClusteredLines(parser, at);
    }

    @Override
    public boolean isSkippable(String line) {
        return rows.isSkippable(line);
    }

    @Override
    public boolean hasHeader() {
        return rows.hasHeader();
    }

    @Override
    public void checkHeader(String line) {
        rows.checkHeader(line);
    }

    @Override
    public LabeledRow parse(String line) {
        LabeledRow row = rows.parse(line);
        return row == null ? null : row.inCluster(cluster());
    }

    @Override
    public void parse(String line, Consumer<LabeledRow> out) {
        String[] key = new String[1];
        rows.parse(line, row -> {
            if (key[0] == null) {
                key[0] = cluster();
            }
            out.accept(row.inCluster(key[0]));
        });
    }

    /** The cluster cell of the line the wrapped parser just split (its rows are being handed out). */
    private String cluster() {
        String v = rows.lastCells()[column];
        if (v == null || v.isBlank() || v.strip().equals("NA")) {
            // With a formula the cell is one the fit reads, and NA_ACTION has dealt with it already.
            throw new RecordFormatException("cluster column '" + name + "' ({CLUSTER_COLUMN}) is missing ("
                    + (v == null || v.isBlank() ? "an empty cell" : "NA") + "); every row needs its cluster");
        }
        return v;
    }

    /** The header's columns. */
    public List<String> header() {
        return rows.header();
    }
}
