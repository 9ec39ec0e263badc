package org.bernoulli.cli;

/** Process exit codes of the {@code bernoulli} commands. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Bad input or a failed job; the message says which file, line and problem. */
    public static final int FAILURE = 1;
    /** The command line itself is wrong (unknown option, missing value). */
    public static final int USAGE = 2;
    /** The data admit no finite maximum-likelihood estimate (separable classes); nothing written. */
    public static final int NO_FINITE_ESTIMATE = 3;

    private ExitCodes() {
    }
}
