package org.genzoo.data;

import java.util.Arrays;

/**
 * The shape of one example: what a model needs to know about its data to be built.
 *
 * @param dim number of values in one example (the product of {@code shape})
 * @param shape the example's shape: {@code {height, width}} for images, {@code {dim}} otherwise
 * @param kind what the values are
 */
public record DataSpec(int dim, int[] shape, DataKind kind) {

    /** Validates that the shape multiplies out to {@code dim}. */
    public DataSpec {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
        if (shape == null || shape.length == 0) {
            shape = new int[] {dim};
        }
        long p = 1;
        for (int s : shape) {
            p *= s;
        }
        if (p != dim) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " does not hold dim " + dim + " values");
        }
        shape = shape.clone();
        if (kind == null) {
            throw new IllegalArgumentException("kind must be given");
        }
    }

    /** A vector (not an image) of {@code dim} values. */
    public static DataSpec vector(int dim, DataKind kind) {
        return new DataSpec(dim, new int[] {dim}, kind);
    }

    /** True when the examples are 2-D images. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isImage() {
        return shape.length == 2;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSpec d && d.dim == dim && d.kind == kind && Arrays.equals(d.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dim + Arrays.hashCode(shape)) + kind.hashCode();
    }

    @Override
    public String toString() {
        return "DataSpec[dim=" + dim + ", shape=" + Arrays.toString(shape) + ", kind=" + kind + "]";
    }
}
