package org.genzoo.explicit.tractable.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Argument checks shared by the autoregressive models. */
final class AutoregressiveChecks {
    private AutoregressiveChecks() {}

    /** Throws unless {@code x} is {@code (rows, dim)} with at least one row. */
    static void requireRows(NDArray x, int dim, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        Shape s = x.getShape();
        if (s.dimension() != 2 || s.get(1) != dim || s.get(0) < 1) {
            throw new IllegalArgumentException(name + " must have shape (rows, " + dim + "), got " + s);
        }
    }

    /**
     * A boolean {@code shape} array from a 0/1 mask of that shape or of its last axis, in {@code m}.
     */
    static NDArray broadcastMask(NDArray mask, Shape shape, NDManager m) {
        if (mask == null) {
            throw new IllegalArgumentException("observedMask must not be null");
        }
        Shape s = mask.getShape();
        boolean row = s.dimension() == 1 && s.get(0) == shape.get(1);
        if (!row && !s.equals(shape)) {
            throw new IllegalArgumentException("observedMask must have shape " + shape + " or (" + shape.get(1)
                    + "), got " + s);
        }
        NDArray b = m.zeros(shape, DataType.FLOAT32).add(mask.toType(DataType.FLOAT32, false)).gt(0.5f);
        return b;
    }

    /**
     * A float32 copy of {@code x} owned by {@code m}. ({@code toType(FLOAT32, true)} returns
     * {@code x} itself when it is float32 already, so it cannot be used to copy.)
     */
    static NDArray floatCopy(NDArray x, NDManager m) {
        NDArray c = x.getDataType() == DataType.FLOAT32 ? x.duplicate() : x.toType(DataType.FLOAT32, false);
        c.attach(m);
        return c;
    }

    /**
     * {@code data}, if a model of binary vectors can be built for it (binary or grey data);
     * otherwise a one-line error naming the model.
     */
    static org.genzoo.data.DataSpec binaryVectors(String model, org.genzoo.data.DataSpec data) {
        if (data.kind() == org.genzoo.data.DataKind.CONTINUOUS) {
            throw new org.genzoo.core.UserError(model
                    + " models binary vectors: choose binary or grey data (e.g. mnist, binary-synthetic)");
        }
        return data;
    }
}
