package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.junit.jupiter.api.Test;

/**
 * Glow's LU-decomposed invertible 1×1 convolution keeps the contract on vectors and on images
 * of 1 and 3 channels, and starts as the rotation it was decomposed from.
 */
class InvertibleLinearTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        return new InvertibleLinear(p, "w", event);
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6), new Shape(1, 4, 4), new Shape(3, 4, 4));
    }

    @Test
    void startsAsARotation() {
        InvertibleLinear w = new InvertibleLinear(new Params(root, DataType.FLOAT64), "w", new Shape(5));
        NDArray m = w.weight(root);
        double err = maxAbs(m.matMul(m.transpose()).sub(root.eye(5).toType(DataType.FLOAT64, false)));
        assertThat(err).as("W Wᵀ = I").isLessThan(1e-6);
    }

    @Test
    void luReassemblesTheMatrix() {
        double[][] a = {{0, 2, 1}, {1, 1, 0}, {3, 0, 5}}; // needs a pivot: a[0][0] = 0
        double[][][] plu = InvertibleLinear.lu(a);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        s += plu[0][i][k] * plu[1][k][l] * plu[2][l][j];
                    }
                }
                assertThat(s).as("(PLU)[%d][%d]", i, j).isCloseTo(a[i][j], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(logAbsDet(a)).isCloseTo(Math.log(13), org.assertj.core.data.Offset.offset(1e-12)); // det = -13
    }
}
