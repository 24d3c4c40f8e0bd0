package org.genzoo.explicit.tractable.autoregressive;

import org.genzoo.core.Setting;
import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link PixelCnn}. What each one means is in its {@link Setting}, which
 * {@code genzoo list pixelcnn} prints.
 */
public record PixelCnnConfig(
        @Setting("feature maps h of every hidden layer") int channels,
        @Setting("residual blocks after the first (mask A) layer") int blocks,
        @Setting("side of the first, mask-A convolution (odd, at least 3; 7 in the paper)") int firstKernel,
        @Setting("side of the mask-B convolutions inside the blocks (odd; 3 in the paper)") int kernel,
        @Setting("gated activation units tanh(W_f * x) ⊙ sigmoid(W_g * x) (van den Oord et al. 2016b, eq. 2) "
                + "inside the blocks instead of ReLUs") boolean gated,
        @Setting("bernoulli: one logit per pixel on binary images (grey data is binarised); categorical: a "
                + "softmax over the 256 grey levels of each pixel") String output) {

    /** Validates every field, naming it. */
    public PixelCnnConfig {
        if (channels < 1) {
            throw new UserError("channels: expected a positive whole number, got " + channels);
        }
        if (blocks < 0) {
            throw new UserError("blocks: expected 0 or more, got " + blocks);
        }
        if (firstKernel < 3 || firstKernel % 2 == 0) {
            throw new UserError("firstKernel: expected an odd number of at least 3, got " + firstKernel);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new UserError("kernel: expected an odd positive number, got " + kernel);
        }
        if (!"bernoulli".equals(output) && !"categorical".equals(output)) {
            throw new UserError("output: expected bernoulli or categorical, got '" + output + "'");
        }
    }

    /** Whether pixels are 256-level categorical (else binary). */
    public boolean categorical() {
        return "categorical".equals(output);
    }

    /**
     * A CPU-sized binarised-MNIST model in the shape of van den Oord et al. (2016a) section 3.5:
     * a 7×7 mask-A convolution, residual blocks of 3×3 mask-B convolutions, 1×1 output layers.
     * The paper's MNIST model is larger; this preset trades width for what two cores can train.
     */
    public static PixelCnnConfig mnist() {
        return new PixelCnnConfig(32, 6, 7, 3, false, "bernoulli");
    }

    /** The same with 256-level categorical pixels (grey MNIST, no binarisation). */
    public static PixelCnnConfig mnistGrey() {
        return new PixelCnnConfig(32, 6, 7, 3, false, "categorical");
    }

    /** A small model for tests and the sampling-cost curve. */
    public static PixelCnnConfig small() {
        return new PixelCnnConfig(16, 2, 5, 3, false, "bernoulli");
    }
}
