package org.genzoo.core.nn;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Silences native writes to standard error. libtorch prints
 * {@code Could not initialize NNPACK! Reason: Unsupported hardware.} on every float32
 * convolution forward on some CPUs, and neither {@code TORCH_CPP_LOG_LEVEL} nor
 * {@code GLOG_minloglevel} stops it. This class duplicates file descriptor 2, points descriptor 2
 * at {@code /dev/null}, and points Java's {@link System#err} at the duplicate, so Java messages
 * still reach the user while native ones do not.
 *
 * <p>Java's stderr writes through the duplicated descriptor itself ({@code write(2)} via JNA). It
 * must never reopen {@code /proc/self/fd/N}: that creates a second open file description with its
 * own offset, and under {@code cmd > log 2>&1} stdout and stderr then overwrite each other in the
 * log. The duplicate shares the user's open file description, so both streams interleave exactly
 * as they would without this class. No library offers an {@link OutputStream} over a raw
 * descriptor number ({@link java.io.FileDescriptor} has no public constructor for one), hence the
 * few lines of JNA here.
 *
 * <p>The price: every native message on stderr is lost afterwards, including real libtorch
 * warnings. Call it only in programs that run convolutions (the CLI, before the first model is
 * built). Linux only; elsewhere, or when JNA cannot load libc, it does nothing.
 */
public final class NativeStderr {
    /** Linux's {@code TIOCGWINSZ} ioctl request: the window size of a terminal. */
    private static final long TIOCGWINSZ = 0x5413;
    /** Linux's {@code EINTR}. */
    private static final int EINTR = 4;

    private static boolean done;
    /** The descriptor that holds the real stderr: the duplicate once silenced, else 2. */
    private static volatile int realFd = 2;
    private static CLib libc;

    private NativeStderr() {}

    /** The libc calls needed. */
    private interface CLib extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);

        NativeLong write(int fd, byte[] buf, NativeLong count) throws LastErrorException;

        int isatty(int fd);

        int ioctl(int fd, NativeLong request, byte[] winsize);
    }

    /**
     * Sends native stderr to {@code /dev/null}, keeping {@link System#err} on the real stderr.
     * Idempotent and thread-safe.
     *
     * @return true when stderr is now silenced (now or by an earlier call)
     */
    public static synchronized boolean silenceNnpack() {
        if (done) {
            return true;
        }
        CLib c = libc();
        if (c == null) {
            return false;
        }
        try {
            System.err.flush();
            int saved = c.dup(2);
            if (saved < 0) {
                return false;
            }
            int devNull = c.open("/dev/null", 1); // O_WRONLY
            if (devNull < 0) {
                c.close(saved);
                return false;
            }
            if (c.dup2(devNull, 2) < 0) {
                c.close(devNull);
                c.close(saved);
                return false;
            }
            c.close(devNull);
            realFd = saved;
            System.setErr(new PrintStream(new FdOutputStream(c, saved), true));
            done = true;
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /**
     * The width in columns of the terminal that the real stderr writes to (after
     * {@link #silenceNnpack} too, when descriptor 2 itself is {@code /dev/null}).
     *
     * @return the column count; 0 when stderr is not a terminal (a file, a pipe) or cannot be
     *     asked, and 80 for a terminal that reports no size
     */
    public static int terminalColumns() {
        CLib c = libc();
        if (c == null) {
            return 0;
        }
        try {
            int fd = realFd;
            if (c.isatty(fd) != 1) {
                return 0;
            }
            byte[] ws = new byte[8]; // struct winsize: unsigned short rows, cols, xpixel, ypixel
            if (c.ioctl(fd, new NativeLong(TIOCGWINSZ), ws) != 0) {
                return 80;
            }
            int cols = (ws[2] & 0xff) | (ws[3] & 0xff) << 8; // little-endian: x86-64 and aarch64 Linux
            return cols > 0 ? cols : 80;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return 0;
        }
    }

    private static synchronized CLib libc() {
        if (libc == null) {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                libc = Native.load("c", CLib.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
        return libc;
    }

    /** Writes to a descriptor by number with {@code write(2)}, looping over partial writes. */
    private static final class FdOutputStream extends OutputStream {
        private final CLib c;
        private final int fd;

        FdOutputStream(CLib c, int fd) {
            this.c = c;
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] rest = off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len);
            while (rest.length > 0) {
                long n;
                try {
                    n = c.write(fd, rest, new NativeLong(rest.length)).longValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EINTR) {
                        continue;
                    }
                    throw new IOException("write to stderr (descriptor " + fd + ") failed: errno "
                            + e.getErrorCode(), e);
                }
                rest = Arrays.copyOfRange(rest, (int) n, rest.length);
            }
        }
    }
}
