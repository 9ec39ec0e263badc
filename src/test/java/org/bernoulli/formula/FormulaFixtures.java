package org.bernoulli.formula;

import org.bernoulli.data.CsvLineSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bundled formula data sets read in plain Java, and designs built from them as the readers build them. */
final class FormulaFixtures {
    static final Path DATA = Path.of("src/data/formula");

    record Table(List<String> header, List<String[]> rows) {
    }

    static Table read(String file) {
        try {
            List<String> lines = Files.readAllLines(DATA.resolve(file));
            List<String> header = CsvLineSplitter.header(lines.get(0));
            CsvLineSplitter splitter = new CsvLineSplitter(header.size());
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(splitter.split(line));
            }
            return new Table(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The design of {@code formula} on a table, missing rows omitted from the levels. */
    static Design design(Table t, String formula) {
        FormulaPlan plan = FormulaPlan.of(Formula.parse(formula), t.header(), null);
        LevelScan scan = new LevelScan(plan.columns().size(), 10001);
        for (String[] row : t.rows()) {
            String[] cells = cellsOf(t, plan, row);
            boolean complete = true;
            for (String c : cells) {
                complete &= c != null;
            }
            scan.addText(cells, complete);
        }
        return new Design(plan.encoding(null, scan, (String) null, NaAction.OMIT, List.of(), 10000));
    }

    static String[] cellsOf(Table t, FormulaPlan plan, String[] row) {
        String[] cells = new String[plan.columns().size()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = row[t.header().indexOf(plan.columns().get(c))];
        }
        return cells;
    }

    /** CSV cells as a design reads them. */
    static Cells cells(String[] values) {
        return new Cells() {
            @Override
            public boolean missing(int column) {
                return values[column] == null;
            }

            @Override
            public double number(int column) {
                return Double.parseDouble(values[column]);
            }

            @Override
            public String text(int column) {
                return values[column];
            }

            @Override
            public boolean bool(int column) {
                return Boolean.parseBoolean(values[column]);
            }
        };
    }
}
