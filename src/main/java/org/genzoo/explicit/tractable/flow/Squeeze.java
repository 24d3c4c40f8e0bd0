package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * RealNVP's squeeze (Dinh, Sohl-Dickstein &amp; Bengio 2016, section 3.6, figure 3): each 2 × 2
 * block of pixels becomes 4 channels, {@code (b, c, h, w) → (b, 4c, h/2, w/2)}. A permutation of
 * the values, so {@code log |det J| = 0}. Channel {@code 4k + 2i + j} of the output holds pixel
 * {@code (2y + i, 2x + j)} of input channel k.
 */
public final class Squeeze implements Bijection {
    @Override
    public Result forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException("squeeze needs an even height and width, got " + s);
        }
        NDArray y = x.reshape(b, c, h / 2, 2, w / 2, 2).transpose(0, 1, 3, 5, 2, 4).reshape(b, 4 * c, h / 2, w / 2);
        return new Result(y, Flows.zeroLogDet(x));
    }

    @Override
    public Result inverse(NDArray y) {
        Shape s = y.getShape();
        long b = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        NDArray x = y.reshape(b, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, 2 * h, 2 * w);
        return new Result(x, Flows.zeroLogDet(y));
    }
}
