package org.bernoulli.files;

import org.apache.hadoop.conf.Configuration;
import org.bernoulli.data.BadInputException;
import org.bernoulli.spark.HadoopFileStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commits that cannot clobber, with real concurrent writers (threads, each with its own staged
 * output, released together at the commit) on the local file system: without overwrite exactly one
 * writer wins and the other is told, leaving the winner's output whole; with overwrite the target
 * holds one writer's complete output, never a mix; nothing is left beside the target. Each test runs
 * on both stores: this machine's through {@code java.nio}, and Hadoop's (local paths as Hadoop
 * qualifies them, {@code file:/…}).
 */
class StagedOutputTest {
    private static final int FILES = 8;

    static Stream<FileStore> stores() {
        return Stream.of(LocalFileStore.INSTANCE, new HadoopFileStore(new Configuration()));
    }

    /** Each store, five times: the concurrent commits race differently each time. */
    static Stream<Arguments> storesRepeated() {
        return stores().flatMap(store -> Stream.of(1, 2, 3, 4, 5).map(i -> Arguments.of(store, i)));
    }

    /** Starts a staged output and writes FILES files holding the writer's name into its staging directory. */
    private static StagedOutput staged(FileStore store, String target, String writer, boolean overwrite)
            throws IOException {
        StagedOutput out = StagedOutput.begin(store, target, overwrite);
        for (int i = 0; i < FILES; i++) {
            try (var stream = out.fileStore().create(out.staged("part-" + i))) {
                stream.write(writer.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The writer every file of the directory names; fails when they disagree or files are missing. */
    private static String writerOf(java.nio.file.Path dir) throws IOException {
        List<String> writers = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            writers.add(Files.readString(dir.resolve("part-" + i)));
        }
        assertEquals(1, writers.stream().distinct().count(), "one writer's output, not a mix: " + writers);
        return writers.get(0);
    }

    /** Runs both commits at the same instant; each result is null for success or the exception. */
    private static List<Throwable> commitTogether(StagedOutput a, StagedOutput b) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (StagedOutput out : List.of(a, b)) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    try {
                        out.commit();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    } finally {
                        out.close();
                    }
                }));
            }
            List<Throwable> out = new ArrayList<>();
            for (Future<Throwable> f : results) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("storesRepeated")
    void withoutOverwriteOneWriterWinsAndTheOtherIsTold(FileStore store, int repetition, @TempDir java.nio.file.Path dir)
            throws Exception {
        String target = dir.resolve("out").toString();
        // Both pass the check at their start: the target does not exist yet.
        StagedOutput a = staged(store, target, "a", false);
        StagedOutput b = staged(store, target, "b", false);
        List<Throwable> results = commitTogether(a, b);
        long failed = results.stream().filter(r -> r != null).count();
        assertEquals(1, failed, "exactly one commit fails: " + results);
        Throwable failure = results.stream().filter(r -> r != null).findFirst().orElseThrow();
        assertTrue(failure instanceof BadInputException && failure.getMessage().contains("appeared while this job ran")
                && failure.getMessage().contains("{OVERWRITE}"), failure.toString());
        String winner = results.get(0) == null ? "a" : "b";
        assertEquals(winner, writerOf(dir.resolve("out")));
        assertEquals(List.of("out"), listing(dir), "no staging directory, moved-aside copy or lock left");
    }

    @ParameterizedTest
    @MethodSource("storesRepeated")
    void withOverwriteTheTargetHoldsOneCompleteOutput(FileStore store, int repetition, @TempDir java.nio.file.Path dir)
            throws Exception {
        String target = dir.resolve("out").toString();
        StagedOutput old = staged(store, target, "old", false);
        old.commit();
        StagedOutput a = staged(store, target, "a", true);
        StagedOutput b = staged(store, target, "b", true);
        List<Throwable> results = commitTogether(a, b);
        assertEquals(java.util.Arrays.asList(null, null), results, "both replace, one after the other");
        String last = writerOf(dir.resolve("out"));
        assertTrue(last.equals("a") || last.equals("b"), last);
        assertEquals(List.of("out"), listing(dir));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aTargetThatAppearedIsLeftAsItIs(FileStore store, @TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path target = dir.resolve("out");
        StagedOutput out = staged(store, target.toString(), "mine", false);
        Files.createDirectories(target);
        Files.writeString(target.resolve("theirs"), "theirs");
        assertThrows(BadInputException.class, out::commit);
        out.close();
        assertEquals("theirs", Files.readString(target.resolve("theirs")));
        try (Stream<java.nio.file.Path> s = Files.list(target)) {
            assertEquals(1, s.count(), "nothing of this run moved into it");
        }
        assertEquals(List.of("out"), listing(dir));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aSingleFileIsReplacedOnlyWhenAllowed(FileStore store, @TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("metrics.json");
        AtomicFile.write(store, file.toString(), "one".getBytes(StandardCharsets.UTF_8), "metrics", false);
        assertThrows(BadInputException.class, () -> AtomicFile.write(store, file.toString(),
                "two".getBytes(StandardCharsets.UTF_8), "metrics", false));
        assertEquals("one", Files.readString(file));
        AtomicFile.write(store, file.toString(), "three".getBytes(StandardCharsets.UTF_8), "metrics", true);
        assertEquals("three", Files.readString(file));
        assertEquals(List.of("metrics.json"), listing(dir));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aLockLeftByAKilledProcessIsTakenOver(FileStore store, @TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path lock = dir.resolve(".out.commit-lock");
        Files.createFile(lock);
        assertTrue(lock.toFile().setLastModified(System.currentTimeMillis() - TargetCommit.STALE_LOCK_MILLIS - 1000));
        StagedOutput out = staged(store, dir.resolve("out").toString(), "mine", false);
        out.commit();
        assertEquals("mine", writerOf(dir.resolve("out")));
        assertFalse(Files.exists(lock));
    }

    /**
     * A fresh lock naming a process of this host that has exited (killed while committing) is taken over
     * at once, not after {@value TargetCommit#STALE_LOCK_MILLIS} ms; a lock naming a live process, or a
     * process of another host, is not.
     */
    @ParameterizedTest
    @MethodSource("stores")
    void aFreshLockOfAnExitedProcessIsTakenOverAtOnce(FileStore store, @TempDir java.nio.file.Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        String host = TargetCommit.self().substring(TargetCommit.self().indexOf('@') + 1);
        java.nio.file.Path lock = dir.resolve(".out.commit-lock");
        Files.writeString(lock, gone.pid() + "@" + host);
        assertTrue(TargetCommit.ownerIsGone(store, lock.toString()));
        StagedOutput out = staged(store, dir.resolve("out").toString(), "mine", false);
        out.commit();
        assertEquals("mine", writerOf(dir.resolve("out")));
        assertFalse(Files.exists(lock));
        Files.writeString(lock, TargetCommit.self());
        assertFalse(TargetCommit.ownerIsGone(store, lock.toString()), "this process is alive");
        Files.writeString(lock, gone.pid() + "@another-host.example");
        assertFalse(TargetCommit.ownerIsGone(store, lock.toString()),
                "another host's process cannot be seen from here");
    }

    private static List<String> listing(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
