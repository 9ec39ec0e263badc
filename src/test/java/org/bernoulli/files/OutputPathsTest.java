package org.bernoulli.files;

import org.apache.hadoop.conf.Configuration;
import org.bernoulli.data.UsageException;
import org.bernoulli.spark.HadoopFileStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs apart from inputs and from each other, however the paths are spelled, on either store. */
class OutputPathsTest {

    static Stream<FileStore> stores() {
        return Stream.of(LocalFileStore.INSTANCE, new HadoopFileStore(new Configuration()));
    }

    private static String refusal(FileStore store, String input, String output) {
        return assertThrows(UsageException.class, () -> OutputPaths.check(store,
                List.of(new OutputPaths.Named("--input", input)), List.of(new OutputPaths.Named("--output", output))))
                .getMessage();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void equalInsideAndContainingAreRefused(FileStore store, @TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.csv"), "label,x\n");
        assertTrue(refusal(store, data.resolve("a.csv").toString(), data.resolve("a.csv").toString())
                .contains("is the same path as"));
        assertTrue(refusal(store, data.toString(), data.resolve("out").toString()).contains("lies inside"));
        assertTrue(refusal(store, data.resolve("a.csv").toString(), dir.toString()).contains("contains"));
        assertTrue(refusal(store, data.resolve("a.csv").toString(), data.resolve("x/../a.csv").toString())
                .contains("is the same path as"), "'..' resolved");
        assertTrue(refusal(store, data.resolve("a.csv").toString(), "file://" + data.resolve("a.csv"))
                .contains("is the same path as"), "scheme given or not");
        assertTrue(refusal(store, data + "/*.csv", data.resolve("a.csv").toString()).contains("is the same path as"),
                "a glob's matches are inputs");
        assertTrue(refusal(store, data.resolve("a.csv").toString(), data.resolve("a.csv") + "/").contains("same path"));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void neighboursArePermitted(FileStore store, @TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.csv"), "label,x\n");
        assertDoesNotThrow(() -> OutputPaths.check(store, List.of(new OutputPaths.Named("--input",
                data.resolve("a.csv").toString())), List.of(new OutputPaths.Named("--output",
                data.resolve("a.csv.scores").toString()), new OutputPaths.Named("--metrics-out",
                dir.resolve("data2").toString()))));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void twoOutputsMustBeApart(FileStore store, @TempDir Path dir) {
        String message = assertThrows(UsageException.class, () -> OutputPaths.check(store, List.of(),
                List.of(new OutputPaths.Named("--output", dir.resolve("s").toString()),
                        new OutputPaths.Named("--bad-records quarantine:", dir.resolve("s/q").toString()))))
                .getMessage();
        assertTrue(message.contains("--output") && message.contains("contains") && message.contains("quarantine"),
                message);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void symbolicLinksAreFollowed(FileStore store, @TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("a.csv"), "label,x\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertTrue(refusal(store, real.resolve("a.csv").toString(), link.resolve("a.csv").toString())
                .contains("is the same path as"));
        assertTrue(refusal(store, link.toString(), real.resolve("new").toString()).contains("lies inside"));
    }
}
