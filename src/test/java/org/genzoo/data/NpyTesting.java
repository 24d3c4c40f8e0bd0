package org.genzoo.data;

import java.nio.file.Path;

/** Test access to the package-private {@link NpyReader} for tests in other packages. */
public final class NpyTesting {
    private NpyTesting() {}

    /**
     * A 1-D or 2-D {@code .npy} file's values in C order, with its rows and columns (a 1-D array
     * of n values has n rows and 1 column).
     */
    public record Array(float[] values, int rows, int cols) {}

    /** Reads {@code file} with genzoo's own reader. */
    public static Array read(Path file) {
        Table t = NpyReader.read(file);
        return new Array(t.values(), t.rows(), t.cols());
    }
}
