package org.bernoulli.math;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticTest {

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Mean BCE of three positive examples scored p₁, p₂, p₃, through the margin form. */
    private static double meanBce(double... probabilities) {
        double sum = 0;
        for (double p : probabilities) {
            sum += Logistic.negLogLikelihood(logit(p), 1.0);
        }
        return sum / probabilities.length;
    }

    @Test
    void seedExample_likelihoodProductAndMeanBceAgree() {
        double[] a = {0.7, 0.8, 0.9};
        double[] b = {0.8, 0.8, 0.8};
        double likelihoodA = a[0] * a[1] * a[2];
        double likelihoodB = b[0] * b[1] * b[2];
        assertEquals(0.504, likelihoodA, 1e-15);
        assertEquals(0.512, likelihoodB, 1e-15);

        double bceA = meanBce(a);
        double bceB = meanBce(b);
        assertTrue(bceB < bceA, "classifier B, with the higher likelihood, must have the lower mean BCE");
        // exp(−m·BCE) is the likelihood product: the two views are the same quantity.
        assertEquals(likelihoodA, Math.exp(-3 * bceA), 1e-12);
        assertEquals(likelihoodB, Math.exp(-3 * bceB), 1e-12);
    }

    /**
     * Reference values by independent formulas: for |z| ≤ 40, log1p(exp(z)) loses nothing (exp
     * does not overflow, log1p keeps the small tail); beyond, softplus(z) = z + e^−z to double
     * precision and e^−1000 underflows to 0 exactly as the true value rounds.
     */
    @Test
    void lossAndResidualAreFiniteAndCorrectForExtremeMargins() {
        double[] margins = {1e-3, -1e-3, 40, -40, 1000, -1000, 1e6, -1e6};
        for (double z : margins) {
            for (double y : new double[] {0.0, 1.0}) {
                double loss = Logistic.negLogLikelihood(z, y);
                double residual = Logistic.residual(z, y);
                assertTrue(Double.isFinite(loss) && loss >= 0, "loss at z=" + z + ", y=" + y + ": " + loss);
                assertTrue(Double.isFinite(residual), "residual at z=" + z + ", y=" + y);
                double signedZ = y == 1.0 ? -z : z; // loss = softplus(signedZ)
                double expectedLoss = Math.abs(signedZ) <= 40 ? Math.log1p(Math.exp(signedZ))
                        : signedZ > 0 ? signedZ + Math.exp(-signedZ) : Math.exp(signedZ);
                assertEquals(expectedLoss, loss, 1e-15 * Math.max(expectedLoss, Double.MIN_NORMAL),
                        "loss at z=" + z + ", y=" + y);
                double p = Math.abs(z) <= 40 ? 1 / (1 + Math.exp(-z)) : z > 0 ? 1.0 : Math.exp(z);
                double q = Math.abs(z) <= 40 ? 1 / (1 + Math.exp(z)) : z > 0 ? Math.exp(-z) : 1.0;
                double expectedResidual = y == 1.0 ? -q : p; // σ(z) − y, each tail from the margin
                assertEquals(expectedResidual, residual, 1e-15 * Math.max(Math.abs(expectedResidual), Double.MIN_NORMAL),
                        "residual at z=" + z + ", y=" + y);
            }
        }
        // The small tails keep full relative precision instead of rounding to 0 or cancelling.
        assertEquals(4.248354255291589e-18, Logistic.negLogLikelihood(40, 1.0), 1e-30);
        assertEquals(-4.248354255291589e-18, Logistic.residual(40, 1.0), 1e-30);
        assertEquals(0.0, Logistic.negLogLikelihood(1e6, 1.0));
        assertEquals(1e6, Logistic.negLogLikelihood(1e6, 0.0));
    }

    @Test
    void sigmoidTailsAreComputedFromTheMargin() {
        assertEquals(Math.exp(-800) / (1 + Math.exp(-800)), Logistic.sigmoid(-800), 0.0);
        assertTrue(Logistic.sigmoid(-50) > 0 && Logistic.sigmoid(-50) < 2e-22);
        // Taylor series σ(z) = 1/2 + z/4 − z³/48 + O(z⁵) near 0.
        double z = 1e-3;
        assertEquals(0.5 + z / 4 - z * z * z / 48, Logistic.sigmoid(z), 1e-17);
        for (double m = -30; m <= 30; m += 0.37) {
            assertEquals(1.0, Logistic.sigmoid(m) + Logistic.sigmoid(-m), 2 * Math.ulp(1.0));
        }
        assertEquals(-Logistic.softplus(800), Logistic.logSigmoid(-800), 0.0);
        assertEquals(-800.0, Logistic.logSigmoid(-800), 1e-12);
    }

    @Test
    void oneTailServesBothSidesAsTheOneArgumentFormsComputeThem() {
        // The evaluation computes e^−|z| once for the loss of either label, σ and the calibration bin:
        // each must equal, bit for bit, what the one-argument form computes on its own.
        for (double z : new double[] {-800, -36.5, -1, -1e-300, -0.0, 0.0, 1e-3, 0.5, 17, 700, Double.MAX_VALUE}) {
            double tail = Logistic.tail(z);
            assertEquals(Math.exp(z >= 0 ? -z : z), tail, 0.0);
            assertEquals(Logistic.sigmoid(z), Logistic.sigmoid(z, tail), 0.0, "σ(" + z + ")");
            assertEquals(1.0 / (1.0 + Math.exp(-z)), Logistic.sigmoid(z, tail),
                    4 * Math.ulp(Logistic.sigmoid(z)));
            assertEquals(Logistic.softplus(z), Logistic.softplus(z, tail), 0.0, "softplus(" + z + ")");
            assertEquals(Logistic.softplus(-z), Logistic.softplus(-z, tail), 0.0, "softplus(" + -z + ")");
        }
    }
}
