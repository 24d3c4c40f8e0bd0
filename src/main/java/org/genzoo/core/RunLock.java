package org.genzoo.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per run directory: an operating-system lock ({@link FileChannel#tryLock}) on the
 * file {@value #FILE} inside it, which also holds the owner's process id for the error message.
 *
 * <p>The lock belongs to the process, so the system drops it when the process dies, however it
 * dies; a lock file left by a killed process is therefore stale by construction and is simply
 * taken over, with no process-id probing.
 *
 * <p>Two properties of POSIX record locks shape this class. Closing <em>any</em> descriptor of
 * the file releases all of the process's locks on it, so the file is read and written only
 * through the locking channel, and a second attempt from the same JVM is refused from an
 * in-memory registry before the file is opened. And a lock on a file that has been deleted
 * protects nothing, so the file is never deleted while in use: on release it is emptied and
 * stays.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name inside a run directory. */
    public static final String FILE = ".lock";

    /** Run directories (real paths) locked by this JVM. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, which must exist.
     *
     * @throws UserError naming {@code --out} and the owner's process id when another training
     *     holds the directory
     */
    public static RunLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": " + e.getMessage(), e);
        }
        long pid = ProcessHandle.current().pid();
        if (!HELD.add(key)) {
            throw busy(dir, " in this same process (pid " + pid + ")");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                ch.read(buf, 0);
                String owner = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
                throw busy(dir, owner.isEmpty() ? "" : " (process " + owner.split("\\s+")[0] + ")");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new RunLock(key, ch, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            closeQuietly(ch);
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError("--out " + dir + ": cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static UserError busy(Path dir, String owner) {
        return new UserError("--out " + dir + ": another genzoo training" + owner
                + " is writing into this run directory; wait for it to end or choose another --out");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    /** Empties the lock file (it stays, see the class comment) and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock in " + key + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(key);
        }
    }
}
