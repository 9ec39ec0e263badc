package org.bernoulli.train;

import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.math.LossEvaluation;
import org.bernoulli.model.TrainingProvenance;
import org.bernoulli.optim.IterationRecord;
import org.bernoulli.optim.OptimizationResult;
import org.bernoulli.optim.StopRule;

import java.util.List;

/**
 * A finished fit on the raw feature scale.
 *
 * @param intercept    b
 * @param coefficients w, in feature order
 * @param optimizer    the optimizer that fitted it (gd, agd, lbfgs, newton, tron, owlqn, firth)
 * @param optimization the optimizer's result (in the standardized parametrization it worked in)
 * @param atSolution   the data term at (w, b): mean loss, gradient, fit diagnostics
 * @param warnings     what a user should know about this fit
 */
public record Fit(double intercept, double[] coefficients, String optimizer, OptimizationResult optimization, LossEvaluation atSolution,
                  List<String> warnings) {

    public Fit {
        warnings = List.copyOf(warnings);
    }

    /**
     * How this fit came to be, for the model: the data's counts from its statistics, the stop rule,
     * the optimizer's course, its warnings, and the versions of this run.
     *
     * @param inputPath   the training data as given
     * @param inputFormat its format, e.g. csv
     * @param partitions  partitions of the cached training data
     * @param sparkVersion the Spark version of the run
     * @param seconds     wall-clock seconds of the whole training job
     */
    public TrainingProvenance provenance(FeatureStatistics stats, StopRule stop, String inputPath, String inputFormat,
                                         int partitions, String sparkVersion, double seconds) {
        return provenance(new TrainingProvenance.Input(inputPath, inputFormat, stats.rows(), stats.weightSum(),
                stats.positiveRows()), optimizer, optimization, atSolution, warnings, stop, partitions, sparkVersion,
                seconds);
    }

    /**
     * The provenance of any fit: its input, the stop rule, the optimizer's course and its warnings, the
     * versions of this run.
     */
    static TrainingProvenance provenance(TrainingProvenance.Input input, String optimizer,
                                         OptimizationResult optimization, LossEvaluation atSolution,
                                         List<String> warnings, StopRule stop, int partitions, String sparkVersion,
                                         double seconds) {
        double[] objectives = optimization.history().stream().mapToDouble(IterationRecord::objective).toArray();
        return new TrainingProvenance(input,
                new TrainingProvenance.Solver(optimizer, stop.maxIterations(), stop.objectiveTol(), stop.gradientTol()),
                new TrainingProvenance.Course(optimization.iterations(), optimization.passes(),
                        optimization.stopReason().name(), optimization.stopReason().converged(), optimization.value(),
                        atSolution.meanLoss(), -atSolution.negLogLikelihood(),
                        optimization.history().get(optimization.history().size() - 1).gradientNorm(), objectives),
                warnings, TrainingProvenance.Run.now(partitions, sparkVersion, seconds), null);
    }

    /** The coefficients then the intercept: the parameters as a pass takes them. */
    public double[] packed() {
        double[] packed = java.util.Arrays.copyOf(coefficients, coefficients.length + 1);
        packed[coefficients.length] = intercept;
        return packed;
    }

    /** The same fit with each warning rewritten (its settings worded by a door, say). */
    public Fit mapWarnings(java.util.function.UnaryOperator<String> f) {
        return new Fit(intercept, coefficients, optimizer, optimization, atSolution, warnings.stream().map(f).toList());
    }

    /** The same fit with one more warning. */
    public Fit withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new Fit(intercept, coefficients, optimizer, optimization, atSolution, all);
    }
}
