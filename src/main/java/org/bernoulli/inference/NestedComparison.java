package org.bernoulli.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The likelihood-ratio test between two nested maximum-likelihood fits of the same rows, R's
 * {@code anova(small, big, test = "LRT")}: the difference of the residual deviances,
 * D(small) − D(big), on df(small) − df(big) degrees of freedom, p = P(χ² > difference).
 *
 * @param small     the smaller model's residual degrees of freedom and deviance
 * @param big       the larger model's
 * @param df        the difference of the residual degrees of freedom
 * @param deviance  D(small) − D(big)
 * @param p         its upper χ² tail probability
 */
public record NestedComparison(Side small, Side big, long df, double deviance, double p) {

    /** One model of the comparison: its residual degrees of freedom and deviance. */
    public record Side(long dfResidual, double residualDeviance) {
    }

    /**
     * Compares two summaries, in either order: the one with more residual degrees of freedom is the
     * smaller model.
     *
     * @throws IllegalArgumentException when one model is not nested in the other (its coefficients'
     *                                  names are not among the other's) or they have as many parameters
     */
    public static NestedComparison of(ModelSummary first, ModelSummary second) {
        ModelSummary small = first.dfResidual() >= second.dfResidual() ? first : second;
        ModelSummary big = small == first ? second : first;
        Set<String> bigNames = names(big);
        List<String> missing = small.estimatedCoefficients().stream().map(NestedComparison::name)
                .filter(n -> !bigNames.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the models are not nested: the smaller one (" + small.coefficients().size()
                    + " parameters) has " + String.join(", ", missing) + ", which the larger one does not");
        }
        long df = small.dfResidual() - big.dfResidual();
        if (df == 0) {
            throw new IllegalArgumentException("the models have the same parameters (" + big.coefficients().size()
                    + "): nothing to test");
        }
        double deviance = small.residualDeviance() - big.residualDeviance();
        return new NestedComparison(new Side(small.dfResidual(), small.residualDeviance()),
                new Side(big.dfResidual(), big.residualDeviance()), df, deviance,
                WaldInference.chiSquaredUpperTail(Math.max(deviance, 0.0), Math.toIntExact(df)));
    }

    private static Set<String> names(ModelSummary s) {
        Set<String> names = new HashSet<>();
        s.estimatedCoefficients().forEach(c -> names.add(name(c)));
        return names;
    }

    /** A coefficient's name, with its class for a model of more than two ({@code plus:age}, as R's vcov). */
    private static String name(CoefficientEstimate c) {
        return c.outcome() == null ? c.name() : c.outcome() + ":" + c.name();
    }
}
