package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A model's named parameters, in creation order. genzoo holds parameters as plain NDArrays
 * rather than DJL Blocks: one array per name, attached to the model's manager and marked as
 * requiring a gradient, so a model's forward pass is plain NDArray code, a checkpoint is the
 * list of (name, array), and loading copies values into the existing arrays (which keeps the
 * gradient flag; DJL's Block loading turns it off, see docs/runtime.md, "Engine facts").
 */
public final class Params {
    private final NDManager manager;
    private final DataType type;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Set<String> buffers = new HashSet<>();
    private boolean buildingBuffers;

    /** @param manager the model's manager; every parameter lives there */
    public Params(NDManager manager) {
        this(manager, DataType.FLOAT32);
    }

    /**
     * Parameters of another floating type: tests build a network in float64 to compare it with
     * an independent reference (a finite-difference Jacobian, say) at float64 precision.
     *
     * @param type FLOAT32 or FLOAT64
     */
    public Params(NDManager manager, DataType type) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new IllegalArgumentException("type must be FLOAT32 or FLOAT64, got " + type);
        }
        this.manager = manager;
        this.type = type;
    }

    /** The floating type of every parameter and buffer. */
    public DataType type() {
        return type;
    }

    /** The manager the parameters live in. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Creates a trainable parameter. Initialisers draw from the engine's random generator, so
     * the order of creation is part of what a seed reproduces.
     */
    public NDArray create(String name, Shape shape, Init init) {
        if (buildingBuffers) {
            return createBuffer(name, shape, Init.zeros());
        }
        NDArray a = add(name, shape, init);
        a.setRequiresGradient(true);
        return a;
    }

    /**
     * Creates a buffer: an array saved and loaded with the parameters but not trained (no
     * gradient, in no optimiser group), such as batch normalisation's running statistics or a
     * weight average. Buffers are left out of {@link #names()} and {@link #count()}.
     */
    public NDArray createBuffer(String name, Shape shape, Init init) {
        NDArray a = add(name, shape, init);
        buffers.add(name);
        return a;
    }

    private NDArray add(String name, Shape shape, Init init) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' exists already");
        }
        NDArray a = init.create(manager, shape, type);
        a.setName(name);
        arrays.put(name, a);
        return a;
    }

    /**
     * Runs {@code build} so that every array it creates, through {@link #create} too, is a
     * zero-filled buffer: a way to build a second copy of a network (a weight average, say)
     * without spending random draws. The caller fills the buffers.
     */
    public <T> T asBuffers(Supplier<T> build) {
        boolean was = buildingBuffers;
        buildingBuffers = true;
        try {
            return build.get();
        } finally {
            buildingBuffers = was;
        }
    }

    /** Whether {@code name} is a buffer rather than a trainable parameter. */
    public boolean isBuffer(String name) {
        get(name);
        return buffers.contains(name);
    }

    /** The parameter or buffer called {@code name}. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return a;
    }

    /** Names of the trainable parameters in creation order (buffers left out). */
    public List<String> names() {
        return namesWithPrefix("");
    }

    /** Names of the trainable parameters that start with {@code prefix}, in creation order. */
    public List<String> namesWithPrefix(String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : arrays.keySet()) {
            if (n.startsWith(prefix) && !buffers.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Read-only view of name to array, buffers included. */
    public Map<String, NDArray> asMap() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Total number of trainable scalar parameters (buffers left out). */
    public long count() {
        long c = 0;
        for (String n : names()) {
            c += arrays.get(n).size();
        }
        return c;
    }

    /** Writes every parameter and buffer as (name, DJL-encoded array). */
    public void write(DataOutputStream out) throws IOException {
        writeArrays(out, arrays);
    }

    /**
     * Reads values written by {@link #write} into the existing arrays. Every parameter and
     * buffer must be present with the same shape.
     *
     * @param source names the file in error messages
     */
    public void read(DataInputStream in, String source) throws IOException {
        try (NDManager tmp = manager.newSubManager()) {
            Map<String, NDArray> loaded = readArrays(in, tmp, source);
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                NDArray src = loaded.get(e.getKey());
                if (src == null) {
                    throw new UserError(source + ": parameter '" + e.getKey() + "' is missing");
                }
                if (!src.getShape().equals(e.getValue().getShape())) {
                    throw new UserError(source + ": parameter '" + e.getKey() + "' has shape "
                            + src.getShape() + ", expected " + e.getValue().getShape());
                }
                // In place, rather than copyTo: copying into a tensor that requires a gradient makes
                // libtorch print a deprecation warning on stderr. Fresh parameters are finite, so
                // multiplying by zero clears them exactly.
                e.getValue().muli(src.zerosLike()).addi(src);
            }
        }
    }

    /** Writes a name-to-array map: a count, then (UTF name, byte length, DJL encoding) each. */
    public static void writeArrays(DataOutputStream out, Map<String, NDArray> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, NDArray> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            byte[] enc = e.getValue().encode();
            out.writeInt(enc.length);
            out.write(enc);
        }
    }

    /** Reads a map written by {@link #writeArrays} into {@code into}. */
    public static Map<String, NDArray> readArrays(DataInputStream in, NDManager into, String source)
            throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new UserError(source + ": corrupt array count " + n);
        }
        Map<String, NDArray> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int len = in.readInt();
            if (len < 0) {
                throw new UserError(source + ": corrupt length for array '" + name + "'");
            }
            byte[] enc = in.readNBytes(len);
            if (enc.length != len) {
                throw new UserError(source + ": truncated inside array '" + name + "'");
            }
            map.put(name, NDArray.decode(into, enc));
        }
        return map;
    }
}
