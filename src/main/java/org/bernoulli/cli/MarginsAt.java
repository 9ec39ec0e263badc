package org.bernoulli.cli;

/** Where effects are evaluated besides the average over the rows: {@code --margins-at means} (Stata's atmeans). */
enum MarginsAt {
    /** At the row of means: every number at its mean, every factor at its levels' shares. */
    MEANS
}
