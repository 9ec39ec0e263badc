package org.bernoulli.optim;

/** Why an optimizer stopped. */
public enum StopReason {
    /** The gradient's largest absolute component fell to the gradient tolerance. */
    GRADIENT_TOLERANCE("converged: gradient norm below tolerance", true),
    /** The relative change of the objective over the last few iterations fell to the tolerance. */
    OBJECTIVE_TOLERANCE("converged: relative objective change below tolerance", true),
    /** The iteration limit was reached before either convergence test held. */
    MAX_ITERATIONS("stopped at the iteration limit before converging", false),
    /** No step along the search direction decreased the objective: at the limit of precision. */
    LINE_SEARCH_FAILED("stopped: the line search found no decrease (limit of numerical precision)", false),
    /** The caller's monitor asked to stop (for example, on proof that no finite optimum exists). */
    STOPPED_BY_MONITOR("stopped by the training monitor", false);

    private final String description;
    private final boolean converged;

    StopReason(String description, boolean converged) {
        this.description = description;
        this.converged = converged;
    }

    public String description() {
        return description;
    }

    public boolean converged() {
        return converged;
    }
}
