package org.bernoulli.cli;

import org.bernoulli.data.InputFormat;
import picocli.CommandLine;

import java.util.List;
import java.util.Locale;

/** The input format named by {@code --format}, or told by the file name. */
final class InputFormats {

    private InputFormats() {
    }

    static InputFormat resolve(InputFormat given, String path, CommandLine commandLine) {
        if (given != null) {
            return given;
        }
        String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "")
                .replaceAll("\\.(gz|bz2|deflate|zst|lz4|snappy)$", "");
        if (name.endsWith(".csv")) {
            return InputFormat.CSV;
        }
        if (name.endsWith(".libsvm") || name.endsWith(".svm") || name.endsWith(".txt")) {
            return InputFormat.LIBSVM;
        }
        if (name.endsWith(".parquet") || isParquetDirectory(path)) {
            return InputFormat.PARQUET;
        }
        if (name.endsWith(".orc")) {
            return InputFormat.ORC;
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return InputFormat.JSON;
        }
        throw new CommandLine.ParameterException(commandLine,
                "cannot tell the format of " + path + " from its name; give --format (libsvm, csv, parquet, orc, json "
                        + "or a Spark source's name)");
    }

    /** A local directory of Parquet part files (as Spark writes them). */
    private static boolean isParquetDirectory(String path) {
        java.io.File dir = new java.io.File(path.startsWith("file:") ? java.net.URI.create(path).getPath() : path);
        String[] parts = dir.isDirectory() ? dir.list((d, n) -> n.endsWith(".parquet")) : null;
        return parts != null && parts.length > 0;
    }

    /** An input's format and, for a Spark source, its name. */
    record Source(InputFormat format, org.bernoulli.data.TableSource table) {
    }

    /**
     * The format of {@code --format} given as text: a format Bernoulli knows by name, or any other
     * Spark data source's name; {@code --table} reads a catalog table instead of a path.
     */
    static Source resolve(String given, String path, String table, List<String> readOptions, CommandLine commandLine) {
        java.util.Map<String, String> options = org.bernoulli.cli.UsageErrors.build(commandLine,
                () -> org.bernoulli.data.TableSource.options(readOptions == null ? List.of() : readOptions));
        if (table != null) {
            if (path != null) {
                throw new CommandLine.ParameterException(commandLine, "--table and --input both name the data; "
                        + "give one");
            }
            return new Source(InputFormat.TABLE, UsageErrors.build(commandLine,
                    () -> new org.bernoulli.data.TableSource("table", table, options)));
        }
        if (path == null) {
            return null;
        }
        InputFormat format;
        String name;
        if (given == null) {
            format = resolve((InputFormat) null, path, commandLine);
            name = format.name().toLowerCase(Locale.ROOT);
        } else {
            name = given.strip();
            format = switch (name.toLowerCase(Locale.ROOT)) {
                case "libsvm" -> InputFormat.LIBSVM;
                case "csv" -> InputFormat.CSV;
                case "parquet" -> InputFormat.PARQUET;
                case "orc" -> InputFormat.ORC;
                case "json" -> InputFormat.JSON;
                case "table" -> throw new CommandLine.ParameterException(commandLine, "--format table needs --table NAME");
                default -> InputFormat.OTHER;
            };
            if (format != InputFormat.OTHER) {
                name = name.toLowerCase(Locale.ROOT);
            } else if (name.isEmpty() || !name.matches("[A-Za-z0-9_.]+")) {
                throw new CommandLine.ParameterException(commandLine, "--format '" + given + "' is not a format or a "
                        + "Spark source name");
            }
        }
        String sourceName = name;
        org.bernoulli.data.TableSource source = format.isTable() || !options.isEmpty() ? UsageErrors.build(commandLine,
                () -> new org.bernoulli.data.TableSource(sourceName, null, options)) : null;
        return new Source(format, source);
    }
}
