package org.genzoo.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.Params;

/**
 * A first-order optimiser whose whole state can be saved, so that a resumed run continues
 * exactly. genzoo writes its own Adam and SGD because DJL's optimisers cannot save their state
 * (docs/runtime.md, "Engine facts"), and because an in-place update makes far fewer passes over
 * the parameters than DJL's.
 */
public abstract class Optimizer implements AutoCloseable {
    /** Per-parameter state arrays, keyed "paramName/slot"; they live in {@link #stateManager}. */
    protected final Map<String, NDArray> state = new LinkedHashMap<>();
    /** Number of updates made. */
    protected long steps;
    /** Multiplies the learning rate (a schedule's factor for the current epoch). */
    protected double lrScale = 1;
    private NDManager stateManager;

    /**
     * Updates every parameter in {@code params} from its gradient, then zeroes the gradient.
     * Temporaries go to {@code scratch}, which the caller closes after the step.
     */
    public final void step(List<NDArray> params, NDManager scratch) {
        if (stateManager == null && !params.isEmpty()) {
            stateManager = params.get(0).getManager().newSubManager();
        }
        steps++;
        for (NDArray p : params) {
            NDArray g = p.getGradient(); // a new handle in the parameter's manager
            g.attach(scratch); // released with the step's scratch manager
            update(p, g, scratch);
            zeroGradient(p);
        }
    }

    /** Updates one parameter in place; temporaries must end up in {@code scratch}. */
    protected abstract void update(NDArray p, NDArray g, NDManager scratch);

    /** The state slot {@code slot} of parameter {@code p}, created as zeros on first use. */
    protected NDArray slot(NDArray p, String slot) {
        return state.computeIfAbsent(p.getName() + "/" + slot, k -> {
            NDArray z = stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            z.setName(k);
            return z;
        });
    }

    /** Sets the factor the learning rate is multiplied by from now on. */
    public void setLearningRateScale(double scale) {
        this.lrScale = scale;
    }

    /** Number of updates made so far. */
    public long steps() {
        return steps;
    }

    /** Zeroes a parameter's gradient in place (NaN-safe, allocates nothing). */
    public static void zeroGradient(NDArray p) {
        JniUtils.zeroGrad((PtNDArray) p);
    }

    /** Writes the step count and every state array. */
    public void write(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        Params.writeArrays(out, state);
    }

    /**
     * Restores state written by {@link #write}.
     *
     * @param anyParam a parameter of the model, whose manager will hold the state
     */
    public void read(DataInputStream in, NDArray anyParam, String source) throws IOException {
        close();
        stateManager = anyParam.getManager().newSubManager();
        steps = in.readLong();
        state.putAll(Params.readArrays(in, stateManager, source));
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            e.getValue().setName(e.getKey());
        }
    }

    /** Releases the state. */
    @Override
    public void close() {
        state.clear();
        if (stateManager != null) {
            stateManager.close();
            stateManager = null;
        }
    }
}
