package org.bernoulli.cli;

import org.bernoulli.data.InputFormat;
import picocli.CommandLine;

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
        if (name.endsWith(".parquet")) {
            return InputFormat.PARQUET;
        }
        throw new CommandLine.ParameterException(commandLine,
                "cannot tell the format of " + path + " from its name; give --format (libsvm, csv or parquet)");
    }
}
