package org.genzoo.implicit.direct;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link Gan}. What each one means is in its {@link Setting}, which
 * {@code genzoo list gan} prints.
 */
public record GanConfig(
        @Setting("dimension of the generator's input noise z") int noise,
        @Setting("widths of the generator's hidden layers (feature maps per resolution with players=conv)") int[] generatorHidden,
        @Setting("widths of the discriminator's hidden layers (feature maps per resolution with players=conv)") int[] discriminatorHidden,
        @Setting("nonlinearity of the generator's hidden layers") String generatorActivation,
        @Setting("nonlinearity of the discriminator's hidden layers") String discriminatorActivation,
        @Setting("generator loss: nonsaturating (G maximises log D(G(z))) or minimax (G minimises "
                + "log(1 - D(G(z))), the game's value function)") String loss,
        @Setting("discriminator updates per generator update (Goodfellow et al. 2014, algorithm 1's k)") int dSteps,
        @Setting("samples the discriminator judges together (PacGAN, Lin et al. 2018): 1 is the plain GAN; "
                + "m > 1 concatenates m real or m generated samples into one input, which penalises a "
                + "generator that drops modes") int pack,
        @Setting("batch normalisation in the generator's hidden layers (as in DCGAN and PacGAN's toy "
                + "experiments)") boolean generatorBatchNorm,
        @Setting("maxout pieces per discriminator hidden unit (PacGAN's toy discriminator uses 5); 1 means "
                + "none, and then discriminatorActivation applies") int discriminatorMaxout,
        @Setting("when positive, samples come from an exponential moving average of the generator's "
                + "weights, θ̄ ← d θ̄ + (1 - d) θ after every generator step (Yazıcı et al. 2019); 0 means "
                + "the last weights") double emaDecay,
        @Setting("weight γ of the R1 gradient penalty (γ/2) E_data ||∇_x D(x)||² on the discriminator's "
                + "logit (Mescheder et al. 2018, eq. 9); 0 means none. MLP players only") double r1,
        @Setting("the players' networks: mlp (fully connected, the hidden widths are layer widths) or conv "
                + "(DCGAN, Radford et al. 2015, images only: the hidden widths are feature maps per resolution, "
                + "each generator entry one doubling of the image size, each discriminator entry one stride-2 "
                + "convolution; batch normalisation in the discriminator's inner layers)") String players,
        @Setting("side of the square convolution kernels, odd (conv players only)") int kernel) {

    /**
     * The MLP GAN, as before the {@code players} setting existed.
     */
    public GanConfig(int noise, int[] generatorHidden, int[] discriminatorHidden, String generatorActivation,
            String discriminatorActivation, String loss, int dSteps, int pack, boolean generatorBatchNorm,
            int discriminatorMaxout, double emaDecay, double r1) {
        this(noise, generatorHidden, discriminatorHidden, generatorActivation, discriminatorActivation, loss, dSteps,
                pack, generatorBatchNorm, discriminatorMaxout, emaDecay, r1, "mlp", 5);
    }

    /** Validates every field, naming it. */
    public GanConfig {
        if (noise < 1) {
            throw new UserError("noise: expected a positive whole number, got " + noise);
        }
        if (generatorHidden == null || discriminatorHidden == null) {
            throw new UserError("generatorHidden/discriminatorHidden: expected lists of widths");
        }
        Settings.widths(generatorHidden, "generatorHidden");
        Settings.widths(discriminatorHidden, "discriminatorHidden");
        Activation.parse(generatorActivation, "generatorActivation");
        Activation.parse(discriminatorActivation, "discriminatorActivation");
        if (!"nonsaturating".equals(loss) && !"minimax".equals(loss)) {
            throw new UserError("loss: expected nonsaturating or minimax, got '" + loss + "'");
        }
        if (dSteps < 1) {
            throw new UserError("dSteps: expected a positive whole number, got " + dSteps);
        }
        if (pack < 1) {
            throw new UserError("pack: expected a positive whole number, got " + pack);
        }
        if (discriminatorMaxout < 1) {
            throw new UserError("discriminatorMaxout: expected a positive whole number (1 = no maxout), got "
                    + discriminatorMaxout);
        }
        if (!(r1 >= 0 && Double.isFinite(r1))) {
            throw new UserError("r1: expected a number >= 0 (0 = no gradient penalty), got " + r1);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new UserError("emaDecay: expected a number in [0, 1) (0 = no averaging), got " + emaDecay);
        }
        if (!"mlp".equals(players) && !"conv".equals(players)) {
            throw new UserError("players: expected mlp or conv, got '" + players + "'");
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new UserError("kernel: expected an odd positive whole number, got " + kernel);
        }
        if ("conv".equals(players)) { // not conv(): the fields are assigned after this body
            if (generatorHidden.length == 0 || discriminatorHidden.length == 0) {
                throw new UserError("generatorHidden/discriminatorHidden: conv players need at least one entry each");
            }
            if (discriminatorMaxout != 1) {
                throw new UserError("discriminatorMaxout: conv players have no maxout; expected 1, got "
                        + discriminatorMaxout);
            }
            if (r1 > 0) {
                // R1 needs ∇_x D(x) differentiable in D's weights. The MLP writes that backward pass in
                // NDArray ops. Through convolutions it needs the engine's double backward, which gives
                // correct values here, but DJL reaches it only as backward(create_graph) into .grad,
                // a parameter-gradient reference cycle that libtorch warns leaks; and DCGAN's batch
                // norm in D makes every logit depend on every row, so ∇_x of the batch is not R1's
                // per-sample gradient. Refused until both are settled.
                throw new UserError("r1: the R1 penalty is implemented for mlp players only; expected 0 with "
                        + "players=conv, got " + r1);
            }
        }
    }

    /** Whether the players are DCGAN's convolutional networks. */
    public boolean conv() {
        return "conv".equals(players);
    }

    /**
     * For 2-D toy mixtures: MLP players of 3 × 128 units, the R1 penalty with γ = 0.1 and samples
     * from the generator's weight average (decay 0.999). With 200 epochs this covers all 25
     * modes of grid25 on 10 of 10 seeds (docs/benchmarks.md); {@code r1=0, emaDecay=0} gives
     * the plain GAN of 2014.
     */
    public static GanConfig toy() {
        return new GanConfig(2, new int[] {128, 128, 128}, new int[] {128, 128, 128}, "relu", "leaky_relu",
                "nonsaturating", 1, 1, false, 1, 0.999, 0.1);
    }

    /**
     * DCGAN for 28×28 grey images, sized for two CPU cores: G maps 64 noise values to 128 maps of
     * 7×7, 64 of 14×14 and the 28×28 image; D maps the image to 64 maps of 14×14, 128 of 7×7 and
     * a logit; 5×5 kernels (the paper's); ReLU and batch normalisation in G, LeakyReLU 0.2 in D;
     * no weight average, no penalty.
     */
    public static GanConfig dcgan() {
        return new GanConfig(64, new int[] {128, 64}, new int[] {64, 128}, "relu", "leaky_relu",
                "nonsaturating", 1, 1, true, 1, 0, 0, "conv", 5);
    }

    /** For 28×28 grey images: the plain GAN (the toy preset's penalty and average are untested here). */
    public static GanConfig mnist() {
        return new GanConfig(64, new int[] {256, 512}, new int[] {512, 256}, "relu", "leaky_relu",
                "nonsaturating", 1, 1, false, 1, 0, 0);
    }
}
