package org.bernoulli.files;

import org.bernoulli.data.BadInputException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.UUID;

/**
 * Moves complete, staged content to its target so that nothing is clobbered: without overwrite the
 * commit fails when something is at the target by then (another run wrote it while this one worked)
 * and leaves it as it is; with overwrite the old content is moved aside, the new moved in, and only
 * then the old deleted, so the target holds the old content or the whole new one.
 *
 * <p>Two guards make that hold against concurrent writers. Commits to one target take turns: each
 * holds a lock file beside the target, created with create-new semantics ({@link FileStore#writeNew}:
 * O_EXCL on this machine, the file system's atomic create elsewhere), for the few milliseconds of its
 * moves. The lock names its owner — {@code pid@host} — so that a lock left by a process killed while
 * committing is taken over at once when its owner was on this host and is gone; a lock of another
 * host (or whose owner cannot be read) is taken over once older than {@value #STALE_LOCK_MILLIS} ms.
 * And every move refuses an existing destination ({@link FileStore#move}), so a writer that takes no
 * lock cannot be overwritten either.
 */
final class TargetCommit {
    /** A commit lock older than this was left by a process that died while committing. */
    static final long STALE_LOCK_MILLIS = 60_000;
    /** How long a commit waits for another one to the same target. */
    static final long LOCK_WAIT_MILLIS = 30_000;

    private TargetCommit() {
    }

    /**
     * Moves {@code staged} to {@code target} (both qualified).
     *
     * @param overwrite whether content already at the target may be replaced
     * @throws BadInputException when the target exists and may not be replaced (nothing is changed)
     * @throws IOException       when the file system refuses a move (the target is left as it was)
     */
    static void commit(FileStore fs, String staged, String target, boolean overwrite) throws IOException {
        String lock = sibling(fs, target, ".commit-lock");
        acquire(fs, lock);
        try {
            if (!fs.exists(target)) {
                String parent = fs.parent(target);
                if (parent != null) {
                    fs.mkdirs(parent);
                }
                fs.move(staged, target);
                return;
            }
            if (!overwrite) {
                throw new BadInputException("output " + target + " appeared while this job ran (another run wrote it); "
                        + "it was left as it is and this run's result discarded; pass {OVERWRITE} to replace it");
            }
            String aside = sibling(fs, target, ".replaced-" + UUID.randomUUID());
            fs.move(target, aside);
            try {
                fs.move(staged, target);
            } catch (IOException | RuntimeException e) {
                fs.move(aside, target);
                throw e;
            }
            fs.delete(aside);
            // A replaced file may leave the checksum of its old content beside it (.NAME.crc, Hadoop's
            // local file system writes one), which would make the new content fail its check when read.
            fs.delete(sibling(fs, target, ".crc"));
        } finally {
            fs.delete(lock);
        }
    }

    /** A hidden name beside the target: {@code .NAME<suffix>}. */
    static String sibling(FileStore fs, String target, String suffix) {
        return fs.child(fs.parent(target), "." + fs.name(target) + suffix);
    }

    private static void acquire(FileStore fs, String lock) throws IOException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (true) {
            if (tryCreate(fs, lock)) {
                return;
            }
            long age = lockAge(fs, lock);
            if (age > STALE_LOCK_MILLIS || ownerIsGone(fs, lock)) {
                fs.delete(lock);
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
    private static String owner(FileStore fs, String lock) {
        try (InputStream in = fs.open(lock)) {
            String text = new String(in.readNBytes(256), StandardCharsets.UTF_8).strip();
            return text.matches("\\d+@\\S+") ? text : "an unknown process";
        } catch (IOException e) {
            return "an unknown process";
        }
    }

    /** Whether the lock's owner ran on this host and has exited (killed while it committed). */
    static boolean ownerIsGone(FileStore fs, String lock) {
        String owner = owner(fs, lock);
        int at = owner.indexOf('@');
        if (at < 0 || !owner.substring(at + 1).equals(host())) {
            return false;
        }
        long pid = Long.parseLong(owner.substring(0, at));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Creates the lock file, naming this process, if no one holds it; create-new semantics. */
    private static boolean tryCreate(FileStore fs, String lock) throws IOException {
        try {
            fs.writeNew(lock, self().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Milliseconds since the lock was taken; 0 when it is gone meanwhile. */
    private static long lockAge(FileStore fs, String lock) throws IOException {
        try {
            return System.currentTimeMillis() - fs.modificationTime(lock);
        } catch (FileNotFoundException e) {
            return 0;
        }
    }
}
