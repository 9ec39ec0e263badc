package org.bernoulli.jobs;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputSpec;
import org.bernoulli.formula.Design;
import org.bernoulli.inference.SummaryJson;
import org.bernoulli.model.FittedModel;
import org.bernoulli.files.ModelDirectory;
import org.bernoulli.files.OutputPaths;
import org.bernoulli.files.StagedOutput;

import java.util.List;

/**
 * {@code margins}: the average marginal effects of a trained formula model over other data
 * — read by the readers training uses, each row coded through the model's design — with
 * delta-method errors from the covariance the fit stored ({@code covariance.json}: Fisher, robust
 * or clustered, as it was trained).
 */
public final class MarginsJob {

    /**
     * @param modelDir  the model directory
     * @param source    the data
     * @param output    where to write the effects as JSON, or null
     * @param overwrite whether an existing output may be replaced
     * @param atMeans   whether to add the effects at the row of means
     */
    public record Request(String modelDir, ScoreSource source, String output, boolean overwrite, boolean atMeans) {
    }

    /**
     * The effects, the rows averaged over and those left out, and the probability they are of.
     *
     * @param probability "P(case = 1)"
     */
    public record Result(List<org.bernoulli.inference.AverageMarginalEffect> effects, long rows, long skipped,
                         String probability) {
    }

    private MarginsJob() {
    }

    public static Result run(TrainingEngine engine, Request request) {
        ScoreSource source = request.source();
        org.bernoulli.files.FileStore files = engine.files(source.path(), request.modelDir(), request.output());
        OutputPaths.check(files, OutputPaths.of(source.path() == null ? null
                        : new OutputPaths.Named("{INPUT}", source.path()),
                        ModelDirectory.modelFile("{MODEL}", request.modelDir())),
                OutputPaths.of(OutputPaths.named("{OUTPUT}", request.output())));
        if (request.output() != null) {
            StagedOutput.checkWritable(files, request.output(), request.overwrite());
        }
        FittedModel model = ModelDirectory.readAny(files, request.modelDir());
        if (model.encoding() == null) {
            throw new BadInputException(request.modelDir() + ": marginal effects are of the variables of a formula; "
                    + "this model was trained without one");
        }
        Design design = new Design(model.encoding());
        MarginsStep.refuseUnsupported(design);
        int predictors = model.classes() == null ? 1 : model.classes().size() - 1;
        double[] covariance = ScoringChecks.stored(files, request.modelDir(), model,
                "the standard errors of marginal effects need").packedAcross(predictors);
        double[][] packed = model.packedByPredictor();
        InputSpec input = new InputSpec(source.path(), source.format(), 0, "label", List.of(), null, 0, null,
                source.table(), null);
        MarginsStep.Computed c = MarginsStep.compute(engine, input, design, packed, covariance, false,
                request.atMeans());
        if (request.output() != null) {
            org.bernoulli.files.AtomicFile.write(files, request.output(), SummaryJson.write(c.effects())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), "the marginal effects", request.overwrite());
        }
        return new Result(c.effects(), c.rows(), c.skipped(), design.classes() != null
                ? "the probability of each class of " + design.responseColumn() : "P(" + design.describeClass(1) + ")");
    }
}
