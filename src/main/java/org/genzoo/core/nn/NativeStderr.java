package org.genzoo.core.nn;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Silences native writes to standard error. libtorch prints
 * {@code Could not initialize NNPACK! Reason: Unsupported hardware.} on every float32
 * convolution forward on the project machine, and neither {@code TORCH_CPP_LOG_LEVEL} nor
 * {@code GLOG_minloglevel} stops it (shared/djl-notes.md section 5). This class duplicates file
 * descriptor 2, points descriptor 2 at {@code /dev/null}, and points Java's {@link System#err}
 * at the duplicate, so Java messages still reach the terminal while native ones do not.
 *
 * <p>The price: every native message on stderr is lost afterwards, including real libtorch
 * warnings. Call it only in programs that run convolutions (the CLI, before the first model is
 * built). Linux only; elsewhere, or when JNA cannot load libc, it does nothing.
 */
public final class NativeStderr {
    private static boolean done;

    private NativeStderr() {}

    /** The three libc calls needed. */
    private interface CLib extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
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
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            CLib c = Native.load("c", CLib.class);
            System.err.flush();
            int saved = c.dup(2);
            int devNull = c.open("/dev/null", 1); // O_WRONLY
            if (saved < 0 || devNull < 0) {
                return false;
            }
            PrintStream err = new PrintStream(new FileOutputStream("/proc/self/fd/" + saved, true), true);
            if (c.dup2(devNull, 2) < 0) {
                err.close();
                return false;
            }
            c.close(devNull);
            System.setErr(err);
            done = true;
            return true;
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
