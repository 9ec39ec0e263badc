package org.bernoulli.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --config FILE}: option values from a file, one {@code name = value} per line (the option's
 * long name without its dashes, e.g. {@code reg-param = 0.01}; {@code #} starts a comment line).
 * They become the command's defaults, so options given on the command line override them. A key that
 * names no option of the command is an error that names the key, the file and the line.
 */
final class ConfigFile {
    static final String OPTION = "--config";

    private ConfigFile() {
    }

    /**
     * When {@code args} (a subcommand's arguments) carry {@code --config FILE}, installs the file's
     * values as that subcommand's defaults.
     *
     * @throws CommandLine.ParameterException for an unreadable file, a malformed line or an unknown key
     */
    static void apply(CommandLine command, List<String> args) {
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(OPTION) && i + 1 < args.size()) {
                file = Path.of(args.get(i + 1));
            } else if (a.startsWith(OPTION + "=")) {
                file = Path.of(a.substring(OPTION.length() + 1));
            }
        }
        if (file == null) {
            return;
        }
        Map<String, String> values = read(command, file);
        command.setDefaultValueProvider(arg -> arg instanceof OptionSpec option
                ? values.get(option.longestName().replaceFirst("^-+", "")) : null);
    }

    /** The file's values by key, checked against the command's options. */
    static Map<String, String> read(CommandLine command, Path file) {
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            String name = option.longestName().replaceFirst("^-+", "");
            if (!name.equals("config") && !name.equals("help") && !name.equals("version")) {
                known.add(name);
            }
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(command, "cannot read --config " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(command, file + " line " + (n + 1)
                        + ": expected 'name = value', found '" + org.bernoulli.data.Values.echo(line) + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!known.contains(key)) {
                throw new CommandLine.ParameterException(command, file + " line " + (n + 1) + ": unknown option '"
                        + org.bernoulli.data.Values.echo(key) + "' for " + command.getCommandName() + "; known: " + String.join(", ", known));
            }
            if (values.put(key, value) != null) {
                throw new CommandLine.ParameterException(command, file + " line " + (n + 1) + ": '" + key
                        + "' is set twice");
            }
        }
        return values;
    }
}
