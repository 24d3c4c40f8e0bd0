package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.genzoo.data.View;

/** Per-row figures of a whole split, computed batch by batch with bounded memory. */
public final class Batches {
    private Batches() {}

    /**
     * {@code f} applied to every row of {@code x}, in order: batches of {@code batch} rows are
     * cut, shown through {@code view}, and freed after each step.
     *
     * @param f maps a {@code (b, dim)} batch to {@code (b,)} values
     * @param done told how many rows each batch finished (for progress)
     */
    public static float[] perRow(NDArray x, View view, int batch, NDManager root,
            Function<NDArray, NDArray> f, IntConsumer done) {
        int n = (int) x.getShape().get(0);
        float[] out = new float[n];
        for (int i = 0; i < n; i += batch) {
            int j = Math.min(n, i + batch);
            try (NDManager sm = root.newSubManager()) {
                NDArray b = x.get(i + ":" + j);
                b.attach(sm); // slicing puts the result in the data's manager
                System.arraycopy(f.apply(view.apply(b)).toFloatArray(), 0, out, i, j - i);
            }
            done.accept(j - i);
        }
        return out;
    }
}
