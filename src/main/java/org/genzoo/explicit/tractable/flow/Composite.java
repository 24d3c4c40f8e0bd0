package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Bijections applied one after the other: {@code f = f_K ∘ … ∘ f_1}. By the chain rule
 * {@code log |det ∂f/∂x| = Σ_k log |det ∂f_k/∂h_{k-1}|}, so the forward map sums its parts'
 * log-determinants; the inverse walks the parts in reverse, {@code f⁻¹ = f_1⁻¹ ∘ … ∘ f_K⁻¹}, and
 * sums theirs.
 */
public final class Composite implements Bijection {
    private final List<Bijection> parts;

    /** @param parts applied in this order by {@link #forward}; none at all is the identity */
    public Composite(List<Bijection> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The parts, in forward order. */
    public List<Bijection> parts() {
        return parts;
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray h = x;
        NDArray logDet = null;
        for (Bijection b : parts) {
            Result r = b.forward(h, training);
            h = r.value();
            logDet = logDet == null ? r.logDet() : logDet.add(r.logDet());
        }
        return new Result(h, logDet == null ? Flows.zeroLogDet(x) : logDet);
    }

    @Override
    public Result inverse(NDArray y) {
        NDArray h = y;
        NDArray logDet = null;
        for (int k = parts.size() - 1; k >= 0; k--) {
            Result r = parts.get(k).inverse(h);
            h = r.value();
            logDet = logDet == null ? r.logDet() : logDet.add(r.logDet());
        }
        return new Result(h, logDet == null ? Flows.zeroLogDet(y) : logDet);
    }

    @Override
    public boolean needsInit() {
        for (Bijection b : parts) {
            if (b.needsInit()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public NDArray initialize(NDArray x) {
        NDArray h = x;
        for (Bijection b : parts) {
            h = b.initialize(h);
        }
        return h;
    }

    /** Builds a composite from a growing list. */
    public static Composite of(List<? extends Bijection> parts) {
        return new Composite(new ArrayList<>(parts));
    }
}
