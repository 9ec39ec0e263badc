package org.bernoulli.jobs;

import org.bernoulli.stats.ClassTally;

/**
 * The tally of a model of more than two classes over labelled data, and the input rows left out as
 * bad rows: what {@code evaluate} turns into metrics and {@code report} into its page.
 */
record TalliedClasses(ClassTally tally, long rejected) {
}
