package org.genzoo.implicit.direct;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.Backward;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.ModelBase;
import org.genzoo.core.Sampler;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * GMMN+AE: Li, Swersky and Zemel, "Generative Moment Matching Networks" (ICML 2015), their GMMN+AE.
 * Moments are matched in the code space of an autoencoder rather than in data space, where a
 * kernel on raw pixels sees little of what makes an image look right.
 *
 * <p>Two phases, counted in optimiser steps (the count is a buffer, saved in the checkpoint, so
 * {@code --resume} continues in the right phase):
 * <ol>
 *   <li>the autoencoder alone: encoder E with a sigmoid code h = E(x) in [0, 1]^code, decoder D,
 *       trained for {@code aeSteps} steps on reconstruction: the cross-entropy
 *       {@code -Σ_i [x_i log D(h)_i + (1 - x_i) log(1 - D(h)_i)]} for grey images (a sigmoid
 *       output), the squared error {@code Σ_i (x_i - D(h)_i)²} for continuous data;
 *   <li>the autoencoder frozen, a generator G from noise to codes (sigmoid output) trained by
 *       minimising {@link Mmd MMD²}(G(z), E(x)) between a batch of generated codes and the codes of
 *       the data batch (the GMMN objective in code space), or its square root.
 * </ol>
 * Samples are {@code D(G(z))}: one pass through the generator and the decoder.
 *
 * <p>Every step reports both {@code reconstruction} and {@code mmd2} (one is optimised, the other
 * measured), so the log has the same columns in both phases; {@code phase} says which.
 *
 * <p>Likelihood: none (implicit density); {@code eval} gives a Parzen estimate, for which Li et
 * al. report 282 ± 2 nats on MNIST.
 */
public final class GmmnAe extends ModelBase<GmmnAeConfig> implements Sampler {
    private static final String ENC = "encoder";
    private static final String DEC = "decoder";
    private static final String G = "generator";
    private static final String AE_GROUP = "autoencoder";
    /** Rows whose codes give phase 1's provisional median distance (a full batch would cost a sort per step). */
    private static final int PROVISIONAL_ROWS = 100;

    private final Mlp encoder;
    private final Mlp decoder;
    private final Mlp generator;
    private final boolean unitInterval;
    /** Buffer (1): optimiser steps of phase 1 taken; phase 2 starts when it reaches aeSteps. */
    private final NDArray aeTaken;
    /** Buffer (1): the median code distance that bandwidthRule=median multiplies; 0 until measured. */
    private final NDArray scale;

    /**
     * Builds the three networks with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public GmmnAe(GmmnAeConfig config, DataSpec data, NDManager parent) {
        super("gmmnae", Leaf.DIRECT, config, data, parent);
        this.unitInterval = data.kind() != DataKind.CONTINUOUS;
        Activation ae = Activation.parse(config.aeActivation(), "aeActivation");
        int[] back = new int[config.aeHidden().length];
        for (int i = 0; i < back.length; i++) {
            back[i] = config.aeHidden()[back.length - 1 - i];
        }
        this.encoder = new Mlp(params, ENC, Mlp.widths(data.dim(), config.aeHidden(), config.code()), ae);
        this.decoder = new Mlp(params, DEC, Mlp.widths(config.code(), back, data.dim()), ae);
        this.generator = new Mlp(params, G, Mlp.widths(config.noise(), config.hidden(), config.code()),
                Activation.parse(config.activation(), "activation"));
        this.aeTaken = params.createBuffer("autoencoder_steps", new Shape(1), Init.zeros());
        this.scale = params.createBuffer("bandwidth_scale", new Shape(1), Init.zeros());
    }

    @Override
    public Input input() {
        return Input.REAL;
    }

    @Override
    public Map<String, List<String>> parameterGroups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        List<String> ae = new ArrayList<>(params.namesWithPrefix(ENC + "."));
        ae.addAll(params.namesWithPrefix(DEC + "."));
        g.put(AE_GROUP, ae);
        g.put(G, params.namesWithPrefix(G + "."));
        return g;
    }

    /** E(x): the codes, {@code (b, code)} in [0, 1]. */
    NDArray encode(NDArray x) {
        return Activation.SIGMOID.apply(encoder.forward(x));
    }

    /** D(h)'s output before its final nonlinearity (the logits for grey data). */
    private NDArray decodeRaw(NDArray h) {
        return decoder.forward(h);
    }

    /** D(h) in data space. */
    NDArray decode(NDArray h) {
        NDArray out = decodeRaw(h);
        return unitInterval ? Activation.SIGMOID.apply(out) : out;
    }

    /** G(z): generated codes in [0, 1]. */
    NDArray generateCodes(NDArray z) {
        return Activation.SIGMOID.apply(generator.forward(z));
    }

    /** The batch mean of each example's reconstruction loss (cross-entropy or squared error, summed over values). */
    private NDArray reconstruction(NDArray x) {
        NDArray out = decodeRaw(encode(x));
        NDArray perValue = unitInterval
                // x·softplus(-l) + (1-x)·softplus(l) = -[x log σ(l) + (1-x) log(1-σ(l))], stable at any l
                ? Activation.SOFTPLUS.apply(out.neg()).mul(x).add(Activation.SOFTPLUS.apply(out).mul(x.neg().add(1f)))
                : out.sub(x).square();
        return perValue.sum(new int[] {1}).mean();
    }

    /** Whether phase 1 (the autoencoder) is over. */
    public boolean inPhase2() {
        return aeTaken.getFloat() >= config.aeSteps();
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        int b = (int) x.getShape().get(0);
        boolean phase2 = inPhase2();
        double rec;
        double mmd2;
        double loss;
        if (!phase2) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray r = reconstruction(x);
                Backward.pass(gc, r);
                rec = r.getFloat();
            }
            optimizers.step(AE_GROUP, scratch);
            aeTaken.addi(scratch.ones(new Shape(1), aeTaken.getDataType()));
            // measured, not optimised: how far the (untrained) generator's codes are from the data's
            double[] bw = codeBandwidths(x, false);
            mmd2 = Gmmn.mmd2(generateCodes(Gmmn.noise(scratch, b, config.noise(), config.noiseDistribution())),
                    encode(x), config.estimator(), bw).getFloat();
            loss = rec;
        } else {
            NDArray codes = encode(x); // outside the collector: the autoencoder is frozen in phase 2
            double[] bw = codeBandwidths(codes, true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray gen = generateCodes(Gmmn.noise(scratch, b, config.noise(), config.noiseDistribution()));
                NDArray d = Gmmn.mmd2(gen, codes, config.estimator(), bw);
                NDArray l = Gmmn.objective(d, config.squareRoot());
                Backward.pass(gc, l);
                loss = l.getFloat();
                mmd2 = d.getFloat();
            }
            optimizers.step(G, scratch);
            rec = reconstruction(x).getFloat();
        }
        return new LossParts(loss).with("phase", phase2 ? 2 : 1).with("reconstruction", rec).with("mmd2", mmd2);
    }

    /**
     * The code-space bandwidths. With the median rule, the scale is measured on the first batch of
     * phase 2 (the codes no longer move then) and kept; in phase 1 a provisional scale from the
     * codes of the batch's first {@value #PROVISIONAL_ROWS} rows serves the measured-only MMD².
     */
    private double[] codeBandwidths(NDArray codesOrX, boolean keep) {
        if (!"median".equals(config.bandwidthRule())) {
            return config.bandwidths();
        }
        if (!keep) {
            long rows = Math.min(PROVISIONAL_ROWS, codesOrX.getShape().get(0));
            double s = Mmd.medianDistance(encode(codesOrX.get("0:" + rows)));
            double[] out = config.bandwidths().clone();
            for (int i = 0; i < out.length; i++) {
                out[i] *= s;
            }
            return out;
        }
        return Gmmn.bandwidths(config.bandwidths(), "median", scale, codesOrX);
    }

    @Override
    public NDArray sample(NDManager mgr, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return decode(generateCodes(Gmmn.noise(mgr, n, config.noise(), config.noiseDistribution())));
    }
}
