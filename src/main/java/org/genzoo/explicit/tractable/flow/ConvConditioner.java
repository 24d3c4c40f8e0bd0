package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Init;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Conv;

/**
 * A coupling network for images: RealNVP's residual convolutional network (Dinh,
 * Sohl-Dickstein &amp; Bengio 2016, section 4.1), reduced to what runs on a CPU: a 3 × 3
 * convolution from the c masked channels to F features, {@code blocks} residual blocks
 * {@code h ← h + conv(relu(conv(relu(h))))}, and a 3 × 3 convolution to {@code k · c} outputs.
 * Every convolution goes through {@link Conv#conv2d}, which pads the filters to a multiple of 16
 * output channels because of a oneDNN bug in float32 input gradients; {@code ConvConditionerTest}
 * checks values and gradients against float64.
 */
public final class ConvConditioner implements Conditioner {
    private final List<NDArray[]> layers = new ArrayList<>(); // (weight, bias) pairs

    /**
     * @param name prefix of the parameter names
     * @param channels c, the input's channels
     * @param features F, the hidden feature maps
     * @param blocks residual blocks
     * @param outputs k: the output has {@code k · c} channels
     */
    public ConvConditioner(Params params, String name, int channels, int features, int blocks, int outputs) {
        layers.add(conv(params, name + ".in", channels, features));
        for (int i = 0; i < blocks; i++) {
            layers.add(conv(params, name + ".res" + i + ".a", features, features));
            layers.add(conv(params, name + ".res" + i + ".b", features, features));
        }
        layers.add(conv(params, name + ".out", features, outputs * channels));
    }

    private static NDArray[] conv(Params p, String name, int in, int out) {
        return new NDArray[] {p.create(name + ".w", new Shape(out, in, 3, 3), Init.glorotUniform()),
            p.create(name + ".b", new Shape(out), Init.zeros())};
    }

    private static NDArray apply(NDArray x, NDArray[] layer) {
        return Conv.conv2d(x, layer[0], null, layer[1], 1);
    }

    @Override
    public NDArray apply(NDArray masked) {
        NDArray h = apply(masked, layers.get(0));
        for (int i = 1; i + 1 < layers.size(); i += 2) {
            NDArray r = apply(ai.djl.nn.Activation.relu(h), layers.get(i));
            h = h.add(apply(ai.djl.nn.Activation.relu(r), layers.get(i + 1)));
        }
        return apply(ai.djl.nn.Activation.relu(h), layers.get(layers.size() - 1));
    }
}
