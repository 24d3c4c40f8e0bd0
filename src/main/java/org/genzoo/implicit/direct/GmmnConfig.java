package org.genzoo.implicit.direct;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link Gmmn}, which {@code gmmn} (Li, Swersky &amp; Zemel 2015) and
 * {@code mmdnet} (Dziugaite, Roy &amp; Ghahramani 2015) share with different presets. What each one
 * means is in its {@link Setting}, which {@code genzoo list gmmn} prints.
 */
public record GmmnConfig(
        @Setting("dimension of the generator's input noise z") int noise,
        @Setting("distribution of z: uniform (on [-1, 1]^noise, as in Li et al.'s code) or gaussian (standard "
                + "normal)") String noiseDistribution,
        @Setting("widths of the generator's hidden layers") int[] hidden,
        @Setting("nonlinearity of the generator's hidden layers") String activation,
        @Setting("estimator of MMD² between a generated batch and a data batch: unbiased (Gretton et al. 2012, "
                + "eq. 3, as Dziugaite et al.) or biased (eq. 5, the diagonal terms kept, as Li et al.'s code)")
        String estimator,
        @Setting("minimise the square root of MMD² (Li et al.) rather than MMD² itself (Dziugaite et al.)")
        boolean squareRoot,
        @Setting("bandwidths σ of the Gaussian kernels exp(-|x-y|²/(2σ²)) whose sum is the kernel; "
                + "with bandwidthRule=median, multiples of the data's median pairwise distance") double[] bandwidths,
        @Setting("fixed: the bandwidths are used as given; median: each is multiplied by the median distance "
                + "between the points of the first training batch (the median heuristic), measured once and kept "
                + "in the checkpoint") String bandwidthRule) {

    /** Validates every field, naming it. */
    public GmmnConfig {
        if (noise < 1) {
            throw new UserError("noise: expected a positive whole number, got " + noise);
        }
        if (!"uniform".equals(noiseDistribution) && !"gaussian".equals(noiseDistribution)) {
            throw new UserError("noiseDistribution: expected uniform or gaussian, got '" + noiseDistribution + "'");
        }
        hidden = Settings.widths(hidden, "hidden");
        Activation.parse(activation, "activation");
        checkMmd(estimator, bandwidths, bandwidthRule);
    }

    /** The checks of the MMD settings, shared with {@link GmmnAeConfig}. */
    static void checkMmd(String estimator, double[] bandwidths, String bandwidthRule) {
        if (!"unbiased".equals(estimator) && !"biased".equals(estimator)) {
            throw new UserError("estimator: expected unbiased or biased, got '" + estimator + "'");
        }
        if (bandwidths == null || bandwidths.length == 0) {
            throw new UserError("bandwidths: expected at least one positive number");
        }
        for (double s : bandwidths) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new UserError("bandwidths: each must be a positive number, got " + s);
            }
        }
        if (!"fixed".equals(bandwidthRule) && !"median".equals(bandwidthRule)) {
            throw new UserError("bandwidthRule: expected fixed or median, got '" + bandwidthRule + "'");
        }
    }

    /**
     * Li et al.'s MNIST GMMN, from their published code: 10 uniform noise units, ReLU layers of
     * 64-256-256-1024, a sigmoid output, the square root of the biased MMD² over six kernels whose
     * variances σ² are 2, 5, 10, 20, 40 and 80 (their code writes the kernel as exp(-d²/(2s)) with
     * s = σ²). Those are fixed values in pixel space, grey levels in [0, 1] as here, so they serve
     * unchanged: σ from 1.4 to 8.9, against a median distance of 10.2 between MNIST training images
     * (measured on 3 × 1,000 of them).
     */
    public static GmmnConfig mnist() {
        return new GmmnConfig(10, "uniform", new int[] {64, 256, 256, 1024}, "relu", "biased", true,
                new double[] {Math.sqrt(2), Math.sqrt(5), Math.sqrt(10), Math.sqrt(20), Math.sqrt(40), Math.sqrt(80)},
                "fixed");
    }

    /**
     * For 2-D toy mixtures: the MNIST model's loss and noise, MLP 3 × 128. The bandwidths are the
     * paper's kind of ladder (each about twice the last) moved to the toys' scale: from the width
     * of one mode (std 0.02 on ring8, 0.05 on grid25) to the spread of the whole mixture (radius
     * 2, side 8). A ladder as coarse as MNIST's relative to the data (0.14 to 0.9 of the median
     * distance) cannot see whether a sample lies within 3 std of a centre, which is what the
     * high-quality count asks.
     */
    public static GmmnConfig toy() {
        return new GmmnConfig(10, "uniform", new int[] {128, 128, 128}, "relu", "biased", true,
                new double[] {0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 4}, "fixed");
    }

    /**
     * Dziugaite et al.'s choices: the unbiased MMD² itself, one Gaussian kernel whose bandwidth is
     * the data's median pairwise distance; the generator as {@link #toy()} or {@link #mnist()}.
     */
    public static GmmnConfig mmdNet(GmmnConfig generator) {
        return new GmmnConfig(generator.noise(), generator.noiseDistribution(), generator.hidden(),
                generator.activation(), "unbiased", false, new double[] {1}, "median");
    }
}
