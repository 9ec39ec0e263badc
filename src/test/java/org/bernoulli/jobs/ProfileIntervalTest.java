package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.FormulaOptions;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.UsageException;
import org.bernoulli.inference.CoefficientEstimate;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.Regularization;
import org.bernoulli.optim.StopRule;
import org.bernoulli.testing.SparkTestSession;
import org.bernoulli.train.OptimizerChoice;
import org.bernoulli.train.StatsMode;
import org.bernoulli.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PROFILE_CI}: every bound equals R's exact profile bound (the root of deviance(βⱼ fixed) −
 * deviance = χ²₁(0.95), in the references) to 1e-6 of max(1, |bound|) — on infert, infert with an
 * interaction, I() and log(), and UCB admissions as binomial counts, on both engines; summary.json
 * holds them; {@code PROFILE_CI NAME} gives that coefficient's only. Tolerance: each bound is solved
 * to |g| ≤ 1e-10 on constrained fits converged to a gradient of 1e-12, where g has slope of order
 * 1/se, so the bounds are within about 1e-9 of the exact roots.
 */
class ProfileIntervalTest {
    private static final StopRule TIGHT = new StopRule(100, 1e-15, 1e-10);

    private static org.bernoulli.jobs.TrainingRequest request(String data, String formula, Path out, List<String> which) {
        InputSpec input = new InputSpec(Path.of("src/data/formula").resolve(data).toString(), InputFormat.CSV, 0,
                "label", List.of(), null, 0, null, null, new FormulaOptions(formula, "fail", List.of(), null,
                FormulaOptions.DEFAULT_MAX_LEVELS));
        return new org.bernoulli.jobs.TrainingRequest(input, out.toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.FISHER, false, which)), 0, null, null, false, null, null);
    }

    /**
     * Near separation, where MASS's confint() returns NA for the upper bound of x (R's own constrained
     * fits stop at fitted probabilities of 0 or 1): both bounds of both parameters are the exact roots
     * ({@code near_separation.R}, one-dimensional minimizations to 1e-13) to 1e-6 of max(1, |bound|), on
     * both engines — the upper bound of x six standard errors out, at 34.35.
     */
    @Test
    void profileBoundsNearSeparationAreExactWhereRsConfintGivesNone(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/near_separation.json"));
        assertTrue(ref.get("mass_confint_high").get(1).isNull(), "MASS gives no upper bound for x");
        Path data = dir.resolve("near.csv");
        StringBuilder csv = new StringBuilder("y,x\n");
        for (String row : ref.get("rows").asText().substring("y,x: ".length()).split("; ")) {
            csv.append(row).append('\n');
        }
        Files.writeString(data, csv);
        InputSpec input = new InputSpec(data.toString(), InputFormat.CSV, 0, "y", List.of(), null, 0);
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            ModelSummary s = TrainingJob.execute(engine, new org.bernoulli.jobs.TrainingRequest(input, dir.resolve(engine.name()).toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                    TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.FISHER, false, List.of())), 0, null, null, false, null, null)).summary();
            for (int k = 0; k < 2; k++) {
                CoefficientEstimate c = s.coefficients().get(k);
                assertEquals(ref.get("names").get(k).asText(), c.name());
                assertEquals(ref.get("estimate").get(k).asDouble(), c.estimate(),
                        1e-6 * Math.abs(ref.get("estimate").get(k).asDouble()));
                for (String side : new String[] {"low", "high"}) {
                    double exact = ref.get("profile_ci_" + side + "_exact").get(k).asDouble();
                    Double found = side.equals("low") ? c.profileCiLow() : c.profileCiHigh();
                    assertEquals(exact, found, 1e-6 * Math.max(1, Math.abs(exact)), engine.name() + " " + c.name()
                            + " " + side);
                }
            }
        }
    }

    /**
     * A factor level near separation (one row of 40 at level c has y = 0): every bound of
     * {@code y ~ x + f} is the exact root ({@code near_separated_factor.R}: R's constrained fits through
     * an offset, uniroot to 1e-13) to 1e-6 of max(1, |bound|) on both engines — none reported as
     * unbounded. The profile deviance is convex, so with a finite estimate both bounds exist.
     */
    @Test
    void profileBoundsOfANearSeparatedLevelAreExact(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/near_separated_factor.json"));
        InputSpec input = nearSeparatedFactor(ref);
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            ModelSummary s = TrainingJob.execute(engine, new org.bernoulli.jobs.TrainingRequest(input, dir.resolve(engine.name()).toString(), true, new org.bernoulli.train.FitSpec(new TrainerSettings(new Regularization(0, 0, false),
                    TIGHT, OptimizerChoice.AUTO, 10), false, StatsMode.AUTO, null, new org.bernoulli.train.InferenceOptions(CovarianceType.FISHER, false, List.of())), 0, null, null, false, null, null)).summary();
            assertReference(ref, s.coefficients(), engine.name());
            assertTrue(s.notes().stream().noneMatch(n -> n.contains("profile")), s.notes().toString());
        }
    }

    /**
     * The search does not depend on its first step: started a thousand standard errors out (where the
     * constrained fits meet fitted probabilities of exactly 0 and 1 and must retreat) or a thousandth of
     * one, every bound is the same exact root.
     */
    @ParameterizedTest
    @CsvSource({"1000", "0.001"})
    void profileBoundsDoNotDependOnTheFirstStep(double scale) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/near_separated_factor.json"));
        InputSpec input = nearSeparatedFactor(ref);
        try (org.bernoulli.train.TrainingSet data = new TrainingEngine.OnDriver().read(input, 0)) {
            org.bernoulli.math.BlockDataLoss loss = data.dataLoss(0, () -> "test");
            int d = data.numFeatures();
            double[] packed = new double[d + 1];
            for (int j = 0; j < d; j++) {
                packed[j] = ref.get("estimate").get(j + 1).asDouble();
            }
            packed[d] = ref.get("estimate").get(0).asDouble();
            org.bernoulli.train.ProfileLikelihood profile = new org.bernoulli.train.ProfileLikelihood(loss, packed,
                    new boolean[d]);
            List<CoefficientEstimate> rows = new java.util.ArrayList<>();
            for (int k = 0; k <= d; k++) {
                int j = k == 0 ? d : k - 1;
                double se = ref.get("std_error").get(k).asDouble();
                org.bernoulli.train.ProfileLikelihood.Interval interval = profile.interval(j, se * scale);
                rows.add(new CoefficientEstimate(ref.get("names").get(k).asText(), packed[j], se, 0.0, 1.0, 0.0, 0.0,
                        interval.low(), interval.high()));
            }
            assertReference(ref, rows, "first step " + scale + " se");
        }
    }

    private static InputSpec nearSeparatedFactor(JsonNode ref) {
        return new InputSpec("src/test/resources/formula/near_separated_factor.csv", InputFormat.CSV, 0, "label",
                List.of(), null, 0, null, null, new FormulaOptions(ref.get("formula").asText(), "fail", List.of(),
                null, FormulaOptions.DEFAULT_MAX_LEVELS));
    }

    private static void assertReference(JsonNode ref, List<CoefficientEstimate> rows, String what) {
        assertEquals(ref.get("names").size(), rows.size());
        for (int k = 0; k < rows.size(); k++) {
            CoefficientEstimate c = rows.get(k);
            assertEquals(ref.get("names").get(k).asText(), c.name());
            double estimate = ref.get("estimate").get(k).asDouble();
            assertEquals(estimate, c.estimate(), 1e-6 * Math.max(1, Math.abs(estimate)), what + " " + c.name());
            for (String side : new String[] {"low", "high"}) {
                double exact = ref.get("profile_ci_" + side + "_exact").get(k).asDouble();
                Double found = side.equals("low") ? c.profileCiLow() : c.profileCiHigh();
                assertEquals(exact, found, 1e-6 * Math.max(1, Math.abs(exact)), what + " " + c.name() + " " + side);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"infert.csv,infert.json", "infert.csv,infert_interaction.json",
        "ucb_admissions.csv,ucb_admissions.json"})
    void profileBoundsAreTheExactRoots(String data, String reference, @TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        JsonNode low = ref.get("profile_ci_low_exact");
        JsonNode high = ref.get("profile_ci_high_exact");
        for (TrainingEngine engine : List.of(new TrainingEngine.OnDriver(),
                new TrainingEngine.OnSpark(SparkTestSession.get()))) {
            Path out = dir.resolve(engine.name());
            ModelSummary s = TrainingJob.execute(engine, request(data, ref.get("formula").asText(), out, List.of()))
                    .summary();
            assertEquals(low.size(), s.coefficients().size());
            for (int k = 0; k < low.size(); k++) {
                CoefficientEstimate c = s.coefficients().get(k);
                String what = reference + " " + engine.name() + " " + c.name();
                assertEquals(low.get(k).asDouble(), c.profileCiLow(), 1e-6 * Math.max(1, Math.abs(low.get(k).asDouble())),
                        what + " low");
                assertEquals(high.get(k).asDouble(), c.profileCiHigh(),
                        1e-6 * Math.max(1, Math.abs(high.get(k).asDouble())), what + " high");
                assertTrue(c.profileCiLow() < c.estimate() && c.estimate() < c.profileCiHigh(), what);
            }
            ModelSummary written = SummaryJson.readSummary(Files.readString(out.resolve("summary.json")), "summary");
            assertEquals(s.coefficients().get(1).profileCiLow(), written.coefficients().get(1).profileCiLow());
        }
    }

    @Test
    void namedCoefficientsOnlyAndUnknownNamesRefused(@TempDir Path dir) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/infert.json"));
        ModelSummary s = TrainingJob.execute(new TrainingEngine.OnDriver(), request("infert.csv",
                ref.get("formula").asText(), dir.resolve("one"), List.of("induced"))).summary();
        for (CoefficientEstimate c : s.coefficients()) {
            if (c.name().equals("induced")) {
                assertEquals(ref.get("profile_ci_high_exact").get(2).asDouble(), c.profileCiHigh(), 1e-6);
            } else {
                assertNull(c.profileCiLow(), c.name());
            }
        }
        UsageException unknown = assertThrows(UsageException.class, () -> TrainingJob.execute(
                new TrainingEngine.OnDriver(), request("infert.csv", ref.get("formula").asText(), dir.resolve("bad"),
                        List.of("age"))));
        assertTrue(unknown.getMessage().startsWith("{PROFILE_CI} age: not an estimated coefficient"),
                unknown.getMessage());
    }
}
