package org.bernoulli.train;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.UsageException;
import org.bernoulli.inference.Aliasing;
import org.bernoulli.inference.CategoricalInference;
import org.bernoulli.inference.CovarianceType;
import org.bernoulli.inference.ModelSummary;
import org.bernoulli.math.CategoricalDataLoss;
import org.bernoulli.math.CategoricalObjective;
import org.bernoulli.math.ElasticNetPenalty;
import org.bernoulli.math.SymmetricSoftmaxObjective;
import org.bernoulli.math.FeatureScaling;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.optim.IterationMonitor;
import org.bernoulli.optim.Lbfgs;
import org.bernoulli.optim.Newton;
import org.bernoulli.optim.OptimizationResult;
import org.bernoulli.optim.OwlQn;
import org.bernoulli.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The fit stage of a model of more than two classes — the categorical likelihood's counterpart of
 * {@link ModelFitting}, for the training job and the spark.ml estimator alike: the columns held at 0
 * (constant, or aliased with the intercept and earlier columns: the same in every class), the
 * maximum-likelihood fit from the intercept-only optimum (Newton for up to
 * {@value #NEWTON_MAX_PARAMETERS} parameters, L-BFGS beyond), and the Wald inference after it
 * ({@link CategoricalInference}) with drop1's likelihood-ratio tests; or under a penalty, MLlib's symmetric elastic-net objective.
 * Plain Java: the passes go through the data term given.
 */
public final class CategoricalFitting {
    /** Up to this many parameters (K − 1)(d + 1), Newton's method (the information is their square). */
    public static final int NEWTON_MAX_PARAMETERS = 400;

    private CategoricalFitting() {
    }

    /**
     * What the fit stage fitted.
     *
     * @param fit      the model's fit
     * @param summary  its inference, or null when off
     * @param settings the settings of the fit
     * @param drop1    the likelihood-ratio test of each term, or null
     */
    public record Fitted(CategoricalFit fit, CategoricalInference.Result summary, TrainerSettings settings,
                         Drop1.Table drop1) {

        /** The same with each warning and note rewritten (the settings they name worded by a door). */
        public Fitted mapText(UnaryOperator<String> f) {
            CategoricalInference.Result s = summary == null ? null
                    : new CategoricalInference.Result(summary.summary().mapNotes(f), summary.covariance());
            return new Fitted(fit.mapWarnings(f), s, settings, drop1);
        }
    }

    /**
     * Refuses what a fit of more than two classes does not offer: Firth's reduction, paths, bounds and
     * profile intervals.
     *
     * @throws UsageException naming the setting and the number of classes
     */
    public static void check(FitSpec spec, int classes, String clusterColumn) {
        String why = " applies to a response of two classes; this one has " + classes;
        TrainerSettings s = spec.settings();
        if (spec.firth()) {
            throw new UsageException("{FIRTH}" + why);
        }
        if (spec.path() != null) {
            throw new UsageException("a regularization path or cross-validation ({CV})" + why);
        }
        if (s.bounds() != null) {
            throw new UsageException("bounds on coefficients ({LOWER_BOUNDS}, {UPPER_BOUNDS})" + why);
        }
        if (spec.inference().profileCi() != null) {
            throw new UsageException("{PROFILE_CI}" + why);
        }
        OptimizerChoice o = s.optimizer();
        if (s.regParam() > 0 ? o != OptimizerChoice.AUTO && o != OptimizerChoice.LBFGS && o != OptimizerChoice.OWLQN
                : o != OptimizerChoice.AUTO && o != OptimizerChoice.NEWTON && o != OptimizerChoice.LBFGS) {
            throw new UsageException("{OPTIMIZER} " + o.name().toLowerCase(java.util.Locale.ROOT) + " does not fit "
                    + classes + " classes " + (s.regParam() > 0 ? "under a penalty; choose lbfgs (owlqn with an L1 "
                    + "part) or auto" : "by maximum likelihood; choose newton, lbfgs or auto"));
        }
    }

    /**
     * Fits the data.
     *
     * @param loss       the data term every pass goes through
     * @param statistics the data's feature statistics
     * @param names      the feature names
     * @param classes    every class, the reference first (labels are their indices)
     * @param design     the formula's design, for the joint tests of its terms; null without a formula
     * @param clusterColumn the column the rows' clusters came from (cluster-robust errors), or null
     */
    public static Fitted fit(CategoricalDataLoss loss, FeatureStatistics statistics, List<String> names,
                             List<String> classes, org.bernoulli.formula.Design design, FitSpec spec,
                             String clusterColumn, ModelFitting.Progress progress) {
        check(spec, classes.size(), clusterColumn);
        int d = loss.numFeatures();
        int m = classes.size() - 1;
        int q = d + 1;
        progress.stage("class totals");
        CategoricalDataLoss.ClassTotals totals = loss.classTotals();
        double[] classWeights = totals.weights();
        for (int k = 0; k < classWeights.length; k++) {
            if (!(classWeights[k] > 0)) {
                throw new BadInputException("class '" + classes.get(k) + "' has no row of positive weight; every "
                        + "class of the response needs rows to be estimated");
            }
        }
        if (spec.settings().regParam() > 0) {
            return penalized(loss, statistics, classes, totals, spec.settings(), progress);
        }
        double[] start = new double[m * q];
        for (int k = 0; k < m; k++) {
            start[k * q + d] = Math.log(classWeights[k + 1] / classWeights[0]);
        }
        FeatureScaling base = FeatureScaling.of(statistics.means(), statistics.stdDevs(), statistics.min(),
                statistics.max(), 0.0);
        boolean inference = spec.inferenceFor(d);
        boolean[] held = new boolean[d];
        LossEvaluation atStart = null;
        if (inference) {
            progress.stage("aliasing check");
            atStart = loss.evaluate(start, true);
            held = aliased(atStart, base, q);
        }
        for (int j = 0; j < d; j++) {
            held[j] |= statistics.isConstant(j);
        }
        TrainerSettings settings = spec.settings();
        IterationMonitor monitor = (r, x) -> {
            progress.stage("iteration " + (r.iteration() + 1));
            return progress.monitor().accept(r, x);
        };
        progress.stage("iteration 1");
        // The start's pass (with the information) serves the optimizer's first evaluation too.
        Maximum max = maximize(loss, base.withFixed(held), start, atStart, settings, monitor);
        OptimizationResult result = max.result();
        double[] raw = max.raw();
        boolean newton = max.newton();
        LossEvaluation at = max.at();
        boolean needInformation = inference;
        if (at == null || needInformation && at.hessian() == null) {
            progress.stage(needInformation ? "inference" : "the solution");
            at = loss.evaluate(raw, needInformation);
        }
        List<String> warnings = new ArrayList<>();
        if (!result.stopReason().converged()) {
            warnings.add("the optimizer stopped before converging: " + result.stopReason().description());
        }
        if (at.extremeRows() > 0) {
            warnings.add(separation(classes, loss.certainRows(raw)));
        }
        CategoricalFit fit = new CategoricalFit(classes, totals.rows(), raw, newton ? "newton" : "lbfgs", result, at,
                warnings);
        if (!inference) {
            return new Fitted(fit, null, settings, null);
        }
        progress.phase("inference");
        CovarianceType covariance = spec.inference().covariance();
        double[] meat = null;
        org.bernoulli.inference.Clustering clustering = null;
        if (clusterColumn != null) {
            org.bernoulli.math.ClusterScoreOuterProducts clusters = loss.clusterScoreOuterProducts(raw);
            if (clusters.clusters() < 2) {
                throw new ModelInference.OneCluster("{CLUSTER_COLUMN} '" + clusterColumn + "': the rows used are all in "
                        + "one cluster; cluster-robust standard errors need at least 2 clusters");
            }
            meat = clusters.result();
            clustering = new org.bernoulli.inference.Clustering(clusterColumn, clusters.clusters());
        } else if (covariance.robust()) {
            meat = loss.scoreOuterProducts(raw);
        }
        double[] information = at.hessian().clone();
        for (int i = 0; i < information.length; i++) {
            information[i] *= at.weightSum();
        }
        CategoricalInference.Result summary = CategoricalInference.summarize(
                new CategoricalInference.Estimate(classes, raw, names, held),
                new CategoricalInference.Sample(totals.totalRows(), classWeights, -at.negLogLikelihood()),
                information, covariance, meat, clustering, ModelInference.excluded(statistics, held, names));
        if (design != null) {
            summary = new CategoricalInference.Result(summary.summary().withTermTests(termTests(design, held, q,
                    m, raw, summary.covariance())), summary.covariance());
        }
        Drop1.Table drop1 = null;
        if (spec.inference().drop1()) {
            progress.stage("drop1");
            progress.phase("drop1");
            drop1 = drop1(loss, base, held, raw, at, summary.summary(), settings,
                    design != null ? design.droppableTerms() : Drop1.columnTerms(names), m);
        }
        return new Fitted(fit, summary, settings, drop1);
    }

    /**
     * The warning of probabilities numerically 0 or 1, naming the classes whose rows the fit is certain
     * of (R's glm warns alike for two): such a class may be separated from the others by the features.
     */
    static String separation(List<String> classes, long[] certain) {
        List<String> named = new ArrayList<>();
        for (int k = 0; k < certain.length; k++) {
            if (certain[k] > 0) {
                named.add("'" + classes.get(k) + "' (" + certain[k] + (certain[k] == 1 ? " row" : " rows") + ")");
            }
        }
        return "fitted probabilities numerically 0 or 1 occurred: the fit is certain of class " + String.join(", ", named)
                + " for some rows; " + (named.size() == 1 ? "that class" : "those classes") + " may be separated from "
                + "the others by the features, and the estimates and standard errors of its log-odds are then not "
                + "finite in the limit";
    }

    /** A maximum-likelihood fit: the optimizer's result, the raw parameters, the data term there (or null). */
    private record Maximum(OptimizationResult result, double[] raw, boolean newton, LossEvaluation at) {
    }

    /**
     * Maximizes the likelihood with the columns {@code scaling} fixes held at 0, from the raw
     * {@code start} (whose evaluation {@code atStart}, when given, serves the first one).
     */
    private static Maximum maximize(CategoricalDataLoss loss, FeatureScaling scaling, double[] start,
                                    LossEvaluation atStart, TrainerSettings settings, IterationMonitor monitor) {
        CategoricalObjective objective = new CategoricalObjective(loss, scaling, start, atStart);
        boolean newton = settings.optimizer() == OptimizerChoice.NEWTON
                || settings.optimizer() == OptimizerChoice.AUTO && start.length <= NEWTON_MAX_PARAMETERS;
        Optimizer optimizer = newton ? new Newton(settings.stopRule())
                : new Lbfgs(settings.stopRule(), settings.lbfgsMemory());
        OptimizationResult result = optimizer.minimize(objective, objective.toStandardized(start), monitor);
        return new Maximum(result, objective.toRaw(result.x()), newton, objective.evaluationAt(result.x()));
    }

    /**
     * R's {@code drop1(fit, test = "Chisq")} for more classes: for each term, the fit without its
     * columns in every class (warm-started from the full fit with them at 0), the likelihood-ratio
     * statistic 2(log L(full) − log L(without)) on (K − 1) × (the term's estimated columns) degrees of
     * freedom, and the deviance and AIC without it.
     */
    private static Drop1.Table drop1(CategoricalDataLoss loss, FeatureScaling base, boolean[] held, double[] full,
                                     LossEvaluation atFull, ModelSummary summary, TrainerSettings settings,
                                     List<org.bernoulli.formula.Design.Term> terms, int m) {
        int q = loss.numFeatures() + 1;
        List<Drop1.Row> rows = new ArrayList<>();
        for (org.bernoulli.formula.Design.Term term : terms) {
            boolean[] without = held.clone();
            double[] start = full.clone();
            int columns = 0;
            for (int j = term.from(); j < term.to(); j++) {
                columns += without[j] ? 0 : 1;
                without[j] = true;
                for (int k = 0; k < m; k++) {
                    start[k * q + j] = 0.0;
                }
            }
            Maximum reduced = maximize(loss, base.withFixed(without), start, null, settings, IterationMonitor.NONE);
            LossEvaluation at = reduced.at() != null ? reduced.at() : loss.evaluate(reduced.raw(), false);
            // Never below 0: the full model contains the smaller one.
            double lrt = Math.max(0.0, 2 * (at.negLogLikelihood() - atFull.negLogLikelihood()));
            int df = columns * m;
            rows.add(new Drop1.Row(term.label(), df, summary.residualDeviance() + lrt, summary.aic() + lrt - 2 * df,
                    lrt, org.bernoulli.inference.WaldInference.chiSquaredUpperTail(lrt, df)));
        }
        return new Drop1.Table(summary.residualDeviance(), summary.aic(), rows);
    }

    /**
     * The joint Wald test of each term: its estimated columns in every non-reference class,
     * (K − 1) × (columns) degrees of freedom — whether the term matters for any class.
     */
    private static List<org.bernoulli.inference.TermTest> termTests(org.bernoulli.formula.Design design,
                                                                    boolean[] held, int q, int m, double[] packed,
                                                                    double[] covariance) {
        List<org.bernoulli.inference.TermTest> tests = new ArrayList<>();
        for (org.bernoulli.formula.Design.Term term : design.terms()) {
            List<Integer> columns = new ArrayList<>();
            for (int k = 0; k < m; k++) {
                for (int j = term.from(); j < term.to(); j++) {
                    if (!held[j]) {
                        columns.add(k * q + j);
                    }
                }
            }
            if (!columns.isEmpty()) {
                tests.add(org.bernoulli.inference.TermTest.of(term.label(),
                        columns.stream().mapToInt(Integer::intValue).toArray(), packed, covariance));
            }
        }
        return tests;
    }

    /**
     * The penalized fit: MLlib's symmetric multinomial objective ({@link SymmetricSoftmaxObjective}) by
     * L-BFGS, or OWL-QN with an L1 part, from the intercept-only optimum (intercepts centered, as
     * MLlib's); the model keeps the same probabilities as baseline-category parameters θₖ − θ₀. No
     * Wald inference: the penalty biases the estimates.
     */
    private static Fitted penalized(CategoricalDataLoss loss, FeatureStatistics statistics, List<String> classes,
                                    CategoricalDataLoss.ClassTotals totals, TrainerSettings settings,
                                    ModelFitting.Progress progress) {
        double[] classWeights = totals.weights();
        int d = loss.numFeatures();
        int q = d + 1;
        int k = classes.size();
        org.bernoulli.model.Regularization r = settings.penalty();
        ElasticNetPenalty penalty = ElasticNetPenalty.of(r.regParam(), r.elasticNetParam(), r.standardization(),
                statistics.sampleStdDevs());
        FeatureScaling scaling = FeatureScaling.of(statistics.means(), statistics.stdDevs(), statistics.min(),
                statistics.max(), penalty.l2());
        SymmetricSoftmaxObjective objective = new SymmetricSoftmaxObjective(loss, scaling, penalty.l2());
        double[] start = new double[k * q];
        double meanLog = 0;
        for (double w : classWeights) {
            meanLog += Math.log(w) / k;
        }
        for (int c = 0; c < k; c++) {
            start[c * q + d] = Math.log(classWeights[c]) - meanLog;
        }
        double[] l1 = null;
        if (penalty.hasL1()) {
            l1 = new double[k * q];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    l1[c * q + j] = scaling.isFixed(j) ? 0.0 : penalty.l1()[j] / scaling.scales()[j];
                }
            }
        }
        Optimizer optimizer = l1 != null ? new OwlQn(settings.stopRule(), settings.lbfgsMemory(), l1)
                : new Lbfgs(settings.stopRule(), settings.lbfgsMemory());
        IterationMonitor monitor = (rec, x) -> {
            progress.stage("iteration " + (rec.iteration() + 1));
            return progress.monitor().accept(rec, x);
        };
        progress.stage("iteration 1");
        OptimizationResult result = optimizer.minimize(objective, objective.toStandardized(start), monitor);
        double[] baseline = objective.baseline(objective.toRaw(result.x()));
        progress.stage("the solution");
        LossEvaluation at = loss.evaluate(baseline, false);
        List<String> warnings = new ArrayList<>();
        if (!result.stopReason().converged()) {
            warnings.add("the optimizer stopped before converging: " + result.stopReason().description());
        }
        return new Fitted(new CategoricalFit(classes, totals.rows(), baseline, l1 != null ? "owlqn" : "lbfgs", result,
                at, warnings), null, settings, null);
    }

    /**
     * Columns aliased with the intercept and earlier ones. At the intercept-only start every row has
     * the same probabilities, so the first class's block of the information is p₁(1 − p₁) times the
     * weighted Gram matrix Σ wᵢx̃ᵢx̃ᵢᵀ, which has the dependent columns of the data.
     */
    private static boolean[] aliased(LossEvaluation e, FeatureScaling scaling, int q) {
        int size = e.gradient().length;
        double[] block = new double[q * q];
        for (int r = 0; r < q; r++) {
            for (int c = 0; c < q; c++) {
                block[r * q + c] = e.hessian()[r * size + c] * e.weightSum();
            }
        }
        return Aliasing.find(block, scaling);
    }
}
