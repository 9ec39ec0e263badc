package org.bernoulli.jobs;

import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report shows the inference that ran: the cluster-robust column named as such, the profile
 * intervals beside the Wald ones, the joint Wald test of the factor, R's drop1 table, and the forest
 * plot — one row per coefficient, its dot at β̂·sd of the column (the population standard deviation
 * of the column, recorded per coefficient in summary.json), intervals on the same scale; and the
 * {@code report} command rebuilds the same sections from the model directory alone.
 */
class InferenceReportTest {

    @Test
    void theReportShowsWhatTheInferenceComputed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m");
        InputSpec input = new InputSpec("src/data/formula/infert.csv", InputFormat.CSV, 0, "label", List.of(), null, 0,
                null, null, new FormulaOptions("case ~ spontaneous + induced + education", "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS), "stratum");
        org.bernoulli.jobs.TrainingRequest request = new org.bernoulli.jobs.TrainingRequest(input, out.toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false), new StopRule(100, 1e-15, 1e-10),
                        OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.HC1, true, List.of())), 0, null, null, true, null, null);
        ModelSummary s = TrainingJob.execute(new TrainingEngine.OnDriver(), request).summary();
        assertNull(s.coefficients().get(0).columnStdDev(), "the intercept has no scale");
        CoefficientEstimate spontaneous = s.coefficients().get(1);
        assertEquals("spontaneous", spontaneous.name());
        assertEquals(populationStdDev(column("spontaneous")), spontaneous.columnStdDev(), 1e-12);

        String page = Files.readString(out.resolve("report.html"));
        checkSections(page, s);
        Path again = dir.resolve("again.html");
        ReportJob.runOnDriver(new ReportJob.Request(out.toString(), null, BadRecordPolicy.parse("fail"), again.toString()));
        checkSections(Files.readString(again), s);
    }

    private static void checkSections(String page, ModelSummary s) {
        assertTrue(page.contains("standard errors from the cluster-robust sandwich (HC1, 83 clusters of stratum)"), page);
        assertTrue(page.contains("<th>cluster-robust std. error</th>"), page);
        assertTrue(page.contains("<th>profile low</th><th>profile high</th>"), page);
        assertTrue(page.contains("<tr><td>education</td><td>2</td><td>"), "the joint Wald test of the factor");
        String drop1 = page.substring(page.indexOf("data-table=\"drop1\""));
        drop1 = drop1.substring(0, drop1.indexOf("</table>"));
        assertEquals(4, drop1.split("<tr><td>").length - 1, "<none> and three terms: " + drop1);
        assertTrue(drop1.contains("<tr><td>education</td><td>2</td>"), drop1);
        // The forest plot: one row per coefficient but the intercept, dots ordered as β̂·sd.
        String forest = page.substring(page.indexOf("data-chart=\"forest\""));
        forest = forest.substring(0, forest.indexOf("</svg>"));
        Matcher m = Pattern.compile("data-name=\"([^\"]*)\".*?<circle class=\"estimate\" cx=\"([0-9.]+)\"").matcher(forest);
        List<String> names = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            xs.add(Double.parseDouble(m.group(2)));
        }
        assertEquals(List.of("spontaneous", "induced", "education12+ yrs", "education6-11yrs"), names);
        assertEquals(4, forest.split("class=\"profile").length - 1, "a profile interval per row");
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                CoefficientEstimate ca = s.coefficients().get(a + 1);
                CoefficientEstimate cb = s.coefficients().get(b + 1);
                double va = ca.estimate() * ca.columnStdDev();
                double vb = cb.estimate() * cb.columnStdDev();
                assertEquals(Double.compare(va, vb), Double.compare(xs.get(a), xs.get(b)), names.get(a) + " vs "
                        + names.get(b));
            }
        }
        assertNotNull(forest);
    }

    private static List<Double> column(String name) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/data/formula/infert.csv"));
        int at = List.of(lines.get(0).replace("\"", "").split(",")).indexOf(name);
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            values.add(Double.parseDouble(line.split(",")[at]));
        }
        return values;
    }

    private static double populationStdDev(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return Math.sqrt(v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / v.size());
    }
}
