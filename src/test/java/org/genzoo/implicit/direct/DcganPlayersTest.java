package org.genzoo.implicit.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genzoo.Zoo;
import org.genzoo.core.Params;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DCGAN's players. Every path (projection, upsampling, stride-1 and stride-2 convolutions,
 * batch normalisation, the logit) in float32 is checked against the same network in float64,
 * which skips oneDNN: on the project machine oneDNN's float32 input gradient of a convolution is
 * wrong unless its output channels are a multiple of 16 (docs/runtime.md, "Engine facts"), and
 * the generator's 1-channel output layer and the small widths below are exactly such layers.
 * Then the shapes for 28×28 images and the one-line refusals.
 */
class DcganPlayersTest {
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** Values and gradients (input, every weight) of one player in one floating type. */
    private record Run(double[] out, double[] inputGrad, Map<String, double[]> weightGrads) {}

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Builds a player in {@code type} on {@code p}, whose arrays the caller then overwrites. */
    private interface Build {
        Player build(Params p);
    }

    /**
     * Runs {@code sum(player(x) ⊙ r)} forward (training mode: batch statistics) and backward.
     * The parameters of {@code p} are copies of {@code values}, so both types start equal.
     */
    private static Run run(Build build, Map<String, NDArray> values, NDArray x0, NDArray r0, DataType t) {
        try (NDManager m = root.newSubManager()) {
            Params p = new Params(m, t);
            Player player = build.build(p);
            for (Map.Entry<String, NDArray> e : p.asMap().entrySet()) {
                e.getValue().muli(0).addi(copy(values.get(e.getKey()), t));
            }
            NDArray x = copy(x0, t);
            NDArray r = copy(r0, t);
            m.attachAll(x, r);
            x.setRequiresGradient(true);
            double[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = player.forward(x, true);
                out = doubles(y);
                gc.backward(y.mul(r).sum());
            }
            Map<String, double[]> grads = new LinkedHashMap<>();
            for (String n : p.names()) {
                try (NDArray g = p.get(n).getGradient()) {
                    grads.put(n, doubles(g));
                }
            }
            try (NDArray g = x.getGradient()) {
                return new Run(out, doubles(g), grads);
            }
        }
    }

    /** A copy in type t ({@code toType} returns the array itself when the type matches). */
    private static NDArray copy(NDArray a, DataType t) {
        return a.getDataType() == t ? a.duplicate() : a.toType(t, false);
    }

    /** max |a - b| / max |b|; NaN anywhere is infinitely wrong. */
    private static double relErr(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return num / Math.max(den, 1e-12);
    }

    /** Float32 against float64, three trials (some of oneDNN's failures are not deterministic). */
    private static void assertMatchesFloat64(Build build, Shape in, Shape out, String what) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        try (NDManager m = root.newSubManager()) {
            Params p = new Params(m, DataType.FLOAT32);
            build.build(p);
            // the initial N(0, 0.02) weights, scaled up so that no layer is nearly linear, plus
            // noise on batch norm's scales and shifts so that they matter too
            for (Map.Entry<String, NDArray> e : p.asMap().entrySet()) {
                NDArray v = e.getValue().mul(10).add(m.randomNormal(0f, 0.1f, e.getValue().getShape(), DataType.FLOAT32));
                v.attach(root);
                values.put(e.getKey(), v);
            }
        }
        NDArray x = root.randomNormal(in);
        NDArray r = root.randomNormal(out);
        for (int trial = 0; trial < 3; trial++) {
            Run f32 = run(build, values, x, r, DataType.FLOAT32);
            Run f64 = run(build, values, x, r, DataType.FLOAT64);
            assertThat(relErr(f32.out(), f64.out())).as("%s: values", what).isLessThan(1e-4);
            assertThat(relErr(f32.inputGrad(), f64.inputGrad())).as("%s: input gradient", what).isLessThan(1e-4);
            assertThat(f32.weightGrads().keySet()).isEqualTo(f64.weightGrads().keySet());
            for (String n : f64.weightGrads().keySet()) {
                assertThat(relErr(f32.weightGrads().get(n), f64.weightGrads().get(n)))
                        .as("%s: gradient of %s", what, n).isLessThan(1e-4);
            }
        }
        values.values().forEach(NDArray::close);
        x.close();
        r.close();
    }

    /**
     * The dcgan preset's sizes on 28×28; small widths that are no multiple of 16, with packing,
     * on 6×6 images (the generator crops 8×8 to 6×6, the discriminator goes 6, 3, 2).
     */
    @ParameterizedTest
    @CsvSource({"28, 5, '128,64', '64,128', 1, 8", "6, 3, '24,8', '8,12', 2, 5"})
    void generatorAndDiscriminatorMatchFloat64(int side, int kernel, String gHidden, String dHidden, int pack,
            int noise) {
        Engine.getInstance().setRandomSeed(side);
        int[] g = java.util.Arrays.stream(gHidden.split(",")).mapToInt(Integer::parseInt).toArray();
        int[] d = java.util.Arrays.stream(dHidden.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = 4;
        assertMatchesFloat64(p -> new DcganPlayers.Generator(p, "g", noise, g, side, side, kernel, Activation.RELU,
                true), new Shape(n, noise), new Shape(n, (long) side * side), "generator");
        assertMatchesFloat64(p -> new DcganPlayers.Discriminator(p, "d", pack, d, side, side, kernel,
                Activation.LEAKY_RELU), new Shape(n, (long) pack * side * side), new Shape(n, 1), "discriminator");
    }

    /** The upsampling is nearest-neighbour: out[y][x] = in[y / 2][x / 2], checked in Java. */
    @Test
    void upsamplingRepeatsEachPixelTwiceOnBothAxes() {
        try (NDManager m = root.newSubManager()) {
            NDArray x = m.arange(2 * 3 * 3 * 4).toType(DataType.FLOAT32, false).reshape(2, 3, 3, 4);
            NDArray y = DcganPlayers.upsample(x);
            assertThat(y.getShape()).isEqualTo(new Shape(2, 3, 6, 8));
            float[] in = x.toFloatArray();
            float[] out = y.toFloatArray();
            for (int b = 0; b < 6; b++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 8; j++) {
                        assertThat(out[b * 48 + i * 8 + j]).isEqualTo(in[b * 12 + (i / 2) * 4 + j / 2]);
                    }
                }
            }
        }
    }

    @Test
    void shapesFor28x28Images() {
        Engine.getInstance().setRandomSeed(1);
        DataSpec mnist = new DataSpec(784, new int[] {28, 28}, DataKind.GREY);
        try (NDManager m = root.newSubManager()) {
            Params p = new Params(m);
            GanConfig c = GanConfig.dcgan();
            DcganPlayers.Generator g = new DcganPlayers.Generator(p, "g", c.noise(), c.generatorHidden(), 28, 28,
                    c.kernel(), Activation.RELU, true);
            DcganPlayers.Discriminator d = new DcganPlayers.Discriminator(p, "d", 1, c.discriminatorHidden(), 28, 28,
                    c.kernel(), Activation.LEAKY_RELU);
            NDArray z = m.randomNormal(new Shape(6, c.noise()));
            assertThat(g.images(z, true).getShape()).isEqualTo(new Shape(6, 1, 28, 28));
            assertThat(g.forward(z, false).getShape()).isEqualTo(new Shape(6, 784));
            assertThat(d.forward(m.randomUniform(0f, 1f, new Shape(6, 784)), true).getShape())
                    .isEqualTo(new Shape(6, 1));
            // the parameter shapes the architecture promises: 64 -> 128·7·7, 14×14 (64), 28×28 (1); 14 (64), 7 (128)
            assertThat(p.get("g.proj.w").getShape()).isEqualTo(new Shape(128 * 7 * 7, 64));
            assertThat(p.get("g.up0.w").getShape()).isEqualTo(new Shape(64, 128, 5, 5));
            assertThat(p.get("g.up1.w").getShape()).isEqualTo(new Shape(1, 64, 5, 5));
            assertThat(p.get("d.down0.w").getShape()).isEqualTo(new Shape(64, 1, 5, 5));
            assertThat(p.get("d.down1.w").getShape()).isEqualTo(new Shape(128, 64, 5, 5));
            assertThat(p.get("d.out.w").getShape()).isEqualTo(new Shape(1, 128 * 7 * 7));
            // batch norm: G everywhere but its output, D everywhere but its input
            assertThat(p.asMap().keySet()).contains("g.proj.bn.gamma", "g.up0.bn.gamma", "d.down1.bn.gamma")
                    .doesNotContain("g.up1.bn.gamma", "d.down0.bn.gamma");
        }
        // the whole model: samples in the data's layout, in [0, 1]; D judges pack images at once
        GanConfig packed = new GanConfig(16, new int[] {32, 16}, new int[] {16, 32}, "relu", "leaky_relu",
                "nonsaturating", 1, 2, true, 1, 0.5, 0, "conv", 3);
        try (NDManager m = root.newSubManager(); Gan gan = Gan.dcgan(packed, mnist, m)) {
            NDArray s = gan.sample(m, 5);
            assertThat(s.getShape()).isEqualTo(new Shape(5, 784));
            assertThat(s.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(s.max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(gan.discriminate(m.randomUniform(0f, 1f, new Shape(6, 784))).getShape())
                    .isEqualTo(new Shape(3));
            assertThat(gan.kind()).isEqualTo("dcgan");
            assertThat(gan.sampleBytesPerRow(784)).isGreaterThan(256L * 784);
        }
        // sides that are no multiple of 4 (14×14, 30×30): the generator crops its 16×16, 32×32 output
        for (int side : new int[] {14, 30}) {
            DataSpec odd = new DataSpec(side * side, new int[] {side, side}, DataKind.GREY);
            try (NDManager m = root.newSubManager(); Gan gan = Gan.dcgan(GanConfig.dcgan(), odd, m)) {
                assertThat(gan.sample(m, 3).getShape()).isEqualTo(new Shape(3, (long) side * side));
                assertThat(gan.discriminate(m.randomUniform(0f, 1f, new Shape(4, (long) side * side))).getShape())
                        .isEqualTo(new Shape(4));
            }
        }
    }

    /**
     * A large draw is pushed through the generator in chunks of rows (to bound memory): it must
     * give what one pass over the same noise gives.
     */
    @Test
    void chunkedSamplingEqualsOnePass() {
        DataSpec mnist = new DataSpec(784, new int[] {28, 28}, DataKind.GREY);
        try (NDManager m = root.newSubManager(); Gan gan = Gan.dcgan(GanConfig.dcgan(), mnist, m)) {
            int n = 300; // more than one chunk (about 140 rows at 28×28)
            Engine.getInstance().setRandomSeed(9);
            float[] chunked = gan.sample(m, n).toFloatArray();
            Engine.getInstance().setRandomSeed(9);
            float[] whole = gan.generate(m.randomNormal(new Shape(n, GanConfig.dcgan().noise())), false).toFloatArray();
            assertThat(chunked).hasSize(n * 784);
            for (int i = 0; i < whole.length; i++) {
                assertThat((double) chunked[i]).as("value %d", i).isCloseTo(whole[i], within(1e-5));
            }
        }
    }

    @Test
    void refusalsAreOneLineUserErrors() {
        DataSpec points = DataSpec.vector(2, DataKind.CONTINUOUS);
        Zoo.Entry<?> e = Zoo.get("dcgan");
        assertThatThrownBy(() -> e.create(e.defaults().apply(points), points, root))
                .isInstanceOf(UserError.class).hasMessageContaining("dcgan models images")
                .hasMessageNotContaining("\n");
        GanConfig c = GanConfig.dcgan();
        assertThatThrownBy(() -> new GanConfig(c.noise(), c.generatorHidden(), c.discriminatorHidden(), "relu",
                "leaky_relu", "nonsaturating", 1, 1, true, 1, 0, 0.1, "conv", 5))
                .isInstanceOf(UserError.class).hasMessageStartingWith("r1:").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new GanConfig(c.noise(), c.generatorHidden(), c.discriminatorHidden(), "relu",
                "leaky_relu", "nonsaturating", 1, 1, true, 1, 0, 0, "conv", 4))
                .isInstanceOf(UserError.class).hasMessageStartingWith("kernel:");
        assertThatThrownBy(() -> new GanConfig(c.noise(), c.generatorHidden(), c.discriminatorHidden(), "relu",
                "leaky_relu", "nonsaturating", 1, 1, true, 1, 0, 0, "resnet", 5))
                .isInstanceOf(UserError.class).hasMessageStartingWith("players:");
        DataSpec mnist = new DataSpec(784, new int[] {28, 28}, DataKind.GREY);
        assertThatThrownBy(() -> e.create(GanConfig.mnist(), mnist, root))
                .isInstanceOf(UserError.class).hasMessageStartingWith("players:");
    }
}
