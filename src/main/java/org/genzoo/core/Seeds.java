package org.genzoo.core;

import ai.djl.engine.Engine;
import java.nio.charset.StandardCharsets;

/**
 * One user seed drives every random number. Streams are derived from (seed, purpose, counter)
 * rather than drawn in sequence, so that a run resumed at epoch e draws exactly what an
 * uninterrupted run draws there (the pairing of a seed with an invocation count, as in Tribuo).
 */
public final class Seeds {
    private Seeds() {}

    /** A 64-bit seed for {@code purpose} at {@code counter}, mixed by SplitMix64. */
    public static long derive(long seed, String purpose, long counter) {
        long h = seed;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return mix(h ^ mix(counter + 0x9E3779B97F4A7C15L));
    }

    /**
     * Reseeds the engine's one global generator (PyTorch's {@code manual_seed}) for
     * {@code purpose} at {@code counter}.
     */
    public static void seedEngine(long seed, String purpose, long counter) {
        Engine.getInstance().setRandomSeed((int) (derive(seed, purpose, counter) & 0x7fffffff));
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
