package org.bernoulli.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.inference.AverageMarginalEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --margins} and {@code bernoulli margins}: the table under the summary, margins.json, the
 * same effects from the margins command over the training file (its rows are the fit's: none missing),
 * and the refusals with their exit codes.
 */
class MarginsCommandTest {
    private static final String INFERT = "src/data/formula/infert.csv";
    private static final String FORMULA = "case ~ age * parity + spontaneous + induced + education + I(age^2)";

    @Test
    void trainPrintsAndWritesTheEffectsAndTheMarginsCommandRecomputesThem(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        TrainCommandTest.Run t = TrainCommandTest.run("train", "--input", INFERT, "--formula", FORMULA, "--margins",
                "--covariance", "hc1", "--output", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().contains("Average marginal effects on P(case = 1) (dP/dx for a number, LEVEL - REFERENCE "
                + "for a factor; delta-method standard errors):"), t.out());
        assertTrue(t.out().lines().anyMatch(l -> l.matches("education +12\\+ yrs - 0-5yrs +-0\\.286930 .*")), t.out());
        ObjectMapper json = new ObjectMapper();
        List<AverageMarginalEffect> trained = List.of(json.readValue(model.resolve("margins.json").toFile(),
                AverageMarginalEffect[].class));
        assertEquals(6, trained.size());
        String report = Files.readString(model.resolve("report.html"));
        assertTrue(report.contains("<h2 id=\"margins\">Average marginal effects</h2>") && report.contains(
                "<td style=\"text-align:left\">12+ yrs - 0-5yrs</td>"), "the report shows the effects");

        Path out = dir.resolve("effects.json");
        TrainCommandTest.Run m = TrainCommandTest.run("margins", "--model", model.toString(), "--input", INFERT,
                "--output", out.toString());
        assertEquals(0, m.exitCode(), m.err());
        assertTrue(m.out().startsWith("rows 248 averaged over\n"), m.out());
        List<AverageMarginalEffect> again = List.of(json.readValue(out.toFile(), AverageMarginalEffect[].class));
        for (int i = 0; i < trained.size(); i++) {
            assertEquals(trained.get(i).contrast(), again.get(i).contrast());
            assertEquals(trained.get(i).estimate(), again.get(i).estimate(), 1e-12 * Math.abs(trained.get(i).estimate()));
            assertEquals(trained.get(i).stdError(), again.get(i).stdError(), 1e-12 * trained.get(i).stdError());
        }
        String before = Files.readString(out);
        TrainCommandTest.Run exists = TrainCommandTest.run("margins", "--model", model.toString(), "--input", INFERT,
                "--output", out.toString());
        assertEquals(ExitCodes.FAILURE, exists.exitCode(), exists.err());
        assertTrue(exists.err().contains("already exists") && exists.err().contains("--overwrite"), exists.err());
        assertEquals(before, Files.readString(out), "an existing output is kept");
    }

    @Test
    void atTheMeansAddsASecondTableAndTheEntriesSayWhere(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        TrainCommandTest.Run t = TrainCommandTest.run("train", "--input", INFERT, "--formula", FORMULA, "--margins-at",
                "means", "--output", model.toString(), "--no-report");
        assertEquals(0, t.exitCode(), t.err());
        int averages = t.out().indexOf("Average marginal effects on P(case = 1)");
        int atMeans = t.out().indexOf("Marginal effects at the means (numbers at their means, factors at their levels' "
                + "shares) on P(case = 1)");
        assertTrue(averages > 0 && atMeans > averages, t.out());
        List<AverageMarginalEffect> written = List.of(new ObjectMapper().readValue(model.resolve("margins.json")
                .toFile(), AverageMarginalEffect[].class));
        assertEquals(12, written.size());
        assertEquals(6, written.stream().filter(e -> "means".equals(e.at())).count());
        assertFalse(Files.readString(model.resolve("margins.json")).lines().limit(12).anyMatch(l -> l.contains("\"at\"")),
                "an average has no 'at'");
        TrainCommandTest.Run m = TrainCommandTest.run("margins", "--model", model.toString(), "--input", INFERT, "--at",
                "means");
        assertEquals(0, m.exitCode(), m.err());
        assertTrue(m.out().contains("Marginal effects at the means"), m.out());
        TrainCommandTest.Run bad = TrainCommandTest.run("margins", "--model", model.toString(), "--input", INFERT, "--at",
                "medians");
        assertEquals(2, bad.exitCode(), bad.err());
    }

    @Test
    void rowsWithAMissingCellAreLeftOutAndCounted(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        assertEquals(0, TrainCommandTest.run("train", "--input", INFERT, "--formula", FORMULA, "--output",
                model.toString(), "--no-report", "--quiet").exitCode());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of(INFERT)));
        lines.set(3, lines.get(3).replace(",\"0-5yrs\",", ",,"));
        Path data = Files.write(dir.resolve("new.csv"), lines);
        TrainCommandTest.Run m = TrainCommandTest.run("margins", "--model", model.toString(), "--input", data.toString());
        assertEquals(0, m.exitCode(), m.err());
        assertTrue(m.out().startsWith("rows 247 averaged over (1 left out for a missing value in a column the formula "
                + "uses)\n"), m.out());
    }

    @Test
    void whatTheEffectsAreNotComputedForIsRefused(@TempDir Path dir) {
        TrainCommandTest.Run noFormula = TrainCommandTest.run("train", "--input", "src/data/heart_scale.csv",
                "--label-column", "label", "--margins", "--output", dir.resolve("a").toString());
        assertEquals(2, noFormula.exitCode(), noFormula.err());
        assertTrue(noFormula.err().contains("error: --margins: marginal effects are of the variables of a formula; give "
                + "--formula (for example 'label ~ .')"), noFormula.err());
        assertFalse(Files.exists(dir.resolve("a")));

        TrainCommandTest.Run counts = TrainCommandTest.run("train", "--input", "src/data/formula/ucb_admissions.csv",
                "--formula", "cbind(admitted, rejected) ~ gender + dept", "--margins", "--output",
                dir.resolve("b").toString());
        assertEquals(2, counts.exitCode(), counts.err());
        assertTrue(counts.err().contains("error: --margins: average marginal effects are not computed for binomial "
                + "counts cbind(successes, failures) yet"), counts.err());
        assertFalse(Files.exists(dir.resolve("b")));

        TrainCommandTest.Run off = TrainCommandTest.run("train", "--input", INFERT, "--formula", FORMULA, "--margins",
                "--stats", "off", "--output", dir.resolve("c").toString());
        assertEquals(2, off.exitCode(), off.err());
        assertTrue(off.err().contains("error: --margins: the standard errors of the average marginal effects need the "
                + "covariance of the fit; not with --reg-path, --cv, --stats off"), off.err());

        // A typed table's boolean column computed with (a CSV's TRUE/FALSE is text, which arithmetic refuses).
        Path parquet = dir.resolve("survey.parquet");
        org.bernoulli.testing.SparkTestSession.get().read().option("header", true).option("inferSchema", true)
                .csv("src/test/resources/margins/survey_bool.csv").write().parquet(parquet.toString());
        TrainCommandTest.Run bool = TrainCommandTest.run("train", "--input", parquet.toString(), "--formula",
                "sex ~ height + I(height * left_handed)", "--na-action", "omit", "--margins", "--output",
                dir.resolve("d").toString());
        assertEquals(2, bool.exitCode(), bool.err());
        assertTrue(bool.err().contains("error: column 'left_handed' holds booleans and enters the formula only through "
                + "arithmetic; its marginal effect is a change of level"), bool.err());
        assertFalse(Files.exists(dir.resolve("d")));

        Path plain = dir.resolve("plain");
        assertEquals(0, TrainCommandTest.run("train", "--input", INFERT, "--formula", FORMULA, "--stats", "off",
                "--output", plain.toString(), "--no-report", "--quiet").exitCode());
        TrainCommandTest.Run noCovariance = TrainCommandTest.run("margins", "--model", plain.toString(), "--input",
                INFERT);
        assertEquals(1, noCovariance.exitCode(), noCovariance.err());
        assertTrue(noCovariance.err().contains("error: the standard errors of marginal effects need covariance.json in "
                + plain), noCovariance.err());
    }
}
