package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The one way genzoo runs a 2-D convolution. It works around a oneDNN bug on the project
 * machine (docs/runtime.md, "Engine facts"): with float32, the gradient with respect to the
 * convolution's <em>input</em> is wrong (garbage or NaN) unless the number of output channels
 * is a multiple of 16. Every convolution is therefore run with its filters padded by zero
 * filters up to the next multiple of 16, and the extra output channels are sliced off. The
 * forward values and the gradients of the real filters are unchanged; float64 convolutions skip
 * oneDNN and are run as they are.
 *
 * <p>Every result lives in the manager of the batch {@code x}, never in the parameters' manager,
 * so a parameter (or a masked parameter) may be passed as the weight inside a training step.
 */
public final class Conv {
    /** The block size of the oneDNN kernels whose input gradient is wrong for other widths. */
    public static final int BLOCK = 16;

    private Conv() {}

    /**
     * A stride-1, dilation-1 convolution with zero padding {@code padding} on each side.
     *
     * @param x {@code (b, cin, h, w)} batch
     * @param weight {@code (cout, cin, kh, kw)} filters (a parameter is fine)
     * @param mask null, or a 0/1 array broadcastable to {@code weight} that multiplies it
     * @param bias null, or {@code (cout)}
     * @param padding zero padding on every side
     * @return {@code (b, cout, h', w')} in {@code x}'s manager
     */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray mask, NDArray bias, int padding) {
        return conv2d(x, weight, mask, bias, 1, padding);
    }

    /**
     * A dilation-1 convolution with stride {@code stride} on both axes and zero padding
     * {@code padding} on each side (a strided convolution downsamples, as in a DCGAN
     * discriminator).
     *
     * @param x {@code (b, cin, h, w)} batch
     * @param weight {@code (cout, cin, kh, kw)} filters (a parameter is fine)
     * @param mask null, or a 0/1 array broadcastable to {@code weight} that multiplies it
     * @param bias null, or {@code (cout)}
     * @param stride step between filter positions, positive
     * @param padding zero padding on every side
     * @return {@code (b, cout, h', w')} in {@code x}'s manager
     */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray mask, NDArray bias, int stride, int padding) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        if (x.getShape().dimension() != 4 || weight.getShape().dimension() != 4) {
            throw new IllegalArgumentException("x and weight must be 4-D, got " + x.getShape() + " and "
                    + weight.getShape());
        }
        NDManager m = x.getManager();
        NDArray w = weight;
        if (mask != null) {
            w = weight.mul(mask);
            w.attach(m); // the product is made in the weight's manager: move it to the step's
        }
        long cout = weight.getShape().get(0);
        long extra = (BLOCK - cout % BLOCK) % BLOCK;
        NDArray b = bias;
        if (extra > 0 && x.getDataType() == DataType.FLOAT32) {
            Shape ws = weight.getShape();
            // zeros first, so the concatenation (and everything after it) lands in m
            w = m.zeros(new Shape(extra, ws.get(1), ws.get(2), ws.get(3)), w.getDataType()).concat(w, 0);
            if (bias != null) {
                b = m.zeros(new Shape(extra), bias.getDataType()).concat(bias, 0);
            }
        } else {
            extra = 0;
        }
        Shape p = new Shape(padding, padding);
        NDArray y = Conv2d.conv2d(x, w, b, new Shape(stride, stride), p, new Shape(1, 1), 1).singletonOrThrow();
        return extra == 0 ? y : y.get(new NDIndex(":, {}:", extra));
    }

    /** An unpadded 1×1 convolution: a per-pixel linear map of the channels. */
    public static NDArray conv1x1(NDArray x, NDArray weight, NDArray bias) {
        return conv2d(x, weight, null, bias, 0);
    }
}
