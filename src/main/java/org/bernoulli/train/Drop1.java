package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.formula.Design;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.inference.WaldInference;
import org.bernoulli.math.DataLoss;
import org.bernoulli.optim.IterationMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * R's {@code drop1(fit, test = "LRT")}: for each term that may be left out, the maximum-likelihood
 * fit without its columns (held at 0, as are the columns the data cannot determine; warm-started
 * from the full fit), and the
 * likelihood-ratio test of the term: LRT = 2(log L(full) − log L(without)) on df degrees of freedom
 * (the term's estimated columns), p = P(χ²_df > LRT); the deviance without the term is
 * D(full) + LRT and its AIC is AIC(full) + LRT − 2·df — differences of log-likelihoods, so the
 * constants R adds for binomial counts cancel.
 */
public final class Drop1 {

    /** One row of the table. */
    public record Row(String term, int df, double deviance, double aic, double lrt, double p) {
    }

    /** The table: the full model's deviance and AIC (R's {@code <none>} row), then one row per term. */
    public record Table(double deviance, double aic, List<Row> rows) {
        public Table {
            rows = List.copyOf(rows);
        }
    }

    private Drop1() {
    }

    /** Without a formula, every feature column is a term of its own. */
    public static List<Design.Term> columnTerms(List<String> names) {
        List<Design.Term> terms = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            terms.add(new Design.Term(names.get(j), j, j + 1));
        }
        return terms;
    }

    /**
     * @param fullFit the full model's fit
     * @param full    its summary (deviance and AIC)
     * @param aliased the columns held at 0 in every fit
     */
    public static Table of(DataLoss data, FeatureStatistics stats, List<String> names, boolean[] aliased,
                           TrainerSettings settings, Fit fullFit, ModelSummary full, List<Design.Term> terms) {
        double fullNegLogLik = fullFit.atSolution().negLogLikelihood();
        List<Row> rows = new ArrayList<>();
        for (Design.Term term : terms) {
            boolean[] excluded = aliased.clone();
            int df = 0;
            for (int j = term.from(); j < term.to(); j++) {
                if (!excluded[j]) {
                    df++;
                }
                excluded[j] = true;
            }
            // Warm-started from the full fit with the term's columns at 0.
            double[] start = java.util.Arrays.copyOf(fullFit.coefficients(), names.size() + 1);
            start[names.size()] = fullFit.intercept();
            for (int j = term.from(); j < term.to(); j++) {
                start[j] = 0.0;
            }
            Fit without = new LogisticTrainer(settings).fit(data, stats, names, excluded, start, IterationMonitor.NONE);
            // Never below 0: the full model contains the smaller one, so its likelihood is at least as large.
            double lrt = Math.max(0.0, 2 * (without.atSolution().negLogLikelihood() - fullNegLogLik));
            rows.add(new Row(term.label(), df, full.residualDeviance() + lrt, full.aic() + lrt - 2 * df, lrt,
                    WaldInference.chiSquaredUpperTail(lrt, df)));
        }
        return new Table(full.residualDeviance(), full.aic(), rows);
    }
}
