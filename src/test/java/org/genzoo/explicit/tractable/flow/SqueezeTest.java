package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.junit.jupiter.api.Test;

/** The squeeze keeps the contract and puts each 2 × 2 block's pixels in 4 channels in the documented order. */
class SqueezeTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        return new Squeeze();
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(1, 4, 4), new Shape(2, 2, 4));
    }

    @Test
    void channelsHoldTheBlocksPixels() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i; // pixel (y, x) holds 4y + x
        }
        NDArray y = new Squeeze().forward(root.create(v, new Shape(1, 1, 4, 4))).value();
        assertThat(y.getShape()).isEqualTo(new Shape(1, 4, 2, 2));
        // channel 2i + j, position (Y, X) = pixel (2Y + i, 2X + j)
        assertThat(y.toFloatArray()).containsExactly(0, 2, 8, 10, 1, 3, 9, 11, 4, 6, 12, 14, 5, 7, 13, 15);
    }
}
