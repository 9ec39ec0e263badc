package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.bernoulli.data.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs apart from inputs and from each other, however the paths are spelled. */
class OutputPathsTest {
    private static final Configuration CONF = new Configuration();

    private static String refusal(String input, String output) {
        return assertThrows(UsageException.class, () -> OutputPaths.check(CONF,
                List.of(new OutputPaths.Named("--input", input)), List.of(new OutputPaths.Named("--output", output))))
                .getMessage();
    }

    @Test
    void equalInsideAndContainingAreRefused(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.csv"), "label,x\n");
        assertTrue(refusal(data.resolve("a.csv").toString(), data.resolve("a.csv").toString())
                .contains("is the same path as"));
        assertTrue(refusal(data.toString(), data.resolve("out").toString()).contains("lies inside"));
        assertTrue(refusal(data.resolve("a.csv").toString(), dir.toString()).contains("contains"));
        assertTrue(refusal(data.resolve("a.csv").toString(), data.resolve("x/../a.csv").toString())
                .contains("is the same path as"), "'..' resolved");
        assertTrue(refusal(data.resolve("a.csv").toString(), "file://" + data.resolve("a.csv"))
                .contains("is the same path as"), "scheme given or not");
        assertTrue(refusal(data + "/*.csv", data.resolve("a.csv").toString()).contains("is the same path as"),
                "a glob's matches are inputs");
        assertTrue(refusal(data.resolve("a.csv").toString(), data.resolve("a.csv") + "/").contains("same path"));
    }

    @Test
    void neighboursArePermitted(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.csv"), "label,x\n");
        assertDoesNotThrow(() -> OutputPaths.check(CONF, List.of(new OutputPaths.Named("--input",
                data.resolve("a.csv").toString())), List.of(new OutputPaths.Named("--output",
                data.resolve("a.csv.scores").toString()), new OutputPaths.Named("--metrics-out",
                dir.resolve("data2").toString()))));
    }

    @Test
    void twoOutputsMustBeApart(@TempDir Path dir) {
        String message = assertThrows(UsageException.class, () -> OutputPaths.check(CONF, List.of(),
                List.of(new OutputPaths.Named("--output", dir.resolve("s").toString()),
                        new OutputPaths.Named("--bad-records quarantine:", dir.resolve("s/q").toString()))))
                .getMessage();
        assertTrue(message.contains("--output") && message.contains("contains") && message.contains("quarantine"),
                message);
    }

    @Test
    void symbolicLinksAreFollowed(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("a.csv"), "label,x\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertTrue(refusal(real.resolve("a.csv").toString(), link.resolve("a.csv").toString())
                .contains("is the same path as"));
        assertTrue(refusal(link.toString(), real.resolve("new").toString()).contains("lies inside"));
    }
}
