package org.genzoo.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.Params;
import org.genzoo.core.UserError;

/**
 * One optimiser per parameter group of a model (one group for most models; the generator and
 * the discriminator for a GAN). Owned by the trainer, which saves it in every checkpoint.
 */
public final class OptimizerSet implements AutoCloseable {
    private final Map<String, List<NDArray>> groups = new LinkedHashMap<>();
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();

    /**
     * @param params the model's parameters
     * @param groups group name to the names of the parameters in it
     * @param specs group name to its optimiser settings; a group without an entry uses
     *     {@code fallback}
     * @param fallback the settings for groups not in {@code specs}
     */
    public OptimizerSet(Params params, Map<String, List<String>> groups,
            Map<String, OptimizerSpec> specs, OptimizerSpec fallback) {
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<NDArray> arrays = new ArrayList<>();
            for (String n : g.getValue()) {
                arrays.add(params.get(n));
            }
            this.groups.put(g.getKey(), arrays);
            optimizers.put(g.getKey(), specs.getOrDefault(g.getKey(), fallback).create());
        }
    }

    /** Steps the group called {@code group} from its gradients, then zeroes them. */
    public void step(String group, NDManager scratch) {
        Optimizer o = optimizers.get(group);
        if (o == null) {
            throw new IllegalArgumentException("no parameter group '" + group + "'");
        }
        o.step(groups.get(group), scratch);
    }

    /** Zeroes the gradients of a group without updating it (e.g. the discriminator after a G step). */
    public void zeroGradients(String group) {
        for (NDArray p : groups.get(group)) {
            Optimizer.zeroGradient(p);
        }
    }

    /** Multiplies every group's learning rate by {@code scale} from now on (a schedule's factor). */
    public void setLearningRateScale(double scale) {
        for (Optimizer o : optimizers.values()) {
            o.setLearningRateScale(scale);
        }
    }

    /** Group names in order. */
    public List<String> groupNames() {
        return new ArrayList<>(groups.keySet());
    }

    /** Writes every optimiser's state. */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(optimizers.size());
        for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().write(out);
        }
    }

    /** Restores what {@link #write} wrote. */
    public void read(DataInputStream in, String source) throws IOException {
        int n = in.readInt();
        if (n != optimizers.size()) {
            throw new UserError(source + ": holds " + n + " optimisers, the model has " + optimizers.size());
        }
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            Optimizer o = optimizers.get(name);
            if (o == null) {
                throw new UserError(source + ": unknown optimiser group '" + name + "'");
            }
            o.read(in, groups.get(name).get(0), source);
        }
    }

    @Override
    public void close() {
        for (Optimizer o : optimizers.values()) {
            o.close();
        }
    }
}
