package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * Glow's activation normalisation (Kingma &amp; Dhariwal 2018, section 3.1, table 1): a learned
 * affine map per channel, {@code y = x ⊙ exp(s) + b}, so {@code log |det J| = h · w · Σ_c s_c}
 * (h · w = 1 for vectors). Its parameters start data-dependent: before the first training step
 * they are set from a batch so that the output has zero mean and unit variance per channel,
 * {@code s = -log(σ + 10⁻⁶)}, {@code b = -μ exp(s)}; after that they are ordinary parameters.
 *
 * <p>Whether that has happened is a {@link Params#createBuffer buffer}, {@code name.initialised}
 * (0 or 1), so it is saved with the parameters and a resumed or reloaded run never
 * re-initialises. Until then the layer is the identity.
 */
public final class ActNorm implements Bijection {
    private final NDArray logScale;
    private final NDArray bias;
    private final NDArray initialised;
    private final Shape event;
    private boolean knownInitialised; // a cache of initialised == 1, which never goes back to 0

    /**
     * @param name prefix of the parameter names ({@code name.s}, {@code name.b}, {@code name.initialised})
     * @param event the shape of one example: {@code (d)} or {@code (c, h, w)}
     */
    public ActNorm(Params params, String name, Shape event) {
        this.event = event;
        this.logScale = params.create(name + ".s", Flows.perChannel(event), Init.zeros());
        this.bias = params.create(name + ".b", Flows.perChannel(event), Init.zeros());
        this.initialised = params.createBuffer(name + ".initialised", new Shape(1), Init.zeros());
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray s = Flows.borrow(x.getManager(), logScale);
        NDArray y = x.mul(s.exp()).add(Flows.borrow(x.getManager(), bias));
        return new Result(y, Flows.perExample(x, Flows.times(s.sum(), Flows.spatial(event))));
    }

    @Override
    public Result inverse(NDArray y) {
        NDArray s = Flows.borrow(y.getManager(), logScale);
        NDArray x = y.sub(Flows.borrow(y.getManager(), bias)).mul(s.neg().exp());
        return new Result(x, Flows.perExample(y, Flows.times(s.sum(), -Flows.spatial(event))));
    }

    @Override
    public boolean needsInit() {
        if (!knownInitialised) {
            knownInitialised = Flows.scalar(initialised) > 0;
        }
        return !knownInitialised;
    }

    @Override
    public NDArray initialize(NDArray x) {
        if (needsInit()) {
            int[] axes = Flows.statAxes(x.getShape());
            NDArray mean = Flows.meanOver(x, axes);
            NDArray std = Flows.meanOver(x.sub(Flows.asPerChannel(mean, event)).square(), axes).sqrt();
            NDArray s = std.add(1e-6f).log().neg();
            NDArray b = mean.mul(s.exp()).neg();
            // in place (p ← p - (p - new)), outside any gradient recording, with the temporaries in x's manager
            NDManager m = x.getManager();
            logScale.subi(Flows.borrow(m, logScale).sub(Flows.asPerChannel(s, event)));
            bias.subi(Flows.borrow(m, bias).sub(Flows.asPerChannel(b, event)));
            initialised.subi(Flows.borrow(m, initialised).sub(1f));
            knownInitialised = true;
        }
        return forward(x, false).value();
    }
}
