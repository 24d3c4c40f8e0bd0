package org.genzoo.core;

import java.util.Locale;

/**
 * How much engine (native) working memory one chunk of a long computation may use: the
 * evaluation's importance samples and rows, and {@code sample}'s rows, are cut into chunks that
 * fit it, and each chunk's arrays are freed before the next one starts. The process also holds
 * the JVM, the engine's code and the data, so its resident size is this budget plus a few
 * hundred megabytes.
 *
 * @param bytes the budget in bytes, positive
 */
public record MemoryBudget(long bytes) {
    /**
     * The default budget, 256 MiB: an IWAE k = 5000 evaluation of 300 MNIST test images then peaks
     * at 1.2 GB resident and the full test split at 1.43 GiB (docs/benchmarks.md), and it ran
     * faster than with 512 MiB.
     */
    public static final MemoryBudget DEFAULT = new MemoryBudget(256L << 20);

    /** Validates the size. */
    public MemoryBudget {
        if (bytes < 1) {
            throw new IllegalArgumentException("a memory budget must be positive, got " + bytes);
        }
    }

    /**
     * Parses a size such as {@code 512m}, {@code 1g}, {@code 1.5G}, {@code 300k} or a plain
     * number of bytes (suffixes are powers of 1024).
     *
     * @param flag the flag named in the error message
     * @throws UserError when the text is not a positive size
     */
    public static MemoryBudget parse(String text, String flag) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            long bytes = (long) (v * unit);
            if (!(v > 0) || bytes < 1 || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return new MemoryBudget(bytes);
        } catch (NumberFormatException e) {
            throw new UserError(flag + ": expected a positive size such as 512m or 2g, got '" + text + "'");
        }
    }

    /**
     * How many units of {@code bytesPerUnit} fit, at least 1 and at most {@code max}: the size of a
     * chunk.
     */
    public int fit(long bytesPerUnit, long max) {
        long n = bytes / Math.max(1, bytesPerUnit);
        return (int) Math.max(1, Math.min(Math.min(max, Integer.MAX_VALUE), n));
    }

    /** The budget as people write it, e.g. {@code 512 MiB}. */
    @Override
    public String toString() {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB"
                : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
