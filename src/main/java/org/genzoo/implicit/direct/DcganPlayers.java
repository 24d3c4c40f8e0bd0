package org.genzoo.implicit.direct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genzoo.core.Init;
import org.genzoo.core.Params;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.BatchNorm;
import org.genzoo.core.nn.Conv;

/**
 * The convolutional players of DCGAN: Radford, Metz and Chintala, "Unsupervised Representation
 * Learning with Deep Convolutional Generative Adversarial Networks" (2015). They follow the
 * paper's architecture guidelines (section 3):
 * <ul>
 *   <li>no pooling: the discriminator downsamples with strided convolutions (stride 2) and the
 *       generator upsamples with fractional-strided convolutions. The engine has no transposed
 *       convolution, so each generator layer is a nearest-neighbour upsampling by 2 followed by
 *       a stride-1 convolution ("resize-convolution", Odena, Dumoulin and Olah, "Deconvolution
 *       and Checkerboard Artifacts", 2016), which spans the same maps up to the kernel's
 *       support;
 *   <li>batch normalisation in both players, except the generator's output layer and the
 *       discriminator's input layer;
 *   <li>no fully connected hidden layers: the generator's first layer is a matrix
 *       multiplication that projects z onto a small stack of feature maps, and the
 *       discriminator's last convolution is flattened into a single logit;
 *   <li>ReLU in the generator ({@code generatorActivation}) with a bounded output (the paper's
 *       tanh for data in [-1, 1]; {@link Gan} applies a sigmoid for data in [0, 1]);
 *   <li>LeakyReLU with slope 0.2 in the discriminator ({@code discriminatorActivation}).
 * </ul>
 * Weights start from N(0, 0.02) and biases at 0 (section 4); the training defaults of
 * {@code dcgan} are the paper's Adam with learning rate 2e-4 and β1 = 0.5.
 *
 * <p>Sizes: with {@code generatorHidden = {128, 64}} on 28×28 images the generator maps z to
 * 128 maps of 7×7, then 64 of 14×14, then the one 28×28 output; with
 * {@code discriminatorHidden = {64, 128}} the discriminator maps the image to 64 maps of 14×14,
 * then 128 of 7×7, then the logit. Every convolution goes through {@link Conv#conv2d}.
 */
final class DcganPlayers {
    /** DCGAN's initial weight scale (section 4: "zero-centered Normal distribution with standard deviation 0.02"). */
    static final float INIT_STD = 0.02f;

    private DcganPlayers() {}

    /** Zero padding that keeps a stride-1 convolution's size and halves (rounding up) a stride-2 one's. */
    static int padding(int kernel) {
        return (kernel - 1) / 2;
    }

    /** Nearest-neighbour upsampling by 2 on both spatial axes: {@code (n, c, h, w) -> (n, c, 2h, 2w)}. */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /**
     * DCGAN's generator: z, projected and reshaped to {@code channels[0]} maps of
     * {@code ⌈height / 2^L⌉ × ⌈width / 2^L⌉} with L = {@code channels.length}, then L times
     * (upsample by 2, convolution) to {@code channels[1]}, ..., and finally 1 map of
     * {@code height × width} (cropped from the top left when a side is no multiple of 2^L),
     * returned flat as {@code (n, height · width)} before the output nonlinearity.
     */
    static final class Generator implements Player {
        private final int[] channels;
        private final int height;
        private final int width;
        private final int h0;
        private final int w0;
        private final int pad;
        private final Activation activation;
        private final NDArray projW;
        private final NDArray projB;
        private final BatchNorm projNorm;
        private final List<NDArray> convW = new ArrayList<>();
        private final List<NDArray> convB = new ArrayList<>();
        private final List<BatchNorm> norms = new ArrayList<>();

        /**
         * @param name prefix of the parameter names ({@code name.proj.w}, {@code name.up0.w}, ...)
         * @param channels feature maps at each resolution, smallest resolution first
         * @param batchNorm normalise every layer but the output
         */
        Generator(Params params, String name, int noise, int[] channels, int height, int width, int kernel,
                Activation activation, boolean batchNorm) {
            if (channels.length == 0) {
                throw new UserError("generatorHidden: convolutional players need at least one layer");
            }
            this.channels = channels.clone();
            this.height = height;
            this.width = width;
            this.pad = padding(kernel);
            this.activation = activation;
            int f = 1 << channels.length;
            this.h0 = (height + f - 1) / f;
            this.w0 = (width + f - 1) / f;
            long projected = (long) channels[0] * h0 * w0;
            this.projW = params.create(name + ".proj.w", new Shape(projected, noise), Init.normal(INIT_STD));
            // no bias before batch normalisation: the normalisation removes it (its gradient is 0)
            this.projB = batchNorm ? null : params.create(name + ".proj.b", new Shape(projected), Init.zeros());
            this.projNorm = batchNorm ? new BatchNorm(params, name + ".proj.bn", channels[0]) : null;
            for (int i = 0; i < channels.length; i++) {
                boolean last = i + 1 == channels.length;
                int out = last ? 1 : channels[i + 1];
                convW.add(params.create(name + ".up" + i + ".w", new Shape(out, channels[i], kernel, kernel),
                        Init.normal(INIT_STD)));
                boolean norm = batchNorm && !last;
                convB.add(norm ? null : params.create(name + ".up" + i + ".b", new Shape(out), Init.zeros()));
                norms.add(norm ? new BatchNorm(params, name + ".up" + i + ".bn", out) : null);
            }
        }

        /** G(z) as images, {@code (n, 1, height, width)}, before the output nonlinearity. */
        NDArray images(NDArray z, boolean training) {
            long n = z.getShape().get(0);
            NDArray h = Linear.linear(z, projW, projB).singletonOrThrow().reshape(n, channels[0], h0, w0);
            if (projNorm != null) {
                h = projNorm.forward(h, training);
            }
            h = activation.apply(h);
            for (int i = 0; i < convW.size(); i++) {
                h = Conv.conv2d(upsample(h), convW.get(i), null, convB.get(i), 1, pad);
                if (i + 1 < convW.size()) {
                    if (norms.get(i) != null) {
                        h = norms.get(i).forward(h, training);
                    }
                    h = activation.apply(h);
                }
            }
            int f = 1 << channels.length;
            if (h0 * f != height || w0 * f != width) {
                h = h.get(new NDIndex(":, :, 0:{}, 0:{}", height, width));
            }
            return h; // (n, 1, height, width)
        }

        @Override
        public NDArray forward(NDArray z, boolean training) {
            return images(z, training).reshape(z.getShape().get(0), (long) height * width);
        }

        /**
         * Per row: each layer's upsampled input (made twice, one repeat per axis), its
         * convolution output padded to {@link Conv#BLOCK} channels, the sliced, normalised and
         * activated copies, all in floats, twice over for slack.
         */
        @Override
        public long bytesPerRow() {
            long hw = (long) h0 * w0;
            long floats = 3L * channels[0] * hw;
            for (int i = 0; i < channels.length; i++) {
                int out = i + 1 == channels.length ? 1 : channels[i + 1];
                long outHw = hw * 4;
                floats += 2L * channels[i] * outHw + (long) roundUp(out) * outHw + 3L * out * outHw;
                hw = outHw;
            }
            return 2 * 4 * floats;
        }

        private static int roundUp(int c) {
            return (c + Conv.BLOCK - 1) / Conv.BLOCK * Conv.BLOCK;
        }
    }

    /**
     * DCGAN's discriminator: the input rows, reshaped to {@code pack} maps of
     * {@code height × width} (PacGAN packs images along the channel axis), then one stride-2
     * convolution per entry of {@code channels}, then one logit per row from the flattened last
     * maps.
     */
    static final class Discriminator implements Player {
        private final int pack;
        private final int height;
        private final int width;
        private final int pad;
        private final Activation activation;
        private final List<NDArray> convW = new ArrayList<>();
        private final List<NDArray> convB = new ArrayList<>();
        private final List<BatchNorm> norms = new ArrayList<>();
        private final NDArray outW;
        private final NDArray outB;

        /**
         * @param name prefix of the parameter names ({@code name.down0.w}, {@code name.out.w}, ...)
         * @param pack images judged together, stacked as input channels
         * @param channels feature maps after each strided convolution
         */
        Discriminator(Params params, String name, int pack, int[] channels, int height, int width, int kernel,
                Activation activation) {
            if (channels.length == 0) {
                throw new UserError("discriminatorHidden: convolutional players need at least one layer, got "
                        + Arrays.toString(channels));
            }
            this.pack = pack;
            this.height = height;
            this.width = width;
            this.pad = padding(kernel);
            this.activation = activation;
            int in = pack;
            int h = height;
            int w = width;
            for (int i = 0; i < channels.length; i++) {
                convW.add(params.create(name + ".down" + i + ".w", new Shape(channels[i], in, kernel, kernel),
                        Init.normal(INIT_STD)));
                // no batch normalisation on the input layer (section 3); a bias only where there is none
                convB.add(i == 0 ? params.create(name + ".down" + i + ".b", new Shape(channels[i]), Init.zeros()) : null);
                norms.add(i == 0 ? null : new BatchNorm(params, name + ".down" + i + ".bn", channels[i]));
                in = channels[i];
                h = (h + 2 * pad - kernel) / 2 + 1;
                w = (w + 2 * pad - kernel) / 2 + 1;
            }
            this.outW = params.create(name + ".out.w", new Shape(1, (long) in * h * w), Init.normal(INIT_STD));
            this.outB = params.create(name + ".out.b", new Shape(1), Init.zeros());
        }

        @Override
        public NDArray forward(NDArray x, boolean training) {
            long n = x.getShape().get(0);
            NDArray h = x.reshape(n, pack, height, width);
            for (int i = 0; i < convW.size(); i++) {
                h = Conv.conv2d(h, convW.get(i), null, convB.get(i), 2, pad);
                if (norms.get(i) != null) {
                    h = norms.get(i).forward(h, training);
                }
                h = activation.apply(h);
            }
            return Linear.linear(h.reshape(n, -1), outW, outB).singletonOrThrow(); // (n, 1)
        }
    }
}
