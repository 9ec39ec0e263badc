package org.bernoulli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The split of the R references of formula terms (more_terms.R): data rows whose 1-based number is
 * divisible by 4 are held out of the fit and predicted; the others are fitted. Written as CSV files
 * with the header, so that a test reads them as a user's files.
 */
public final class HeldOutRows {
    private HeldOutRows() {
    }

    /** The rows fitted: every data row whose number is not divisible by 4. */
    public static Path training(Path data, Path dir) {
        return write(data, dir.resolve("fit-" + data.getFileName()), false);
    }

    /** The rows held out: every data row whose number is divisible by 4. */
    public static Path heldOut(Path data, Path dir) {
        return write(data, dir.resolve("held-out-" + data.getFileName()), true);
    }

    private static Path write(Path data, Path out, boolean held) {
        try {
            List<String> lines = Files.readAllLines(data);
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (int row = 1; row < lines.size(); row++) {
                if ((row % 4 == 0) == held) {
                    kept.add(lines.get(row));
                }
            }
            Files.createDirectories(out.getParent());
            return Files.write(out, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
