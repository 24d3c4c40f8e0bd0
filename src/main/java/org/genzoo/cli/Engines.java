package org.genzoo.cli;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genzoo.core.UserError;
import org.genzoo.data.DataSpec;
import picocli.CommandLine.Option;

/** The flags every working command shares: engine threads and the progress bar. */
final class Engines {
    /**
     * The system property through which the launcher passes {@code GENZOO_DEVICE}: {@code gpu}
     * demands a GPU, anything else (or nothing) lets the engine use what it has.
     */
    static final String DEVICE_PROPERTY = "genzoo.device";

    /** How long the start-up look at the machine's load lasts. */
    static final long SAMPLE_MILLIS = 250;

    @Option(names = "--threads", paramLabel = "N",
            description = "Engine threads (default: GENZOO_THREADS, else 1 for data of at most 64 values, else "
                    + "the cores that other processes leave idle at start, at least 1).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /** Applies the thread setting for work on {@code data}. */
    void configure(DataSpec data) {
        configure(threads, data);
    }

    /** A progress reporter that prints unless {@code --quiet} (or {@code alsoQuiet}) was given. */
    ConsoleProgress progress(boolean alsoQuiet) {
        return new ConsoleProgress(!quiet && !alsoQuiet);
    }

    /**
     * Sets the engine's intra-op threads: {@code --threads} if given, else {@code GENZOO_THREADS},
     * else one thread for small inputs (at most 64 values, where threads cost more than they
     * save), else {@link #threadsFor} the load that other processes put on the machine now
     * ({@link #otherLoad}, a quarter-second look).
     *
     * <p>Why the load: OpenMP threads wait for each other at every operation, spinning first.
     * When another process holds a core, a thread that is switched out stalls its partner at each
     * barrier: beside one busy process 2 threads ran 2.2-2.5 times slower than 1, beside two
     * 4-7 times (docs/runtime.md). On an idle machine 2 threads were 23-33 % faster than 1.
     */
    private static void configure(Integer threads, DataSpec data) {
        int n;
        String env = System.getenv("GENZOO_THREADS");
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads != null) {
            n = threads;
        } else if (env != null && !env.isBlank()) {
            try {
                n = Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                throw new UserError("GENZOO_THREADS: expected a whole number, got '" + env + "'");
            }
        } else if (data != null && data.dim() <= 64) {
            n = 1;
        } else {
            start(); // loading the engine is busy work of our own: finish it before looking
            n = threadsFor(cores, otherLoad(SAMPLE_MILLIS));
        }
        if (n < 1) {
            throw new UserError("--threads: expected a positive whole number, got " + n);
        }
        start(); // the engine must run for the setting to stick
        JniUtils.setNumThreads(Math.min(n, cores));
    }

    /**
     * Starts the engine. A start that fails (for the GPU build: libtorch's CUDA build could not be
     * downloaded) and a GPU demanded where the engine sees none are one-line errors, not a stack
     * trace and not a silent run on the CPU.
     */
    static Engine start() {
        boolean gpu = "gpu".equalsIgnoreCase(System.getProperty(DEVICE_PROPERTY, ""));
        Engine e;
        try {
            e = Engine.getInstance();
        } catch (EngineException | UnsatisfiedLinkError ex) {
            Throwable root = ex;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = ex.getMessage() + (root == ex ? "" : " (" + root + ")");
            throw new UserError("the PyTorch engine did not start: " + why.replace('\n', ' ')
                    + (gpu ? "; GENZOO_DEVICE=gpu downloads libtorch's CUDA build (over a gigabyte) into ~/.djl.ai on "
                            + "its first run, which needs the network; unset GENZOO_DEVICE to run on the CPU build"
                            : ""));
        }
        if (gpu && e.getGpuCount() == 0) {
            throw new UserError("GENZOO_DEVICE=gpu: the " + e.getEngineName() + " engine " + e.getVersion()
                    + " sees no CUDA GPU (no NVIDIA driver, or a driver too old for CUDA 12.8); unset GENZOO_DEVICE "
                    + "to run on the CPU");
        }
        return e;
    }

    /**
     * The default thread count on {@code cores} cores when other processes keep {@code busy} cores
     * busy: the cores left idle, rounded to the nearest whole, and at least one.
     */
    static int threadsFor(int cores, double busy) {
        if (Double.isNaN(busy)) {
            return cores;
        }
        return (int) Math.max(1, Math.min(cores, Math.floor(cores - busy + 0.5)));
    }

    /**
     * How many cores other processes kept busy over the next {@code millis} milliseconds: the
     * machine's busy time from {@code /proc/stat} less this process's own from
     * {@code /proc/self/stat}, over the wall time. Niced processes count too: two nice-19
     * processes from another login session slowed 2 threads as much as unniced ones (the
     * kernel's autogroup scheduling shares the CPU between sessions before it looks at nice). No library exposes either file portably; each
     * is one line of numbers.
     *
     * @return the busy cores, or NaN where the files cannot be read (not Linux)
     */
    static double otherLoad(long millis) {
        try {
            long[] a = sample();
            long t0 = System.nanoTime();
            Thread.sleep(millis);
            long[] b = sample();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double tick = 100.0; // USER_HZ: 100 on every Linux platform that genzoo's engine supports
            double busy = ((b[0] - a[0]) - (b[1] - a[1])) / tick / seconds;
            return Math.max(0, busy);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** {machine busy ticks, own busy ticks}. */
    private static long[] sample() throws IOException {
        List<String> stat = Files.readAllLines(Path.of("/proc/stat"));
        String[] cpu = stat.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
        long busy = 0;
        for (int i = 1; i < cpu.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // idle and iowait are not busy; niced work counts (see above)
                busy += Long.parseLong(cpu[i]);
            }
        }
        String self = Files.readString(Path.of("/proc/self/stat"));
        // fields after the command name (which may hold spaces) start at ')'; utime and stime are 14 and 15
        String[] f = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return new long[] {busy, own};
    }
}
