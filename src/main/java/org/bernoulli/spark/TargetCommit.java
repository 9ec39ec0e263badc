package org.bernoulli.spark;

import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.bernoulli.data.BadInputException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;

/**
 * Moves complete, staged content to its target so that nothing is clobbered: without overwrite the
 * commit fails when something is at the target by then (another run wrote it while this one worked)
 * and leaves it as it is; with overwrite the old content is moved aside, the new moved in, and only
 * then the old deleted, so the target holds the old content or the whole new one.
 *
 * <p>Two guards make that hold against concurrent writers. Commits to one target take turns: each
 * holds a lock file beside the target, created with create-new semantics (O_EXCL on the local file
 * system, HDFS's atomic create elsewhere), for the few milliseconds of its moves. The lock names its
 * owner — {@code pid@host} — so that a lock left by a process killed while committing is taken over at
 * once when its owner was on this host and is gone; a lock of another host (or whose owner cannot be
 * read) is taken over once older than {@value #STALE_LOCK_MILLIS} ms. And every move refuses
 * an existing destination — {@code java.nio.file.Files.move} on the local file system (Hadoop's local
 * rename would move a directory <em>into</em> an existing one), {@link FileContext#rename} with
 * {@link Options.Rename#NONE} elsewhere — so a writer that takes no lock cannot be overwritten either.
 */
final class TargetCommit {
    /** A commit lock older than this was left by a process that died while committing. */
    static final long STALE_LOCK_MILLIS = 60_000;
    /** How long a commit waits for another one to the same target. */
    static final long LOCK_WAIT_MILLIS = 30_000;

    private TargetCommit() {
    }

    /**
     * Moves {@code staged} to {@code target}.
     *
     * @param overwrite whether content already at the target may be replaced
     * @throws BadInputException when the target exists and may not be replaced (nothing is changed)
     * @throws IOException       when the file system refuses a move (the target is left as it was)
     */
    static void commit(FileSystem fs, Path staged, Path target, boolean overwrite) throws IOException {
        Path lock = sibling(target, ".commit-lock");
        acquire(fs, lock);
        try {
            if (!fs.exists(target)) {
                Path parent = target.getParent();
                if (parent != null) {
                    fs.mkdirs(parent);
                }
                move(fs, staged, target);
                return;
            }
            if (!overwrite) {
                throw new BadInputException("output " + target + " appeared while this job ran (another run wrote it); "
                        + "it was left as it is and this run's result discarded; pass {OVERWRITE} to replace it");
            }
            Path aside = sibling(target, ".replaced-" + UUID.randomUUID());
            move(fs, target, aside);
            try {
                move(fs, staged, target);
            } catch (IOException | RuntimeException e) {
                move(fs, aside, target);
                throw e;
            }
            fs.delete(aside, true);
            deleteChecksum(fs, target);
        } finally {
            release(fs, lock);
        }
    }

    /** The file system that writes no checksum side files for a local path, so that a file moves alone. */
    static FileSystem withoutChecksums(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** A hidden name beside the target: {@code .NAME<suffix>}. */
    static Path sibling(Path target, String suffix) {
        return new Path(target.getParent(), "." + target.getName() + suffix);
    }

    private static boolean isLocal(FileSystem fs) {
        return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
    }

    private static java.nio.file.Path local(Path p) {
        return Paths.get(p.toUri());
    }

    /** Moves a file or directory; refuses an existing destination. */
    private static void move(FileSystem fs, Path from, Path to) throws IOException {
        if (isLocal(fs)) {
            // Files.move without REPLACE_EXISTING refuses an existing destination, file or directory.
            Files.move(local(from), local(to));
        } else {
            FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(from, to, Options.Rename.NONE);
        }
    }

    /**
     * A replaced single file may leave the local checksum file of its old content beside it
     * ({@code .NAME.crc}), which would make the new content fail its check when read: removed.
     */
    private static void deleteChecksum(FileSystem fs, Path target) throws IOException {
        if (isLocal(fs)) {
            Files.deleteIfExists(local(new Path(target.getParent(), "." + target.getName() + ".crc")));
        }
    }

    private static void acquire(FileSystem fs, Path lock) throws IOException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (true) {
            if (tryCreate(fs, lock)) {
                return;
            }
            long age = lockAge(fs, lock);
            if (age > STALE_LOCK_MILLIS || ownerIsGone(fs, lock)) {
                release(fs, lock);
                continue;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("another writer (" + owner(fs, lock) + ") has been committing to the same "
                        + "output for " + LOCK_WAIT_MILLIS / 1000 + " s; its lock is " + lock);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the commit lock " + lock, e);
            }
        }
    }

    /** This process as a lock names its owner: {@code pid@host}. */
    static String self() {
        return ProcessHandle.current().pid() + "@" + host();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** The owner a lock names, or "an unknown process" when it cannot be read (or is being written). */
    private static String owner(FileSystem fs, Path lock) {
        try (java.io.InputStream in = fs.open(lock)) {
            String text = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.UTF_8).strip();
            return text.matches("\\d+@\\S+") ? text : "an unknown process";
        } catch (IOException e) {
            return "an unknown process";
        }
    }

    /** Whether the lock's owner ran on this host and has exited (killed while it committed). */
    static boolean ownerIsGone(FileSystem fs, Path lock) {
        String owner = owner(fs, lock);
        int at = owner.indexOf('@');
        if (at < 0 || !owner.substring(at + 1).equals(host())) {
            return false;
        }
        long pid = Long.parseLong(owner.substring(0, at));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Creates the lock file, naming this process, if no one holds it; create-new semantics. */
    private static boolean tryCreate(FileSystem fs, Path lock) throws IOException {
        byte[] owner = self().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (isLocal(fs)) {
                Files.createDirectories(local(lock).getParent());
                Files.write(local(lock), owner, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
            } else {
                try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(lock, false)) {
                    out.write(owner);
                }
            }
            return true;
        } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Milliseconds since the lock was taken; 0 when it is gone meanwhile. */
    private static long lockAge(FileSystem fs, Path lock) throws IOException {
        try {
            return System.currentTimeMillis() - fs.getFileStatus(lock).getModificationTime();
        } catch (java.io.FileNotFoundException e) {
            return 0;
        }
    }

    private static void release(FileSystem fs, Path lock) throws IOException {
        if (isLocal(fs)) {
            Files.deleteIfExists(local(lock));
        } else {
            fs.delete(lock, false);
        }
    }
}
