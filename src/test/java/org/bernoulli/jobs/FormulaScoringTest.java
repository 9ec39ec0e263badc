package org.bernoulli.jobs;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.CsvLineSplitter;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.EncodedRow;
import org.bernoulli.formula.TextCells;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring new rows through a formula model: the encoding saved in model.json applied to CSV and
 * Parquet input gives the margins of the same encoding done in memory (1e-12 relative: the same
 * products summed in the same order, up to the order of the offset), and a row with a level the
 * model never saw or with a missing value is a rejected row with its reason, every row accounted for.
 */
class FormulaScoringTest {
    private static final String FORMULA = "case ~ spontaneous * induced + education + I(age^2) + log(parity)";
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    /** infert.csv with line 6 at an unseen education level and line 9 without its parity. */
    private static List<String> newRows() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("src/data/formula/infert.csv")));
        lines.set(5, lines.get(5).replace("\"6-11yrs\"", "\"college\"").replace("\"0-5yrs\"", "\"college\""));
        String[] cells = lines.get(8).split(",");
        cells[3] = "";
        lines.set(8, String.join(",", cells));
        return lines;
    }

    @Test
    void csvAndParquetScoresAreTheInMemoryEncodingTimesTheCoefficients(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("model");
        LogisticModel model = TrainingJob.execute(spark, org.bernoulli.jobs.TrainingRequest.of(new InputSpec(
                "src/data/formula/infert.csv", InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions(FORMULA, "fail", List.of(), null, 10000)), modelDir.toString(), false, new TrainerSettings(0, new StopRule(100, 1e-12, 1e-9)), 0)).model();
        List<String> lines = newRows();
        Path csv = dir.resolve("new.csv");
        Files.write(csv, lines);
        Map<Long, Double> expected = inMemoryMargins(model, lines);
        assertEquals(lines.size() - 3, expected.size(), "two rows cannot be scored");

        Path quarantine = dir.resolve("rejected");
        RowAccounting a = ScoringJob.run(spark, new ScoringRequest(modelDir.toString(),
                new ScoreSource(csv.toString(), InputFormat.CSV, "case", null, List.of(), null),
                dir.resolve("scores").toString(), ScoringRequest.OutputFormat.PARQUET, 0.5,
                BadRecordPolicy.parse("quarantine:" + quarantine), false));
        assertEquals(new RowAccounting(lines.size() - 1, lines.size() - 3, 2), a);
        for (Row r : spark.read().parquet(dir.resolve("scores").toString()).collectAsList()) {
            long line = r.<Long>getAs("source_line");
            FormulaReferenceTest.assertRelative(expected.get(line), r.<Double>getAs("margin"), 1e-12, "line " + line);
            assertEquals(Double.parseDouble(lines.get((int) line - 1).split(",")[0]), r.<Double>getAs("label"));
        }
        List<Row> rejected = spark.read().json(quarantine.toString()).orderBy("source_line").collectAsList();
        assertEquals(List.of(6L, 9L), rejected.stream().map(r -> r.<Long>getAs("source_line")).toList());
        assertEquals("education: level 'college' was not seen in training; levels 0-5yrs, 12+ yrs, 6-11yrs",
                rejected.get(0).<String>getAs("reason"));
        assertEquals("column 'parity' is missing (an empty cell, NA, a value given as missing, or a null); the model's "
                + "formula uses it", rejected.get(1).<String>getAs("reason"));

        // The same rows as Parquet: source_row is the row's 0-based index in its file.
        Path parquet = dir.resolve("new.parquet");
        spark.read().option("header", true).option("inferSchema", true).csv(csv.toString()).coalesce(1).write()
                .parquet(parquet.toString());
        RowAccounting p = ScoringJob.run(spark, new ScoringRequest(modelDir.toString(),
                new ScoreSource(parquet.toString(), InputFormat.PARQUET, "case", null, List.of(), null),
                dir.resolve("pscores").toString(), ScoringRequest.OutputFormat.PARQUET, 0.5, BadRecordPolicy.parse("skip"),
                false));
        assertEquals(new RowAccounting(lines.size() - 1, lines.size() - 3, 2), p);
        List<Row> scored = spark.read().parquet(dir.resolve("pscores").toString()).collectAsList();
        assertEquals(lines.size() - 3, scored.size());
        for (Row r : scored) {
            long line = r.<Long>getAs("source_row") + 2; // row 0 is line 2, after the header
            FormulaReferenceTest.assertRelative(expected.get(line), r.<Double>getAs("margin"), 1e-12, "row of line "
                    + line);
        }
    }

    /** b + Σ wⱼxⱼ + offset for every line that codes, by line number, with the design in plain Java. */
    private static Map<Long, Double> inMemoryMargins(LogisticModel model, List<String> lines) {
        Design design = new Design(model.encoding());
        List<String> header = CsvLineSplitter.header(lines.get(0));
        CsvLineSplitter splitter = new CsvLineSplitter(header.size());
        TextCells cells = new TextCells(header, design.columns(), List.of());
        EncodedRow row = new EncodedRow();
        double[] w = model.coefficients();
        Map<Long, Double> out = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            try {
                if (!design.encodeForScoring(cells.reset(splitter.split(lines.get(i))), row, Double.MAX_VALUE)) {
                    continue;
                }
            } catch (IllegalArgumentException unseenLevel) {
                continue;
            }
            double[] x = new double[w.length];
            for (int k = 0; k < row.nnz; k++) {
                x[row.indices[k]] = row.values[k];
            }
            double z = model.intercept();
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[j];
            }
            out.put((long) i + 1, z + row.offset);
        }
        assertTrue(out.size() > 200);
        return out;
    }
}
