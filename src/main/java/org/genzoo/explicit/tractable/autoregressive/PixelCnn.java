package org.genzoo.explicit.tractable.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Batches;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.ModelBase;
import org.genzoo.core.LossParts;
import org.genzoo.core.Sampler;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Conv;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.nn.Scalars;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * PixelCNN: van den Oord, Kalchbrenner and Kavukcuoglu, "Pixel Recurrent Neural Networks" (ICML
 * 2016), section 3.5, with the gated activation units of van den Oord et al., "Conditional Image
 * Generation with PixelCNN Decoders" (NeurIPS 2016), eq. 2, as an option.
 *
 * <p>Model: {@code p(x) = Π_i p(x_i | x_1, ..., x_{i-1})} over the pixels in raster order (eq. 1).
 * Masked convolutions make output i see only earlier pixels: the first layer's mask (type A)
 * hides the centre pixel, later masks (type B) let a feature see its own position, which already
 * saw only the past. Layers: a k×k mask-A convolution, residual blocks (ReLU, k×k mask-B
 * convolution, ReLU, 1×1 convolution; or, gated, {@code tanh(W_f * h) ⊙ sigmoid(W_g * h)} then a
 * 1×1 convolution), then ReLU, 1×1, ReLU, 1×1 to one logit per pixel (binary) or 256 logits per
 * pixel (a softmax over grey levels, section 5.1). The gated option keeps one stack, so it keeps
 * the blind spot that the paper's vertical and horizontal stacks remove.
 *
 * <p>Likelihood: exact, a Bernoulli or categorical log-probability summed over pixels. Sampling:
 * one network pass per pixel, in raster order; the pass for row r runs on rows 0..r only, which
 * gives the same values because no masked layer looks below its own row.
 *
 * <p>Every convolution goes through {@link Conv}, which pads the filters to a multiple of 16
 * (the oneDNN input-gradient bug, docs/runtime.md).
 */
public final class PixelCnn extends ModelBase<PixelCnnConfig> implements Sampler, ExactDensity {
    private static final int LEVELS = 256;
    /** Bound on the floats of the largest activation per chunk of rows in {@link #logProb}. */
    private static final long ELEMENTS_PER_CHUNK = 16_000_000L;

    private final int height;
    private final int width;
    private final int outChannels;
    private final NDArray maskA;
    private final NDArray maskB;
    private NDArray firstMask; // maskA, except in tests of the negative control
    private final List<String> blockNames = new ArrayList<>();

    /** The data, if this model can be built for it; otherwise a one-line error saying why. */
    private static DataSpec supported(PixelCnnConfig config, DataSpec data) {
        if (!data.isImage()) {
            throw new UserError("pixelcnn models images: the data must have a {height, width} shape, got "
                    + java.util.Arrays.toString(data.shape()) + " (use nade or made for vectors)");
        }
        if (data.kind() == DataKind.CONTINUOUS) {
            throw new UserError("pixelcnn models binary or 256-level grey images, not continuous values");
        }
        if (config.categorical() && data.kind() == DataKind.BINARY) {
            throw new UserError("output=categorical needs 256-level grey images; the data are binary (use output=bernoulli)");
        }
        return data;
    }

    /**
     * Builds the network with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     * @throws UserError when the data are not images, or categorical pixels are asked of binary data
     */
    public PixelCnn(PixelCnnConfig config, DataSpec data, NDManager parent) {
        super("pixelcnn", Leaf.AUTOREGRESSIVE, config, supported(config, data), parent);
        this.height = data.shape()[0];
        this.width = data.shape()[1];
        this.outChannels = config.categorical() ? LEVELS : 1;
        int h = config.channels();
        int k0 = config.firstKernel();
        int k = config.kernel();
        params.create("in.w", new Shape(h, 1, k0, k0), Init.glorotUniform());
        params.create("in.b", new Shape(h), Init.zeros());
        for (int i = 0; i < config.blocks(); i++) {
            String b = "block." + i;
            blockNames.add(b);
            params.create(b + ".conv.w", new Shape(config.gated() ? 2L * h : h, h, k, k), Init.glorotUniform());
            params.create(b + ".conv.b", new Shape(config.gated() ? 2L * h : h), Init.zeros());
            params.create(b + ".mix.w", new Shape(h, h, 1, 1), Init.glorotUniform());
            params.create(b + ".mix.b", new Shape(h), Init.zeros());
        }
        params.create("head.0.w", new Shape(h, h, 1, 1), Init.glorotUniform());
        params.create("head.0.b", new Shape(h), Init.zeros());
        params.create("head.1.w", new Shape(outChannels, h, 1, 1), Init.glorotUniform());
        params.create("head.1.b", new Shape(outChannels), Init.zeros());
        this.maskA = mask(k0, false);
        this.maskB = mask(k, true);
        this.firstMask = maskA;
    }

    /**
     * A (1, 1, k, k) mask: every row above the centre, and the centre row left of the centre
     * (type A) or up to and including it (type B). One input channel, so no channel groups.
     */
    private NDArray mask(int k, boolean typeB) {
        float[] m = new float[k * k];
        int c = k / 2;
        for (int r = 0; r < k; r++) {
            for (int col = 0; col < k; col++) {
                m[r * k + col] = r < c || (r == c && (col < c || (typeB && col == c))) ? 1f : 0f;
            }
        }
        return manager.create(m, new Shape(1, 1, k, k));
    }

    /** Test hook: use a type-B mask in the first layer, which lets each pixel see itself. */
    void useTypeBFirstLayer() {
        firstMask = mask(config.firstKernel(), true);
    }

    /** Binary pixels ({@link Input#BINARY}), or grey values in [0, 1] read as 256 levels ({@link Input#REAL}). */
    @Override
    public Input input() {
        return config.categorical() ? Input.REAL : Input.BINARY;
    }

    private NDArray p(String name) {
        return params.get(name);
    }

    /**
     * The network on {@code (B, 1, rows, width)} images.
     *
     * @return {@code (B, C, rows, width)} logits, C = 1 or 256, in {@code img}'s manager
     */
    NDArray network(NDArray img) {
        int h = config.channels();
        NDArray x = Conv.conv2d(img, p("in.w"), firstMask, p("in.b"), config.firstKernel() / 2);
        for (String b : blockNames) {
            NDArray r;
            if (config.gated()) {
                NDList fg = Conv.conv2d(x, p(b + ".conv.w"), maskB, p(b + ".conv.b"), config.kernel() / 2)
                        .split(new long[] {h}, 1);
                r = fg.get(0).tanh().mul(fg.get(1).getNDArrayInternal().sigmoid()); // eq. 2 of 2016b
            } else {
                r = Conv.conv2d(ai.djl.nn.Activation.relu(x), p(b + ".conv.w"), maskB, p(b + ".conv.b"),
                        config.kernel() / 2);
                r = ai.djl.nn.Activation.relu(r);
            }
            x = x.add(Conv.conv1x1(r, p(b + ".mix.w"), p(b + ".mix.b"))); // residual connection
        }
        x = Conv.conv1x1(ai.djl.nn.Activation.relu(x), p("head.0.w"), p("head.0.b"));
        return Conv.conv1x1(ai.djl.nn.Activation.relu(x), p("head.1.w"), p("head.1.b"));
    }

    /** Per-pixel outputs {@code (B, dim)}: the logit (binary) or the sum of the 256 logits (tests). */
    NDArray pixelOutputs(NDArray x) {
        NDArray out = network(x.reshape(-1, 1, height, width));
        return out.sum(new int[] {1}).reshape(-1, data.dim());
    }

    /** {@code log p(x)} per row, with the graph (training) or without. */
    private NDArray logLikelihood(NDArray x) {
        long rows = x.getShape().get(0);
        NDArray logits = network(x.reshape(rows, 1, height, width));
        if (!config.categorical()) {
            return Gaussian.logBernoulli(x, logits.reshape(rows, data.dim()));
        }
        NDArray level = Scalars.times(x, 255f).round().toType(DataType.INT64, false).reshape(rows, 1, height, width);
        return logits.logSoftmax(1).gather(level, 1).reshape(rows, data.dim()).sum(new int[] {1});
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        return maximumLikelihoodStep(() -> logLikelihood(x), optimizers, scratch);
    }

    @Override
    public NDArray logProb(NDArray x) {
        AutoregressiveChecks.requireRows(x, data.dim(), "x");
        long chunk = Math.max(1, ELEMENTS_PER_CHUNK / ((long) Math.max(outChannels, 2 * config.channels()) * data.dim()));
        return Batches.inRowChunks(x, chunk, this::logLikelihood);
    }

    @Override
    public NDArray sample(NDManager mgr, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("n must be positive, got " + count);
        }
        return draw(mgr.zeros(new Shape(count, 1, height, width)), null).reshape(count, data.dim());
    }

    @Override
    public boolean oneShotSampling() {
        return false;
    }

    /**
     * Completion: keeps the pixels of {@code x} where {@code observedMask} is 1 and draws the
     * others in raster order, each from {@code p(x_i | x_<i)}. Exact for
     * {@code p(x_unobserved | x_observed)} when the observed pixels all come first in raster order
     * (e.g. the top rows); otherwise observed pixels further on are not looked ahead at.
     *
     * @param x {@code (B, dim)} images as the model sees them (only observed pixels are read)
     * @param observedMask {@code (B, dim)} or {@code (dim)} 0/1
     * @param mgr where the result is put
     */
    public NDArray complete(NDArray x, NDArray observedMask, NDManager mgr) {
        AutoregressiveChecks.requireRows(x, data.dim(), "x");
        long rows = x.getShape().get(0);
        NDArray start = AutoregressiveChecks.floatCopy(x, mgr).reshape(rows, 1, height, width);
        NDArray obs = AutoregressiveChecks.broadcastMask(observedMask, x.getShape(), mgr)
                .reshape(rows, 1, height, width);
        return draw(start, obs).reshape(rows, data.dim());
    }

    /** One pass per pixel, in raster order, writing into {@code img} (B, 1, H, W). */
    private NDArray draw(NDArray img, NDArray obs) {
        NDManager m = img.getManager();
        long rows = img.getShape().get(0);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                try (NDManager step = m.newSubManager()) {
                    step.tempAttachAll(img);
                    if (obs != null) {
                        step.tempAttachAll(obs);
                    }
                    NDIndex at = new NDIndex(":, :, {}, {}", r, c);
                    NDArray logits = network(img.get(new NDIndex(":, :, 0:{}, :", r + 1))).get(at); // (B, C)
                    NDArray u = step.randomUniform(0f, 1f, new Shape(rows, outChannels));
                    NDArray value;
                    if (config.categorical()) {
                        // Gumbel-max: argmax(l - log(-log u)) is a draw from softmax(l)
                        NDArray g = u.log().neg().log();
                        value = Scalars.over(logits.sub(g).argMax(1).toType(DataType.FLOAT32, false), 255f);
                    } else {
                        value = u.lt(logits.getNDArrayInternal().sigmoid()).toType(DataType.FLOAT32, false)
                                .reshape(rows);
                    }
                    if (obs != null) {
                        NDIndex px = new NDIndex(":, 0, {}, {}", r, c);
                        value = NDArrays.where(obs.get(px), img.get(px), value);
                    }
                    img.set(new NDIndex(":, 0, {}, {}", r, c), value);
                }
            }
        }
        return img;
    }
}
