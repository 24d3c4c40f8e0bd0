package org.genzoo.implicit.direct;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.Backward;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.ModelBase;
import org.genzoo.core.LossParts;
import org.genzoo.core.Sampler;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.nn.Scalars;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * Generative adversarial network: Goodfellow et al., "Generative Adversarial Nets" (2014), with
 * MLP players, or with DCGAN's convolutional players on images (Radford, Metz and Chintala 2015;
 * see {@link DcganPlayers}), registered as {@code dcgan}.
 *
 * <p>The game (eq. 1): {@code min_G max_D V = E_x[log D(x)] + E_z[log(1 - D(G(z)))]}, played by
 * alternating gradient steps (algorithm 1: {@code dSteps} discriminator steps, then one
 * generator step). The generator either minimises the value function ({@code minimax}) or, as
 * the paper recommends in section 3 because the minimax gradient vanishes early on, maximises
 * {@code log D(G(z))} ({@code nonsaturating}). With D's logits l: {@code -log D = softplus(-l)},
 * {@code -log(1 - D) = softplus(l)}.
 *
 * <p>Optionally the discriminator judges {@code pack} samples at once (PacGAN: Lin, Khetan, Fanti
 * and Oh, "PacGAN: The power of two samples in generative adversarial networks", 2018), which
 * reduces mode collapse; the generator is unchanged. PacGAN's toy players are available too: a
 * generator with batch normalisation and a maxout discriminator. And samples may come from an
 * exponential moving average of the generator's weights (Yazıcı et al. 2019), which damps the
 * oscillation of simultaneous gradient play around the equilibrium. The R1 penalty (Mescheder
 * et al. 2018) keeps the discriminator's gradient small on the data, which makes the game
 * converge locally (MLP players only).
 *
 * <p>The players are {@link Player}s: the loss, packing, weight average and penalty above are
 * the same code for both kinds.
 *
 * <p>Likelihood: none (implicit density). Samples cost one generator pass.
 */
public final class Gan extends ModelBase<GanConfig> implements Sampler {
    private static final String G = "generator";
    private static final String D = "discriminator";
    private static final String G_AVERAGE = "generator_ema";
    /** Engine memory one chunk of a conv generator's sampling may take. */
    private static final long SAMPLE_CHUNK_BYTES = 256L << 20;

    private final Player generator;
    private final Player discriminator;
    /** The generator again, on averaged weights held as buffers; null without averaging. */
    private final Player average;
    private final boolean unitInterval;

    /**
     * Builds both players with fresh parameters drawn from the engine's generator; registered
     * as {@code gan}.
     *
     * @param parent the manager under which this model's own manager is made
     * @throws UserError when conv players are asked for data that are not images
     */
    public Gan(GanConfig config, DataSpec data, NDManager parent) {
        this("gan", config, data, parent);
    }

    /**
     * DCGAN: the GAN with convolutional players, registered as {@code dcgan}.
     *
     * @throws UserError when the config's players are not conv, or the data are not images
     */
    public static Gan dcgan(GanConfig config, DataSpec data, NDManager parent) {
        if (!config.conv()) {
            throw new UserError("players: dcgan has convolutional players (players=conv), got '" + config.players()
                    + "'; the gan model has the MLP players");
        }
        return new Gan("dcgan", config, data, parent);
    }

    private Gan(String kind, GanConfig config, DataSpec data, NDManager parent) {
        super(kind, Leaf.DIRECT, config, supported(kind, config, data), parent);
        this.unitInterval = data.kind() != DataKind.CONTINUOUS; // images: a sigmoid output in [0, 1]
        Activation gAct = Activation.parse(config.generatorActivation(), "generatorActivation");
        Activation dAct = Activation.parse(config.discriminatorActivation(), "discriminatorActivation");
        if (config.conv()) {
            int h = data.shape()[0];
            int w = data.shape()[1];
            this.generator = new DcganPlayers.Generator(params, G, config.noise(), config.generatorHidden(), h, w,
                    config.kernel(), gAct, config.generatorBatchNorm());
            this.discriminator = new DcganPlayers.Discriminator(params, D, config.pack(), config.discriminatorHidden(),
                    h, w, config.kernel(), dAct);
            // Buffers named generator_ema.*, built without random draws, start equal to the generator.
            this.average = config.emaDecay() > 0 ? params.asBuffers(() -> new DcganPlayers.Generator(params, G_AVERAGE,
                    config.noise(), config.generatorHidden(), h, w, config.kernel(), gAct,
                    config.generatorBatchNorm())) : null;
        } else {
            int[] gWidths = Mlp.widths(config.noise(), config.generatorHidden(), data.dim());
            this.generator = Player.of(new Mlp(params, G, gWidths, gAct, config.generatorBatchNorm(), 1));
            this.discriminator = Player.of(new Mlp(params, D,
                    Mlp.widths(data.dim() * config.pack(), config.discriminatorHidden(), 1), dAct, false,
                    config.discriminatorMaxout()));
            // Buffers named generator_ema.*, built without random draws, start equal to the generator.
            this.average = config.emaDecay() > 0 ? params.asBuffers(() -> Player.of(
                    new Mlp(params, G_AVERAGE, gWidths, gAct, config.generatorBatchNorm(), 1))) : null;
        }
        if (average != null) {
            try (NDManager tmp = manager.newSubManager()) {
                foldAverage(0f, tmp);
            }
        }
    }

    /** The data, if the players can be built for them; otherwise a one-line error saying why. */
    private static DataSpec supported(String kind, GanConfig config, DataSpec data) {
        if (config.conv()) {
            if (!data.isImage()) {
                throw new UserError(("dcgan".equals(kind) ? "dcgan" : "players=conv") + " models images: the data "
                        + "must have a {height, width} shape, got " + Arrays.toString(data.shape()) + " (use gan for vectors)");
            }
        }
        return data;
    }

    @Override
    public Input input() {
        return Input.REAL;
    }

    @Override
    public Map<String, List<String>> parameterGroups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put(G, params.namesWithPrefix(G + "."));
        g.put(D, params.namesWithPrefix(D + "."));
        return g;
    }

    /**
     * G(z): the generator's output in data space.
     *
     * @param training batch normalisation, if any, uses the batch's statistics
     */
    NDArray generate(NDArray z, boolean training) {
        NDArray out = generator.forward(z, training);
        return unitInterval ? out.getNDArrayInternal().sigmoid() : out;
    }

    /**
     * Moves every averaged array (weights and batch-norm statistics) toward the generator's:
     * {@code θ̄ ← d θ̄ + (1 - d) θ}; d = 0 copies.
     */
    private void foldAverage(float d, NDManager scratch) {
        for (String name : params.asMap().keySet()) {
            if (name.startsWith(G + ".")) {
                NDArray live = params.get(name).stopGradient(); // made in the model's manager
                live.attach(scratch);
                NDArray avg = params.get(G_AVERAGE + name.substring(G.length()));
                avg.addi(Scalars.timesInPlace(live.sub(avg), 1 - d));
            }
        }
    }

    /**
     * Groups {@code pack} consecutive rows into one discriminator input (each row alone when
     * pack is 1); rows beyond a whole number of groups are left out.
     */
    private NDArray packed(NDArray x) {
        int m = config.pack();
        long groups = x.getShape().get(0) / m;
        return m == 1 ? x : x.get("0:" + groups * m).reshape(groups, (long) m * data.dim());
    }

    /**
     * D's logit for each group of {@code pack} consecutive rows (see {@link #packed}); batch
     * normalisation, if any, uses the batch's statistics (D only ever runs in training).
     */
    NDArray discriminate(NDArray x) {
        return discriminator.forward(packed(x), true).reshape(-1);
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        int b = (int) x.getShape().get(0);
        double dReal = 0;
        double dFake = 0;
        double r1 = 0;
        for (int i = 0; i < config.dSteps(); i++) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // The fake batch is cut from the graph: this step moves D only.
                NDArray fake = generate(scratch.randomNormal(new Shape(b, config.noise())), true).stopGradient();
                NDArray lossReal = softplus(discriminate(x).neg()).mean(); // -log D(x)
                NDArray lossFake = softplus(discriminate(fake)).mean(); // -log(1 - D(G(z)))
                NDArray loss = lossReal.add(lossFake);
                if (config.r1() > 0) {
                    // (γ/2) ||∇_x logit||² on real data, from a backward pass written in NDArray ops
                    NDArray penalty = Scalars.times(discriminator.inputGradient(packed(x)).square().sum(new int[] {1}).mean(),
                            (float) (config.r1() / 2));
                    loss = loss.add(penalty);
                    r1 = penalty.getFloat();
                }
                Backward.pass(gc, loss);
                dReal = lossReal.getFloat();
                dFake = lossFake.getFloat();
            }
            optimizers.step(D, scratch);
        }
        double gLoss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = discriminate(generate(scratch.randomNormal(new Shape(b, config.noise())), true));
            NDArray loss = "minimax".equals(config.loss())
                    ? softplus(logits).neg().mean() // log(1 - D(G(z)))
                    : softplus(logits.neg()).mean(); // -log D(G(z))
            Backward.pass(gc, loss);
            gLoss = loss.getFloat();
        }
        optimizers.step(G, scratch);
        if (average != null) {
            foldAverage((float) config.emaDecay(), scratch);
        }
        optimizers.zeroGradients(D); // the G step also filled D's gradients; they must not carry over
        LossParts parts = new LossParts(dReal + dFake).with("d_real", dReal).with("d_fake", dFake).with("g", gLoss);
        return config.r1() > 0 ? parts.with("r1", r1) : parts;
    }

    /** log(1 + e^x), the engine's stable form (genzoo's own Activation enum holds the players' nonlinearities). */
    private static NDArray softplus(NDArray x) {
        return ai.djl.nn.Activation.softPlus(x);
    }

    @Override
    public long sampleBytesPerRow(int dim) {
        return Math.max(Sampler.super.sampleBytesPerRow(dim), generator.bytesPerRow());
    }

    @Override
    public NDArray sample(NDManager mgr, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        NDArray z = mgr.randomNormal(new Shape(n, config.noise()));
        Player g = average == null ? generator : average;
        // Conv players: the noise is drawn in one call as for MLPs, but pushed through in chunks of
        // rows, each in its own manager, so that a caller asking for 10,000 samples at once (the
        // Parzen estimate) holds the activations of one chunk only (about 1 MB per row at 28×28).
        long rows = config.conv() ? Math.max(1, SAMPLE_CHUNK_BYTES / generator.bytesPerRow()) : n;
        if (n <= rows) {
            return output(g, z);
        }
        NDList parts = new NDList();
        for (long i = 0; i < n; i += rows) {
            try (NDManager chunk = mgr.newSubManager()) { // the chunk's activations are freed here
                NDArray zi = z.get(new NDIndex("{}:{}", i, Math.min(n, i + rows)));
                zi.attach(chunk);
                NDArray out = output(g, zi);
                out.attach(mgr);
                parts.add(out);
            }
        }
        return NDArrays.concat(parts);
    }

    /** A generator's output in data space for noise {@code z}, at inference. */
    private NDArray output(Player g, NDArray z) {
        NDArray out = g.forward(z, false);
        return unitInterval ? out.getNDArrayInternal().sigmoid() : out;
    }
}
