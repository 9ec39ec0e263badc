package org.bernoulli.inference;

/**
 * Where the standard errors come from ({@code train COVARIANCE}): the inverse Fisher information
 * I⁻¹, R's {@code summary(glm)}; or the robust sandwich I⁻¹ M I⁻¹ with M = Σ sᵢsᵢᵀ the scores' outer
 * products, as R's {@code sandwich::vcovHC(type = "HC0")}, statsmodels' {@code cov_type="HC0"} —
 * and HC1, the same times n/(n − p) (Stata's {@code vce(robust)}), n rows and p estimated
 * parameters. The sandwich stays valid when the model is misspecified; with a correct model both
 * estimate the same covariance.
 */
public enum CovarianceType {
    FISHER("fisher", "the inverse Fisher information"),
    HC0("hc0", "the robust sandwich covariance (HC0)"),
    HC1("hc1", "the robust sandwich covariance with the small-sample factor n/(n - p) (HC1)");

    private final String id;
    private final String description;

    CovarianceType(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** As {@code COVARIANCE} and {@code summary.json} name it. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Whether the standard errors need the scores' outer products (one more pass). */
    public boolean robust() {
        return this != FISHER;
    }
}
