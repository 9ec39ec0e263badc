package org.bernoulli.inference;

/**
 * Wald inference for one coefficient.
 *
 * @param name      the feature name, or {@code (Intercept)}
 * @param estimate  β̂
 * @param stdError  √(I⁻¹)ⱼⱼ
 * @param zValue    β̂ / se
 * @param pValue    two-sided, 2·Φ(−|z|)
 * @param ciLow     β̂ − z₀.₉₇₅·se, the 95 % Wald interval
 * @param ciHigh    β̂ + z₀.₉₇₅·se
 */
public record CoefficientEstimate(String name, double estimate, double stdError, double zValue, double pValue,
                                  double ciLow, double ciHigh) {
}
