package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.cli.ExitCodes;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ExcludedColumn;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.TermTest;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.SeparationException;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Columns the data cannot determine, by R's rule: an empty cell of an interaction and a factor
 * confounded with another are R's NA rows — in the table, in summary.json (every number null) and in
 * {@code excluded} — and the rest of the fit is R's ({@code aliasing.R}: estimates and standard errors
 * to 1e-6 relative, deviance and AIC to 1e-9, residual df exact), with the terms' joint Wald tests
 * over the estimated columns only, on both engines. A factor level (or a cell, or a reference level)
 * whose rows all have one class is quasi-complete separation: named with its level and class, exit 3,
 * and Firth's fit is finite there.
 */
class AliasingTest {
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);

    private static org.bernoulli.jobs.TrainingRequest request(String data, String formula, Path out, boolean firth) {
        InputSpec input = new InputSpec(data, InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new FormulaOptions(formula, "fail", List.of(), null, FormulaOptions.DEFAULT_MAX_LEVELS));
        return new org.bernoulli.jobs.TrainingRequest(input, out.toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                TIGHT, OptimizerChoice.AUTO, 10), firth, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.FISHER, false, null)), 0, null, null, false, null, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aliasedColumnsAreRsNaRowsAndTheRestIsRsFit(int which, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/aliasing.json")).get("fits")
                .get(which);
        String formula = ref.get("formula").asText();
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            Path out = dir.resolve(engine.name());
            ModelSummary s = TrainingJob.execute(engine, request("src/test/resources/formula/aliasing.csv", formula,
                    out, false)).summary();
            String what = formula + " on " + engine.name();
            assertEquals(ref.get("names").size(), s.coefficients().size(), what);
            int aliased = 0;
            for (int k = 0; k < s.coefficients().size(); k++) {
                CoefficientEstimate c = s.coefficients().get(k);
                assertEquals(ref.get("names").get(k).asText(), c.name(), what);
                JsonNode estimate = ref.get("estimate").get(k);
                if (estimate.isNull()) {
                    aliased++;
                    assertFalse(c.estimated(), what + " " + c.name());
                    assertNull(c.stdError());
                    assertTrue(s.excluded().contains(new ExcludedColumn(c.name(), ExcludedColumn.ALIASED)),
                            s.excluded().toString());
                    continue;
                }
                assertEquals(estimate.asDouble(), c.estimate(), 1e-6 * Math.abs(estimate.asDouble()), what + " " + c.name());
                double se = ref.get("std_error").get(k).asDouble();
                assertEquals(se, c.stdError(), 1e-6 * se, what + " " + c.name());
            }
            assertEquals(1, aliased, what);
            assertEquals(ref.get("deviance").asDouble(), s.residualDeviance(), 1e-9 * s.residualDeviance(), what);
            assertEquals(ref.get("aic").asDouble(), s.aic(), 1e-9 * s.aic(), what);
            assertEquals(ref.get("df_residual").asLong(), s.dfResidual(), what);
            for (TermTest t : s.termTests()) {
                assertTrue(Double.isFinite(t.chiSquared()) && t.df() >= 1, t.toString());
            }
            JsonNode written = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            for (JsonNode c : written.get("coefficients")) {
                boolean na = ref.get("estimate").get(names(ref).indexOf(c.get("name").asText())).isNull();
                for (String field : new String[] {"estimate", "stdError", "zValue", "pValue", "ciLow", "ciHigh"}) {
                    assertEquals(na, c.get(field).isNull(), what + " " + c.get("name") + " " + field);
                }
            }
            assertFalse(Files.readString(out.resolve("summary.json")).contains("NaN"));
        }
    }

    /**
     * Every inference path holds the empty cell at 0 and counts only estimated columns: drop1's a:b has
     * R's df 1 and LRT, the profile bounds of the estimated coefficients are the exact roots (1e-6), on
     * both engines; Firth's fit has the NA row too; the spark.ml estimator's summary is the same table.
     */
    @Test
    void everyInferencePathHoldsTheEmptyCellAtZero(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/aliasing.json"))
                .get("a_times_b");
        InputSpec input = new InputSpec("src/test/resources/formula/aliasing.csv", InputFormat.CSV, 0, "label",
                List.of(), null, 0, null, null, new FormulaOptions("y ~ a * b", "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS));
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            TrainingJob.Outcome o = TrainingJob.execute(engine, new org.bernoulli.jobs.TrainingRequest(input, dir.resolve(engine.name()).toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                    TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.FISHER, true, List.of())), 0, null, null, false, null, null));
            JsonNode drop1 = ref.get("drop1");
            org.bernoulli.train.Drop1.Row row = o.drop1().rows().get(0);
            assertEquals("a:b", row.term());
            assertEquals(drop1.get("df").asInt(), row.df(), engine.name());
            assertEquals(drop1.get("lrt").asDouble(), row.lrt(), 1e-6 * drop1.get("lrt").asDouble(), engine.name());
            assertEquals(drop1.get("aic").asDouble(), row.aic(), 1e-9 * row.aic(), engine.name());
            assertEquals(drop1.get("p").asDouble(), row.p(), 1e-6 * drop1.get("p").asDouble(), engine.name());
            List<CoefficientEstimate> estimated = o.summary().estimatedCoefficients();
            assertEquals(ref.get("estimated").size(), estimated.size());
            for (int k = 0; k < estimated.size(); k++) {
                CoefficientEstimate c = estimated.get(k);
                assertEquals(ref.get("estimated").get(k).asText(), c.name());
                double low = ref.get("profile_ci_low_exact").get(k).asDouble();
                double high = ref.get("profile_ci_high_exact").get(k).asDouble();
                assertEquals(low, c.profileCiLow(), 1e-6 * Math.max(1, Math.abs(low)), engine.name() + " " + c.name());
                assertEquals(high, c.profileCiHigh(), 1e-6 * Math.max(1, Math.abs(high)), engine.name() + " " + c.name());
            }
        }
        ModelSummary firth = TrainingJob.execute(new TrainingEngine.OnDriver(), request(
                "src/test/resources/formula/aliasing.csv", "y ~ a * b", dir.resolve("firth"), true)).summary();
        assertEquals(List.of("aa2:bb2"), firth.coefficients().stream().filter(c -> !c.estimated())
                .map(CoefficientEstimate::name).toList());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = SparkTestSession.get().read()
                .option("header", true).option("inferSchema", true).csv("src/test/resources/formula/aliasing.csv");
        ModelSummary ml = new org.bernoulli.ml.BernoulliLogisticRegression().setFormula("y ~ a * b").setTol(1e-15)
                .setGradTol(1e-10).fit(df).summary();
        JsonNode fit = new ObjectMapper().readTree(new File("src/test/resources/formula/aliasing.json")).get("fits")
                .get(0);
        assertEquals(fit.get("names").size(), ml.coefficients().size());
        for (int k = 0; k < ml.coefficients().size(); k++) {
            CoefficientEstimate c = ml.coefficients().get(k);
            assertEquals(fit.get("estimate").get(k).isNull(), !c.estimated(), c.name());
            if (c.estimated()) {
                double se = fit.get("std_error").get(k).asDouble();
                assertEquals(se, c.stdError(), 1e-6 * se, "spark.ml " + c.name());
            }
        }
    }

    /**
     * Names that need backticks, in an interaction with an empty cell, and a separated level of
     * {@code factor()} of a number: the NA row by R's name, and the separation named — never a linear-algebra
     * failure.
     */
    @Test
    void backtickedInteractionsAndFactorsOfNumbersAreInferredOrNamed(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/formula/aliasing.csv"));
        StringBuilder csv = new StringBuilder("\"y\",\"x\",\"my a\",\"my b\",\"g\"\n");
        lines.subList(1, lines.size()).forEach(l -> csv.append(l).append('\n'));
        Path renamed = Files.writeString(dir.resolve("renamed.csv"), csv);
        ModelSummary s = TrainingJob.execute(new TrainingEngine.OnDriver(), request(renamed.toString(),
                "y ~ `my a` * `my b`", dir.resolve("m"), false)).summary();
        assertEquals(List.of("`my a`a2:`my b`b2"), s.coefficients().stream().filter(c -> !c.estimated())
                .map(CoefficientEstimate::name).toList());
        assertEquals(List.of("`my b`"), s.termTests().stream().map(TermTest::term).toList());
        StringBuilder numbers = new StringBuilder("y,x3\n");
        for (int i = 0; i < 60; i++) {
            int level = i % 3 + 1;
            numbers.append(level == 3 ? 1 : i % 2).append(',').append(level).append('\n');
        }
        Path data = Files.writeString(dir.resolve("x3.csv"), numbers);
        SeparationException e = assertThrows(SeparationException.class, () -> TrainingJob.execute(
                new TrainingEngine.OnDriver(), request(data.toString(), "y ~ factor(x3)", dir.resolve("f"), false)));
        assertTrue(e.getMessage().startsWith("quasi-complete separation: every row with factor(x3) = '3' (total "
                + "weight 20) has y = 1"), e.getMessage());
    }

    /** The empty cell's interaction term is tested on its one estimated column, as R's Anova would. */
    @Test
    void theTermTestOfAnInteractionWithAnEmptyCellUsesItsEstimatedColumns(@TempDir Path dir) {
        ModelSummary s = TrainingJob.execute(new TrainingEngine.OnDriver(), request(
                "src/test/resources/formula/aliasing.csv", "y ~ a * b", dir.resolve("m"), false)).summary();
        assertEquals(List.of("b"), s.termTests().stream().map(TermTest::term).toList(),
                "a:b has one estimated column left, so no joint test");
    }

    @Test
    void theTableShowsRsNaRow(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = org.bernoulli.cli.Main.run(new PrintWriter(out), new PrintWriter(err), "train", "--input",
                "src/test/resources/formula/aliasing.csv", "--formula", "y ~ a * b", "--output",
                dir.resolve("m").toString(), "--no-report");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("Coefficients (maximum likelihood): (1 not defined because of singularities)"),
                out.toString());
        assertTrue(out.toString().matches("(?s).*\naa2:bb2 +NA +NA +NA +NA\n.*"), out.toString());
        assertEquals(1, out.toString().split("aa2:bb2", -1).length - 2, "named once beside its NA row: " + out);
    }

    private static List<String> names(JsonNode ref) {
        List<String> out = new java.util.ArrayList<>();
        ref.get("names").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Rows of y, x and f: level c all 1 (or, with {@code reference}, level a all 0). */
    private static Path separated(Path dir, String name, boolean reference) throws Exception {
        StringBuilder csv = new StringBuilder("y,x,f\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 150; i++) {
            String level = "abc".substring(i % 3, i % 3 + 1);
            double x = Math.round(random.nextGaussian() * 1e4) / 1e4;
            int y = random.nextDouble() < 1 / (1 + Math.exp(-x)) ? 1 : 0;
            if (reference ? level.equals("a") : level.equals("c")) {
                y = reference ? 0 : 1;
            }
            csv.append(y).append(',').append(x).append(',').append(level).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void aLevelWhoseRowsAreAllOneClassIsNamedAsSeparation(@TempDir Path dir) throws Exception {
        Path data = separated(dir, "level.csv", false);
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            SeparationException e = assertThrows(SeparationException.class, () -> TrainingJob.execute(engine,
                    request(data.toString(), "y ~ x + f", dir.resolve("m"), false)));
            assertTrue(e.getMessage().startsWith("quasi-complete separation: every row with f = 'c' (total weight 50) "
                    + "has y = 1, so the likelihood has no maximum: it keeps growing as the fit moves the coefficient "
                    + "fc towards infinity"), e.getMessage());
            assertTrue(e.getMessage().contains("{FIRTH}") && e.getMessage().contains("{REG_PARAM=0.01}"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("m")), "no model");
        ModelSummary firth = TrainingJob.execute(new TrainingEngine.OnDriver(), request(data.toString(), "y ~ x + f",
                dir.resolve("firth"), true)).summary();
        for (CoefficientEstimate c : firth.coefficients()) {
            assertTrue(Double.isFinite(c.estimate()) && Double.isFinite(c.stdError()), c.toString());
        }
    }

    @Test
    void aReferenceLevelOrACellOfOneClassIsNamedToo(@TempDir Path dir) throws Exception {
        Path data = separated(dir, "reference.csv", true);
        SeparationException e = assertThrows(SeparationException.class, () -> TrainingJob.execute(
                new TrainingEngine.OnDriver(), request(data.toString(), "y ~ x + f", dir.resolve("m"), false)));
        assertTrue(e.getMessage().startsWith("quasi-complete separation: every row at the reference level of f, 'a' "
                + "(total weight 50) has y = 0, so the likelihood has no maximum: it keeps growing as the fit moves "
                + "the intercept and fb, fc"), e.getMessage());
        // A cell of an interaction of factors: the rows with a = 'a2' and b = 'b3', all set to y = 1.
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/formula/aliasing.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            csv.append(line.contains("\"a2\",\"b3\"") ? "1" + line.substring(line.indexOf(',')) : line).append('\n');
        }
        Path cell = dir.resolve("cell.csv");
        Files.writeString(cell, csv);
        SeparationException interaction = assertThrows(SeparationException.class, () -> TrainingJob.execute(
                new TrainingEngine.OnDriver(), request(cell.toString(), "y ~ a * b", dir.resolve("m"), false)));
        assertTrue(interaction.getMessage().startsWith("quasi-complete separation: every row with a = 'a2' and "
                + "b = 'b3' (total weight "), interaction.getMessage());
        assertTrue(interaction.getMessage().contains("has y = 1, so the likelihood has no maximum: it keeps growing as "
                + "the fit moves the coefficient aa2:bb3 towards infinity"), interaction.getMessage());
        StringWriter err = new StringWriter();
        int code = org.bernoulli.cli.Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "train",
                "--input", data.toString(), "--formula", "y ~ x + f", "--output", dir.resolve("cli").toString());
        assertEquals(ExitCodes.NO_FINITE_ESTIMATE, code, err.toString());
        assertTrue(err.toString().startsWith("error: quasi-complete separation: every row at the reference level"),
                err.toString());
    }
}
