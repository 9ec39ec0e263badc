package org.bernoulli.cli;

import picocli.CommandLine;

import java.util.function.Supplier;

/**
 * The phase in which a command turns its options into value records ({@code InputSpec},
 * {@code TrainerSettings}, {@code StopRule}, {@code org.bernoulli.jobs.ScoringRequest}, …), before any data is read.
 * Each record checks its own values and combinations, once, with a message that names the flag; a
 * refusal there is a usage error (exit code 2), whatever exception type the record uses.
 */
final class UsageErrors {

    private UsageErrors() {
    }

    /**
     * Builds a request from the options.
     *
     * @throws CommandLine.ParameterException carrying the record's message when a value is refused
     */
    static <T> T build(CommandLine command, Supplier<T> request) {
        try {
            return request.get();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, e.getMessage(), e);
        }
    }
}
