package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.genzoo.data.View;

/** Per-row figures computed batch by batch (or chunk by chunk) with bounded memory. */
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

    /**
     * {@code f} applied to {@code x} in chunks of at most {@code chunk} rows, the results joined
     * along the rows: bounds the memory of a per-row computation whose intermediates are large.
     *
     * @param f maps an {@code (r, ...)} slice to an {@code (r, ...)} result
     */
    public static NDArray inRowChunks(NDArray x, long chunk, UnaryOperator<NDArray> f) {
        long rows = x.getShape().get(0);
        if (rows <= chunk) {
            return f.apply(x);
        }
        NDList parts = new NDList();
        for (long i = 0; i < rows; i += chunk) {
            parts.add(f.apply(x.get(i + ":" + Math.min(rows, i + chunk))));
        }
        return NDArrays.concat(parts, 0);
    }
}
