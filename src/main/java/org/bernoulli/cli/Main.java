package org.bernoulli.cli;

import org.bernoulli.data.UsageException;
import org.bernoulli.train.SeparationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of the {@code bernoulli} command line, run by {@code scripts/bernoulli} locally and by
 * {@code spark-submit} on a cluster. The only place that exits the process.
 *
 * <p>Exit codes ({@link ExitCodes}): a usage error is 2 — an option picocli cannot parse, a value
 * record refusing an option's value or combination while the command builds its request (before
 * any data is read; see {@link UsageErrors}), or a {@link UsageException} found once paths or
 * columns are known (an output that would overwrite an input, an id column that is a feature).
 * Bad data and failed jobs are 1; separable classes 3. Every error is one line on standard error
 * that starts with {@code error:}.
 */
@Command(name = "bernoulli",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Logistic regression on Apache Spark, trained by maximum likelihood.",
        subcommands = {TrainCommand.class, ScoreCommand.class, EvaluateCommand.class, MarginsCommand.class, ReportCommand.class, ExportCommand.class,
            ImportCommand.class, CompareCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 bad input or failed job, 2 usage error, "
                + "3 no finite maximum-likelihood estimate (separable classes)."})
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (train, score, evaluate, report, export, import, compare)");
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code, writing to the given streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, parsed) -> usageError(e.getCommandLine(), e.getMessage(), e))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    LOG.debug("command failed", e);
                    if (e instanceof UsageException) {
                        return usageError(cmd, e.getMessage(), e);
                    }
                    cmd.getErr().println("error: " + oneLine(e));
                    return e instanceof SeparationException ? ExitCodes.NO_FINITE_ESTIMATE : ExitCodes.FAILURE;
                });
        if (args.length > 1 && commandLine.getSubcommands().containsKey(args[0])) {
            CommandLine sub = commandLine.getSubcommands().get(args[0]);
            if (sub.getCommandSpec().findOption(ConfigFile.OPTION) != null) {
                try {
                    ConfigFile.apply(sub, java.util.Arrays.asList(args).subList(1, args.length));
                } catch (CommandLine.ParameterException e) {
                    int code = usageError(sub, e.getMessage(), e);
                    err.flush();
                    return code;
                }
            }
        }
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            LOG.debug("out of memory", e);
            err.println("error: out of memory (" + e.getMessage() + "): what the command holds does not fit the driver's "
                    + "heap; give it more (BERNOULLI_DRIVER_MEMORY, or --driver-memory with spark-submit)");
            code = ExitCodes.FAILURE;
        } catch (Error e) { // picocli hands on Errors (a file system's FSError, say): still one line, never a trace
            LOG.debug("command failed", e);
            err.println("error: " + (e instanceof org.apache.hadoop.fs.FSError
                    ? "a file system failed: " + org.bernoulli.data.WriteFailedException.reason(e) : oneLine(e)));
            code = ExitCodes.FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A usage error: its message on one line, then where to find the options (not the whole usage
     * text, which would bury the message).
     */
    private static int usageError(CommandLine cmd, String message, Throwable e) {
        LOG.debug("usage error", e);
        PrintWriter err = cmd.getErr();
        message = Flags.words(message);
        err.println("error: " + (message == null ? e.getClass().getName() : message.strip().lines().findFirst()
                .orElse(message)));
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitCodes.USAGE;
    }

    /** The first line of the message; the class name when the message says too little on its own. */
    static String oneLine(Throwable e) {
        String message = Flags.words(e.getMessage());
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        String first = message.strip().lines().findFirst().orElse(message);
        return e instanceof IllegalArgumentException || e instanceof SeparationException
                || e instanceof org.bernoulli.data.WriteFailedException
                ? first : e.getClass().getSimpleName() + ": " + first;
    }
}
