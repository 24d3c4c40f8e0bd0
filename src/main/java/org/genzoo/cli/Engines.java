package org.genzoo.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.genzoo.core.UserError;
import org.genzoo.data.DataSpec;

/** The flags every working command shares: engine threads and the progress bar. */
final class Engines {
    @picocli.CommandLine.Option(names = "--threads", paramLabel = "N",
            description = "Engine threads (default: GENZOO_THREADS, else 1 for data of at most 64 values, all cores otherwise).")
    Integer threads;

    @picocli.CommandLine.Option(names = "--quiet", description = "No progress bar.")
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
     * save; shared/perf-notes.md) and every core otherwise.
     */
    private static void configure(Integer threads, DataSpec data) {
        int n;
        String env = System.getenv("GENZOO_THREADS");
        if (threads != null) {
            n = threads;
        } else if (env != null && !env.isBlank()) {
            try {
                n = Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                throw new UserError("GENZOO_THREADS: expected a whole number, got '" + env + "'");
            }
        } else {
            n = data != null && data.dim() <= 64 ? 1 : Runtime.getRuntime().availableProcessors();
        }
        if (n < 1) {
            throw new UserError("--threads: expected a positive whole number, got " + n);
        }
        Engine.getInstance(); // starts the engine so the setting sticks
        JniUtils.setNumThreads(Math.min(n, Runtime.getRuntime().availableProcessors()));
    }
}
