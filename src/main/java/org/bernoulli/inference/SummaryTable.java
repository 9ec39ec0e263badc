package org.bernoulli.inference;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a {@link ModelSummary} in the shape of R's {@code summary(glm)}: the coefficient table
 * with Estimate, Std. Error, z value, Pr(>|z|) and significance stars, then the deviances and AIC,
 * followed by what R leaves out: log-likelihoods, BIC, McFadden's R² and the likelihood-ratio test.
 */
public final class SummaryTable {
    /** R's display floor for p-values, the machine epsilon: smaller ones print as "< 2e-16". */
    static final double P_FLOOR = 2.220446e-16;

    private SummaryTable() {
    }

    public static void print(PrintWriter out, ModelSummary s) {
        out.println();
        out.println("Coefficients (" + s.method() + (s.covariance().equals(CovarianceType.FISHER.id()) ? ""
                : "; " + (s.clustering() == null ? "robust" : "cluster-robust") + " standard errors, "
                + s.covariance().toUpperCase(java.util.Locale.ROOT)
                + (s.clustering() == null ? "" : ", " + s.clustering().clusters() + " clusters of "
                + s.clustering().column())) + "):" + notDefined(s));
        int width = Math.max(11, s.coefficients().stream().mapToInt(c -> c.name().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s  %12s  %10s  %8s  %10s%n", "", "Estimate", "Std. Error", "z value",
                "Pr(>|z|)");
        String outcome = null;
        for (CoefficientEstimate c : s.coefficients()) {
            if (c.outcome() != null && !c.outcome().equals(outcome)) {
                outcome = c.outcome();
                out.println("class '" + outcome + "' against '" + s.classes().reference() + "':");
            }
            if (c.estimated()) {
                out.println(String.format(Locale.ROOT, "%-" + width + "s  %12.6g  %10.5g  %8.3f  %10s %s", c.name(),
                        c.estimate(), c.stdError(), c.zValue(), formatP(c.pValue()), stars(c.pValue())).stripTrailing());
            } else {
                out.println(String.format(Locale.ROOT, "%-" + width + "s  %12s  %10s  %8s  %10s", c.name(), "NA", "NA",
                        "NA", "NA"));
            }
        }
        out.println("---");
        out.println("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
        if (!s.termTests().isEmpty()) {
            out.println(s.classes() != null ? "Joint Wald tests of each term over every class:"
                    : "Joint Wald tests of terms with several columns:");
            for (TermTest t : s.termTests()) {
                out.println(String.format(Locale.ROOT, "  %s: chi-squared %.4f on %d df, p %s %s", t.term(),
                        t.chiSquared(), t.df(), formatP(t.p()), stars(t.p())).stripTrailing());
            }
        }
        if (!s.penalizedLrTests().isEmpty()) {
            out.println("Penalized likelihood-ratio tests (coefficient at 0, the others refitted; as logistf):");
            for (PenalizedLikelihoodRatio t : s.penalizedLrTests()) {
                out.println(String.format(Locale.ROOT, "  %s: chi-squared %.4f on 1 df, p %s %s", t.coefficient(),
                        t.chiSquared(), formatP(t.p()), stars(t.p())).stripTrailing());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "    Null deviance: %.6g  on %d  degrees of freedom%n", s.nullDeviance(), s.dfNull());
        out.printf(Locale.ROOT, "Residual deviance: %.6g  on %d  degrees of freedom%n", s.residualDeviance(),
                s.dfResidual());
        out.printf(Locale.ROOT, "AIC: %.6g   BIC: %.6g%n", s.aic(), s.bic());
        out.printf(Locale.ROOT, "Log-likelihood: %.8g (null model %.8g)   McFadden R-squared: %.4f%n",
                s.logLikelihood(), s.nullLogLikelihood(), s.mcFaddenR2());
        if (s.penalizedLogLikelihood() != null) {
            out.printf(Locale.ROOT, "Penalized log-likelihood (Firth): %.8g%n", s.penalizedLogLikelihood());
        }
        if (s.lrtStatistic() != null) {
            out.printf(Locale.ROOT, "Likelihood-ratio test against the null model: chi-squared %.6g on %d df, p %s%n",
                    s.lrtStatistic(), s.lrtDf(), formatP(s.lrtPValue()));
        }
        for (String note : s.notes()) {
            out.println("Note: " + note);
        }
    }

    /** R's remark on the NA rows, or nothing. */
    private static String notDefined(ModelSummary s) {
        long n = s.coefficients().stream().filter(c -> !c.estimated()).count();
        return n == 0 ? "" : " (" + n + " not defined because of singularities)";
    }

    static String formatP(double p) {
        return p < P_FLOOR ? "< 2e-16" : String.format(Locale.ROOT, "%.3g", p);
    }

    /** R's significance stars for a p-value. */
    public static String stars(double p) {
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }
}
