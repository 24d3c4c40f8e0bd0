package org.genzoo.explicit.tractable.autoregressive;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.genzoo.Zoo;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Leaf;
import org.genzoo.core.Sampler;
import org.genzoo.core.UserError;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.eval.SamplingCost;

import org.genzoo.core.Leaf;
import org.genzoo.explicit.tractable.flow.GlowConfig;
import org.genzoo.explicit.tractable.flow.NiceConfig;
import org.genzoo.explicit.tractable.flow.RealNvpConfig;
/**
 * Sampling cost measured, not assumed: the time to draw a batch of samples from untrained models
 * of one family on binary images of growing size. An autoregressive model needs one network pass
 * per dimension, so its curve grows with n (NADE's passes are O(H) each, so O(nH) in all; MADE's
 * and PixelCNN's passes are full networks, so O(n) passes of a cost that itself grows with n);
 * a VAE or GAN decodes in one pass.
 *
 * <p>Use {@link #measure(String, NDManager)} for the small built-in configurations (cheap enough
 * for {@code genzoo compare}), or the long form with a configuration per data shape. Run
 * {@code java -cp target/genzoo.jar org.genzoo.explicit.tractable.autoregressive.SamplingScaling
 * nade made pixelcnn} to print the points.
 */
public final class SamplingScaling {
    /** Image sides measured by default: n = 64, 196, 784. */
    private static final int[] SIDES = {8, 14, 28};

    private SamplingScaling() {}

    /**
     * One measurement.
     *
     * @param n dimensions of a sample (pixels)
     * @param seconds median seconds to draw one batch
     */
    public record Point(int n, double seconds) {}

    /**
     * Small configurations for the curve: NADE with 64 hidden units, MADE 64 ReLUs and one mask,
     * PixelCNN with 16 channels and 2 blocks, the flows' toy (MLP) versions. Other catalogue models
     * get their defaults.
     */
    public static Function<DataSpec, Record> smallConfig(String model) {
        return switch (model) {
            case "nade" -> d -> new NadeConfig(64, "sigmoid");
            case "made" -> d -> new MadeConfig(new int[] {64}, 1, false, "relu", 0L);
            case "pixelcnn" -> d -> PixelCnnConfig.small();
            // flows: their small MLP versions on the flattened image (one inverse pass either way)
            case "nice" -> d -> NiceConfig.toy();
            case "realnvp" -> d -> RealNvpConfig.toy();
            case "glow" -> d -> GlowConfig.toy();
            default -> d -> Zoo.get(model).defaults().apply(d);
        };
    }

    /** Seconds per batch of 100 at 8×8, 14×14 and 28×28, median of 3, with {@link #smallConfig}. */
    public static List<Point> measure(String model, NDManager root) {
        return measure(model, smallConfig(model), SIDES, 100, 3, root);
    }

    /**
     * Builds an untrained model of the catalogue entry {@code model} for each side s (binary s×s
     * images) and times {@link SamplingCost#secondsPerBatch}.
     *
     * @param config the model's configuration for a data shape
     * @param sides image sides, each at least 2
     * @param batch samples per timed batch
     * @param repeats timed batches per size (after one warm-up)
     * @throws UserError when the model cannot sample
     */
    public static List<Point> measure(String model, Function<DataSpec, Record> config, int[] sides, int batch,
            int repeats, NDManager root) {
        if (sides == null || sides.length == 0) {
            throw new IllegalArgumentException("sides must name at least one image side");
        }
        if (batch < 1 || repeats < 1) {
            throw new IllegalArgumentException("batch and repeats must be positive, got " + batch + ", " + repeats);
        }
        Zoo.Entry<?> entry = Zoo.get(model);
        if (!Sampler.class.isAssignableFrom(entry.type())) {
            throw new UserError(model + " cannot sample, so it has no sampling cost");
        }
        List<Point> out = new ArrayList<>();
        for (int s : sides) {
            if (s < 2) {
                throw new IllegalArgumentException("image sides must be at least 2, got " + s);
            }
            // a flow is a density on real values: it samples grey images rather than binary ones
            DataSpec spec = new DataSpec(s * s, new int[] {s, s},
                    entry.leaf() == Leaf.FLOW ? DataKind.GREY : DataKind.BINARY);
            Engine.getInstance().setRandomSeed(s);
            try (NDManager m = root.newSubManager();
                    GenerativeModel g = entry.create(config.apply(spec), spec, m)) {
                out.add(new Point(s * s, SamplingCost.secondsPerBatch((Sampler) g, m, batch, repeats)));
            }
        }
        return out;
    }

    /** Prints {@code model n seconds} lines for the models named in {@code args}. */
    public static void main(String[] args) {
        try (NDManager root = NDManager.newBaseManager()) {
            for (String model : args) {
                for (Point p : measure(model, root)) {
                    System.out.printf("%s\t%d\t%.4f%n", model, p.n(), p.seconds());
                }
            }
        }
    }
}
