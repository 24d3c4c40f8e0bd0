package org.genzoo.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One split of a data set (train, validation or test): {@code n} examples of {@code dim} floats,
 * stored row-major in one array, with optional integer labels.
 */
public final class Split {
    private final float[] values;
    private final int n;
    private final int dim;
    private final int[] labels;

    /**
     * @param values row-major values, {@code n * dim} of them (not copied: do not change them)
     * @param n number of examples
     * @param dim values per example
     * @param labels one label per example, or null
     */
    public Split(float[] values, int n, int dim, int[] labels) {
        if (values == null || (long) n * dim != values.length) {
            throw new IllegalArgumentException(
                    "values must hold n*dim = " + ((long) n * dim) + " floats, got "
                            + (values == null ? "null" : values.length));
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("labels must hold n = " + n + " ints, got " + labels.length);
        }
        this.values = values;
        this.n = n;
        this.dim = dim;
        this.labels = labels;
    }

    /** Number of examples. */
    public int size() {
        return n;
    }

    /** Values per example. */
    public int dim() {
        return dim;
    }

    /** The row-major values (shared, not copied). */
    public float[] values() {
        return values;
    }

    /** Labels, or null when the data has none. */
    public int[] labels() {
        return labels;
    }

    /** A copy of example {@code i}. */
    public float[] row(int i) {
        float[] r = new float[dim];
        System.arraycopy(values, i * dim, r, 0, dim);
        return r;
    }

    /** A copy of every example, one row each. */
    public float[][] rows() {
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = row(i);
        }
        return r;
    }

    /** The first {@code m} examples (or all when there are fewer). */
    public Split head(int m) {
        int k = Math.min(m, n);
        float[] v = new float[k * dim];
        System.arraycopy(values, 0, v, 0, v.length);
        int[] l = null;
        if (labels != null) {
            l = new int[k];
            System.arraycopy(labels, 0, l, 0, k);
        }
        return new Split(v, k, dim, l);
    }

    /**
     * The rows of {@code parts} one after another, as one split (labels kept when every part has
     * them).
     *
     * @throws IllegalArgumentException when the parts differ in width
     */
    public static Split concat(Split... parts) {
        long n = 0;
        boolean labelled = true;
        for (Split p : parts) {
            if (p.dim != parts[0].dim) {
                throw new IllegalArgumentException("splits differ in width: " + parts[0].dim + " and " + p.dim);
            }
            n += p.n;
            labelled &= p.labels != null;
        }
        if (n * parts[0].dim > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many values to join: " + n + " rows of " + parts[0].dim);
        }
        float[] v = new float[(int) (n * parts[0].dim)];
        int[] l = labelled ? new int[(int) n] : null;
        int at = 0;
        int row = 0;
        for (Split p : parts) {
            System.arraycopy(p.values, 0, v, at, p.values.length);
            at += p.values.length;
            if (l != null) {
                System.arraycopy(p.labels, 0, l, row, p.n);
            }
            row += p.n;
        }
        return new Split(v, (int) n, parts[0].dim, l);
    }

    /**
     * The whole split as one {@code (n, dim)} float32 array in {@code manager}. Built through a
     * direct buffer, which is about a hundred times faster than {@code create(float[])}.
     */
    public NDArray toNDArray(NDManager manager) {
        return toNDArray(manager, 0, n);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a {@code (to - from, dim)} float32 array. */
    public NDArray toNDArray(NDManager manager, int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " out of 0.." + n);
        }
        int len = (to - from) * dim;
        ByteBuffer bb = ByteBuffer.allocateDirect(len * 4).order(ByteOrder.nativeOrder());
        bb.asFloatBuffer().put(values, from * dim, len);
        // create() may alias a direct buffer: duplicate() makes the array own its memory.
        try (NDArray aliased = manager.create(bb, new Shape(to - from, dim), ai.djl.ndarray.types.DataType.FLOAT32)) {
            return aliased.duplicate();
        }
    }
}
