package org.bernoulli.model;

import java.util.List;
import java.util.Map;

/**
 * How a model came to be: data, settings, the optimizer's course and the software versions.
 *
 * @param inputPath         the training data path as given
 * @param inputFormat       libsvm or csv
 * @param rows              examples read
 * @param weightSum         total case weight W
 * @param positiveRows      examples with label 1
 * @param optimizer         the optimizer used
 * @param maxIterations     the iteration limit
 * @param tolerance         relative objective-change tolerance
 * @param gradientTolerance gradient-norm tolerance
 * @param partitions        partitions of the cached training data
 * @param iterations        iterations performed
 * @param passes            passes over the data (objective evaluations)
 * @param stopReason        why the optimizer stopped
 * @param converged         whether it stopped because a convergence test held
 * @param objective         final objective value
 * @param meanLoss          final mean binary cross-entropy (−log-likelihood / W)
 * @param logLikelihood     final log-likelihood, −W · meanLoss
 * @param gradientNorm      final largest absolute gradient component (standardized scale)
 * @param objectiveHistory  objective after each iteration, starting point first
 * @param warnings          anything a user should know about this fit
 * @param sparkVersion      Spark version of the training run
 * @param bernoulliVersion  Bernoulli version of the training run
 * @param javaVersion       Java version of the driver
 * @param seconds           wall-clock seconds of the whole training job
 * @param trainedAt         ISO-8601 instant the model was written
 * @param phaseSeconds      wall-clock seconds of each phase of the training command up to writing,
 *                          in order: start-up (from the JVM's start), checking paths, reading and
 *                          statistics, fit, inference, drop1, evaluation and report (each present
 *                          when it ran); writing is
 *                          logged, as it ends after this file is made
 * @param data              what the likelihood is of (the rows' digest, the response, weights and
 *                          offsets), for comparing fits; null for models that do not record it
 *                          (imported, or written before it was recorded)
 */
public record TrainingProvenance(String inputPath, String inputFormat, long rows, double weightSum, long positiveRows,
                                 String optimizer, int maxIterations, double tolerance, double gradientTolerance,
                                 int partitions, int iterations, int passes, String stopReason, boolean converged,
                                 double objective, double meanLoss, double logLikelihood, double gradientNorm,
                                 double[] objectiveHistory, List<String> warnings, String sparkVersion,
                                 String bernoulliVersion, String javaVersion, double seconds, String trainedAt,
                                 Map<String, Double> phaseSeconds,
                                 @com.fasterxml.jackson.annotation.JsonInclude(
                                         com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                 FittedData data) {

    public TrainingProvenance {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        phaseSeconds = phaseSeconds == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseSeconds));
        for (Map.Entry<String, Double> e : phaseSeconds.entrySet()) {
            if (e.getValue() == null || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("phase '" + e.getKey() + "' took " + e.getValue()
                        + " seconds; expected a finite number >= 0");
            }
        }
    }

    /** Provenance without phase times. */
    public TrainingProvenance(String inputPath, String inputFormat, long rows, double weightSum, long positiveRows,
                              String optimizer, int maxIterations, double tolerance, double gradientTolerance,
                              int partitions, int iterations, int passes, String stopReason, boolean converged,
                              double objective, double meanLoss, double logLikelihood, double gradientNorm,
                              double[] objectiveHistory, List<String> warnings, String sparkVersion,
                              String bernoulliVersion, String javaVersion, double seconds, String trainedAt) {
        this(inputPath, inputFormat, rows, weightSum, positiveRows, optimizer, maxIterations, tolerance,
                gradientTolerance, partitions, iterations, passes, stopReason, converged, objective, meanLoss,
                logLikelihood, gradientNorm, objectiveHistory, warnings, sparkVersion, bernoulliVersion, javaVersion,
                seconds, trainedAt, Map.of(), null);
    }

    /** The same provenance with the phase times. */
    public TrainingProvenance withPhaseSeconds(Map<String, Double> phases) {
        return new TrainingProvenance(inputPath, inputFormat, rows, weightSum, positiveRows, optimizer, maxIterations,
                tolerance, gradientTolerance, partitions, iterations, passes, stopReason, converged, objective,
                meanLoss, logLikelihood, gradientNorm, objectiveHistory, warnings, sparkVersion, bernoulliVersion,
                javaVersion, seconds, trainedAt, phases, data);
    }

    /** The same provenance with what the likelihood is of. */
    public TrainingProvenance withData(FittedData fitted) {
        return new TrainingProvenance(inputPath, inputFormat, rows, weightSum, positiveRows, optimizer, maxIterations,
                tolerance, gradientTolerance, partitions, iterations, passes, stopReason, converged, objective,
                meanLoss, logLikelihood, gradientNorm, objectiveHistory, warnings, sparkVersion, bernoulliVersion,
                javaVersion, seconds, trainedAt, phaseSeconds, fitted);
    }

    /** The version of this Bernoulli build (the jar's), or "development" when run from classes. */
    public static String currentVersion() {
        String version = TrainingProvenance.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
