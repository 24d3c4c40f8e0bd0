package org.genzoo.implicit.direct;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.genzoo.core.Backward;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.ModelBase;
import org.genzoo.core.Sampler;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.nn.Scalars;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * Kernel moment matching: a generator network trained by minimising the maximum mean discrepancy
 * between its samples and the data. Li, Swersky and Zemel, "Generative Moment Matching Networks"
 * (ICML 2015), registered as {@code gmmn}; and Dziugaite, Roy and Ghahramani, "Training generative
 * neural networks via Maximum Mean Discrepancy optimization" (UAI 2015), registered as
 * {@code mmdnet}.
 *
 * <p>Each step draws a batch z_1..z_m of noise, maps it through the generator G and minimises
 * {@link Mmd MMD²}(G(z), x) between those samples and the data batch x (the objective of both
 * papers), or its square root, by backpropagation through G. There is no discriminator:
 * the kernel two-sample statistic plays its part, with a fixed kernel.
 *
 * <p>Both papers train the same model, a multilayer generator from noise against a kernel MMD,
 * and differ only in settings (Li et al.: the square root of the biased estimate, a sum of six
 * Gaussian kernels at fixed bandwidths, uniform noise; Dziugaite et al.: the unbiased estimate
 * itself and one Gaussian kernel with its bandwidth set from the data, here by the median
 * heuristic). So one class serves both, and each paper is a preset ({@link GmmnConfig#toy},
 * {@link GmmnConfig#mmdNet}) with its own name in the catalogue: a second file would repeat this one.
 *
 * <p>Likelihood: none (implicit density); {@code eval} gives a Parzen estimate. Samples cost one
 * generator pass.
 */
public final class Gmmn extends ModelBase<GmmnConfig> implements Sampler {
    private static final String G = "generator";

    private final Mlp generator;
    private final boolean unitInterval;
    /** Buffer (1): the median data distance that bandwidthRule=median multiplies; 0 until measured. */
    private final NDArray scale;

    /**
     * Builds the generator with fresh parameters drawn from the engine's generator.
     *
     * @param kind the name it is registered under ({@code gmmn} or {@code mmdnet})
     * @param parent the manager under which this model's own manager is made
     */
    public Gmmn(String kind, GmmnConfig config, DataSpec data, NDManager parent) {
        super(kind, Leaf.DIRECT, config, data, parent);
        this.unitInterval = data.kind() != DataKind.CONTINUOUS; // images: a sigmoid output in [0, 1], as both papers
        this.generator = new Mlp(params, G, Mlp.widths(config.noise(), config.hidden(), data.dim()),
                Activation.parse(config.activation(), "activation"));
        this.scale = params.createBuffer("bandwidth_scale", new Shape(1), Init.zeros());
    }

    /**
     * Default training for the moment matching models: Adam (the papers used SGD with momentum)
     * on large batches, since each step estimates MMD² from one batch of each side. Toy data:
     * batches of 256 at a rate of 3·10^-3 for 120 epochs (9,360 steps on 20,000 points): with 40
     * epochs the GMMN covered ring8 but none of grid25's 25 modes, with 120 all of them
     * (docs/benchmarks.md); a rate of 10^-3 needed about twice the steps on ring8. Images:
     * batches of 1,000 as Li et al., 200 epochs (10,000 steps; they took 40,000).
     */
    public static TrainConfig training(DataSpec d) {
        return d.dim() <= 64 ? new TrainConfig(120, 256, OptimizerSpec.adam(3e-3), 0, 0, 0, 50)
                : new TrainConfig(200, 1000, OptimizerSpec.adam(1e-3), 0, 0, 0, 50);
    }

    @Override
    public Input input() {
        return Input.REAL;
    }

    /** z: {@code (n, noise)} draws from the noise distribution, in {@code mgr}. */
    static NDArray noise(NDManager mgr, int n, int dim, String distribution) {
        Shape s = new Shape(n, dim);
        return "uniform".equals(distribution) ? mgr.randomUniform(-1f, 1f, s) : mgr.randomNormal(s);
    }

    /** G(z) in data space. */
    NDArray generate(NDArray z) {
        NDArray out = generator.forward(z);
        return unitInterval ? Activation.SIGMOID.apply(out) : out;
    }

    /**
     * The bandwidths in data units: as configured, or, with the median rule, times the median
     * distance of {@code x}'s rows, measured on the first batch the model sees and kept.
     */
    static double[] bandwidths(double[] configured, String rule, NDArray scale, NDArray x) {
        if (!"median".equals(rule)) {
            return configured;
        }
        double s = scale.getFloat();
        if (s == 0) {
            s = Mmd.medianDistance(x);
            // in place (the buffer is 0 here): set() on a tensor makes libtorch print a deprecation warning
            scale.addi(x.getManager().create(new float[] {(float) s}));
            s = scale.getFloat(); // as stored (float32), so a resumed run uses exactly the same value
        }
        double[] out = new double[configured.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = configured[i] * s;
        }
        return out;
    }

    /** MMD² of the two batches by the configured estimator ({@code unbiased} or {@code biased}). */
    static NDArray mmd2(NDArray samples, NDArray x, String estimator, double[] bw) {
        return "unbiased".equals(estimator) ? Mmd.unbiased(samples, x, bw) : Mmd.biased(samples, x, bw);
    }

    /**
     * The loss to minimise: MMD² itself, or its square root. The unbiased estimate can dip below 0,
     * so the root is taken of its positive part, and the 1e-10 keeps the gradient finite at 0 (Li
     * et al.'s code adds the same to 2·sqrt).
     */
    static NDArray objective(NDArray mmd2, boolean squareRoot) {
        return squareRoot ? Scalars.max(mmd2, 0).add(1e-10f).sqrt() : mmd2;
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        int b = (int) x.getShape().get(0);
        double[] bw = bandwidths(config.bandwidths(), config.bandwidthRule(), scale, x);
        double loss;
        double mmd2;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray samples = generate(noise(scratch, b, config.noise(), config.noiseDistribution()));
            NDArray d = mmd2(samples, x, config.estimator(), bw);
            NDArray l = objective(d, config.squareRoot());
            Backward.pass(gc, l);
            loss = l.getFloat();
            mmd2 = d.getFloat();
        }
        optimizers.step("model", scratch);
        return new LossParts(loss).with("mmd2", mmd2);
    }

    @Override
    public NDArray sample(NDManager mgr, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return generate(noise(mgr, n, config.noise(), config.noiseDistribution()));
    }
}
